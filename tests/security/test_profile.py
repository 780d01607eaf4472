"""The production profile: secure settings from the environment, and `check --deploy` that stays quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline import conf
from dateline.security.profile import (
    admin_prefix,
    https_enabled,
    production_settings,
    secret_key_problem,
)

DATELINE = str(Path(sys.executable).parent / "dateline")


def env(**overrides):
    return {**conf.DEFAULTS, **overrides}


def test_https_follows_the_base_url_unless_set():
    """HTTPS is on for an https:// base URL, and DATELINE_HTTPS overrides either way."""
    assert https_enabled(env(BASE_URL="https://news.example.org"))
    assert not https_enabled(env(BASE_URL="http://news.example.org"))
    assert https_enabled(env(BASE_URL="http://127.0.0.1:8000", HTTPS="on"))
    assert not https_enabled(env(BASE_URL="https://news.example.org", HTTPS="off"))


def test_https_site_gets_secure_cookies_hsts_and_redirect():
    """With HTTPS: secure cookies, a year of HSTS, the redirect, and the proxy's header trusted."""
    values = production_settings(env(BASE_URL="https://news.example.org"))
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://news.example.org"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["DEBUG"] is False


def test_hsts_options_are_configurable():
    """HSTS length, subdomains and preload follow their settings; the silenced reminders follow too."""
    values = production_settings(
        env(BASE_URL="https://news.example.org", HSTS_SECONDS=600, HSTS_INCLUDE_SUBDOMAINS=True, HSTS_PRELOAD=True)
    )
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SILENCED_SYSTEM_CHECKS"] == []


def test_plain_http_site_gets_no_secure_only_settings():
    """Without HTTPS, cookies are not marked secure (they would never come back) and no HSTS is sent."""
    values = production_settings(env(BASE_URL="http://127.0.0.1:8000"))
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in values


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "empty"),
        ("django-insecure-" + "x1y2z3" * 10, "development key"),
        ("short-key", "characters long"),
        ("a" * 60, "different characters"),
    ],
)
def test_weak_secret_keys_are_refused(key, reason):
    """Empty, development, short and repetitive keys are each refused with the reason."""
    assert reason in secret_key_problem(key)


def test_a_random_key_is_accepted():
    """A key like the one kept in the data folder is fine."""
    import secrets

    assert secret_key_problem(secrets.token_urlsafe(50)) is None


def test_admin_prefix_is_normalised(settings):
    """DATELINE_ADMIN_PATH gets exactly one slash each side."""
    settings.DATELINE_ADMIN_PATH = "newsroom-7f3a"
    assert admin_prefix() == "/newsroom-7f3a/"
    settings.DATELINE_ADMIN_PATH = "/desk/"
    assert admin_prefix() == "/desk/"


@pytest.fixture
def production_env(tmp_path):
    data = tmp_path / "var"
    data.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    if os.environ.get("DATELINE_DATABASE_URL"):
        base["DATELINE_DATABASE_URL"] = os.environ["DATELINE_DATABASE_URL"]
    return {
        **base,
        "DATELINE_DATA_DIR": str(data),
        "DATELINE_ENV": "production",
        "DATELINE_BASE_URL": "https://news.example.org",
        "DATELINE_ALLOWED_HOSTS": "news.example.org",
    }


def check_deploy(environment):
    return subprocess.run(
        [DATELINE, "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_reports_nothing_under_the_production_profile(production_env):
    """`dateline manage check --deploy` on an HTTPS production site: no errors, no warnings."""
    result = check_deploy(production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_refuses_a_weak_key_and_warns_about_plain_http(production_env):
    """A short secret key is dateline.E101; a public site without HTTPS is dateline.W101."""
    weak = check_deploy({**production_env, "DATELINE_SECRET_KEY": "changeme"})
    assert weak.returncode != 0
    assert "dateline.E101" in weak.stderr + weak.stdout
    plain = check_deploy({**production_env, "DATELINE_BASE_URL": "http://news.example.org"})
    assert plain.returncode != 0
    assert "dateline.W101" in plain.stderr + plain.stdout
    assert "security.W004" not in plain.stderr + plain.stdout  # said once, by W101


def test_serve_refuses_a_weak_secret_key(production_env):
    """`dateline serve` stops with one sentence instead of serving with a weak key."""
    result = subprocess.run(
        [DATELINE, "serve", "--no-worker"], env={**production_env, "DATELINE_SECRET_KEY": "changeme"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "the secret key cannot be used in production" in result.stderr
