"""The `dateline comments` commands: forget, digest, retention."""

import datetime

import pytest
from click.testing import CliRunner
from django.utils import timezone

from dateline import cli
from dateline.comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_setup(monkeypatch):
    """The test process already has Django and its database set up."""
    monkeypatch.setattr(cli, "_data_dir", lambda **kw: None)
    monkeypatch.setattr(cli, "_setup_django", lambda **kw: None)


def _comment(article, email, **fields):
    values = {"article": article, "author_name": "Ines Varga", "author_email": email, "author_url": "https://ines.example",
              "ip_hash": "a" * 64, "body": "Some words", "status": "approved", "notify_replies": True}
    values.update(fields)
    return Comment.objects.create(**values)


def test_forget_removes_personal_data_and_says_what(article, no_setup):
    _comment(article, "ines@example.org")
    _comment(article, "INES@example.org", author_url="", ip_hash="")
    other = _comment(article, "tom@example.org", author_name="Tom")
    result = CliRunner().invoke(cli.cli, ["comments", "forget", "ines@example.org"])
    assert result.exit_code == 0, result.output
    assert "2 comments" in result.output
    assert "2 names, 2 email addresses, 1 websites, 1 address hashes, 2 reply-mail subscriptions" in result.output
    forgotten = Comment.objects.exclude(pk=other.pk)
    assert set(forgotten.values_list("author_name", "author_email", "author_url", "ip_hash", "notify_replies")) == {("Anonymous", "", "", "", False)}
    assert list(forgotten.values_list("body", flat=True)) == ["Some words", "Some words"]
    assert Comment.objects.get(pk=other.pk).author_email == "tom@example.org"


def test_forget_with_delete_text(article, no_setup):
    _comment(article, "ines@example.org")
    result = CliRunner().invoke(cli.cli, ["comments", "forget", "ines@example.org", "--delete-text"])
    assert result.exit_code == 0, result.output
    assert "1 comment texts" in result.output
    assert Comment.objects.get().body == "" and Comment.objects.get().status == "removed"


def test_forget_unknown_email(article, no_setup):
    result = CliRunner().invoke(cli.cli, ["comments", "forget", "nobody@example.org"])
    assert result.exit_code == 0 and "nothing to remove" in result.output


def test_retention_erases_old_personal_data(article, no_setup, settings):
    settings.DATELINE_COMMENTS_RETENTION_DAYS = 30
    old = _comment(article, "old@example.org", created_at=timezone.now() - datetime.timedelta(days=31))
    new = _comment(article, "new@example.org")
    result = CliRunner().invoke(cli.cli, ["comments", "retention"])
    assert result.exit_code == 0, result.output
    assert "1 comment(s) older than 30 days" in result.output
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.author_email, old.author_url, old.ip_hash) == ("", "", "")
    assert old.author_name == "Ines Varga" and old.body == "Some words"
    assert new.author_email == "new@example.org"


def test_digest_command(article, no_setup, settings):
    settings.DATELINE_COMMENTS_MODERATOR_EMAILS = "desk@newsroom.example"
    _comment(article, "i@example.org", status="pending")
    result = CliRunner().invoke(cli.cli, ["comments", "digest"])
    assert result.exit_code == 0, result.output
    assert "Digest sent to 1 moderator(s): 1 comment(s) waiting." in result.output
    again = CliRunner().invoke(cli.cli, ["comments", "digest"])
    assert "already sent" in again.output
