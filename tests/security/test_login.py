"""Staff login: locked out per account and per address after repeated failures, audited, under a configurable path."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", "editor@example.org", "right-password-42", is_staff=True)


def attempt(client, username, password, address="198.51.100.20"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_account_is_locked_after_the_limit_even_from_new_addresses(client, editor, settings):
    """After DATELINE_LOGIN_FAILURE_LIMIT failures an account is locked, whatever address tries next."""
    settings.DATELINE_LOGIN_FAILURE_LIMIT = 3
    for n in range(2):
        assert attempt(client, "editor", "wrong", address=f"198.51.100.{n}").status_code == 200
    assert attempt(client, "editor", "wrong", address="198.51.100.2").status_code == 429  # the limit-th failure
    locked = attempt(client, "editor", "right-password-42", address="192.0.2.99")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in locked" in text and "15 minutes" in text
    assert locked["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_after_the_limit_across_accounts(client, editor, settings):
    """One address guessing many accounts is locked out, and the real account then cannot log in from it."""
    settings.DATELINE_LOGIN_FAILURE_LIMIT = 3
    for name in ("alice", "bob", "carol"):
        attempt(client, name, "guess", address="203.0.113.66")
    assert attempt(client, "editor", "right-password-42", address="203.0.113.66").status_code == 429
    # The account itself is not locked: from another address it logs in.
    assert attempt(client, "editor", "right-password-42", address="192.0.2.10").status_code == 302


def test_a_success_below_the_limit_logs_in(client, editor, settings):
    """Failures below the limit do not stop the right password."""
    settings.DATELINE_LOGIN_FAILURE_LIMIT = 3
    attempt(client, "editor", "wrong")
    response = attempt(client, "editor", "right-password-42")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_lockout_is_audited_without_names_or_addresses(client, editor, settings, caplog):
    """The lockout leaves database records and a log line; the log line holds only hashes."""
    settings.DATELINE_LOGIN_FAILURE_LIMIT = 2
    with caplog.at_level(logging.INFO, logger="dateline.security.audit"):
        for _ in range(3):
            attempt(client, "editor", "wrong", address="198.51.100.77")
    assert AccessAttempt.objects.filter(username="editor").exists()
    assert AccessFailureLog.objects.filter(username="editor").count() >= 2
    events = [r for r in caplog.records if r.name == "dateline.security.audit"]
    assert any(getattr(r, "event", "") == "login_locked_out" for r in events)
    assert all(getattr(r, "event", "") in {"login_failed", "login_locked_out"} for r in events)
    for record in events:
        line = record.getMessage() + str(vars(record))
        assert "editor" not in line and "198.51.100.77" not in line
        assert len(record.account) == 16 and len(record.client) == 16


def test_login_without_a_request_is_not_refused(editor):
    """A login with no request (a test client's login(), a command) still works: there is no client to throttle."""
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password="right-password-42") == editor


def test_the_admin_can_live_under_another_path(client, settings):
    """DATELINE_ADMIN_PATH moves the admin; the old path is then an ordinary missing page."""
    import importlib

    from dateline.project import urls

    settings.DATELINE_ADMIN_PATH = "/newsroom-7f3a/"
    try:
        with override_settings(ROOT_URLCONF="dateline.project.urls"):
            importlib.reload(urls)
            clear_url_caches()
            assert client.get("/newsroom-7f3a/login/").status_code == 200
            assert client.get("/admin/login/").status_code == 404
    finally:
        settings.DATELINE_ADMIN_PATH = "/admin/"
        importlib.reload(urls)
        clear_url_caches()
