"""Each spam layer records its own hold reason; a comment is never lost to a layer."""

import pytest

from dateline.comments import spam
from dateline.comments.models import BlockedEmail, BlockedWord, Comment
from dateline.comments.moderation import reason_label

pytestmark = pytest.mark.django_db


def _reasons():
    return Comment.objects.order_by("-pk").first().held_reasons


def test_too_many_links_is_held(post, article, trusted):
    """More than COMMENTS_MAX_LINKS links (default 2) holds the comment, even from a trusted email."""
    trusted()
    post(article, body="https://a.example https://b.example")
    assert Comment.objects.order_by("-pk").first().status == "approved"
    post(article, body="https://a.example https://b.example www.c.example")
    assert _reasons() == ["too_many_links"]


def test_blocked_word_is_held(post, article, trusted):
    trusted()
    BlockedWord.objects.create(word="  Cheap Pills ")
    post(article, body="Buy CHEAP PILLS now")
    assert _reasons() == ["blocked_word"]
    assert BlockedWord.objects.get().word == "cheap pills"


@pytest.mark.parametrize("pattern", ["ines@example.org", "@example.org"])
def test_blocked_email_or_domain_is_held(post, article, trusted, pattern):
    trusted()
    BlockedEmail.objects.create(pattern=pattern)
    post(article)
    assert _reasons() == ["blocked_email"]


def test_rate_limit_per_address_holds_then_refuses(post, article, trusted, settings):
    """Past the per-address limit comments are held; at four times the limit they are refused with a 429."""
    settings.DATELINE_COMMENTS_RATE_PER_IP = 2
    settings.DATELINE_COMMENTS_RATE_PER_EMAIL = 0
    trusted()
    codes = [post(article, body=f"Comment {i}").json()["code"] for i in range(9)]
    assert codes[:2] == ["approved", "approved"]
    assert codes[2:8] == ["pending"] * 6
    assert codes[8] == "rate"
    assert sum("rate_limit" in c.held_reasons for c in Comment.objects.all()) == 6


def test_rate_limit_per_email(post, article, trusted, settings):
    settings.DATELINE_COMMENTS_RATE_PER_IP = 0
    settings.DATELINE_COMMENTS_RATE_PER_EMAIL = 1
    trusted()
    assert post(article, body="one").json()["code"] == "approved"
    assert post(article, body="two").json()["code"] == "pending"
    assert "rate_limit" in _reasons()
    assert post(article, body="three", email="other@example.org").json()["code"] == "pending"
    assert _reasons() == ["first_comment"]  # another email is not limited


def test_first_comment_hold_can_be_turned_off(post, article, settings):
    settings.DATELINE_COMMENTS_HOLD_FIRST = False
    assert post(article).json()["code"] == "approved"


class AlwaysSpam(spam.SpamChecker):
    name = "always"

    def check(self, candidate):
        return [f"spam_checker:{self.name}"]


def test_pluggable_checker_verdict_is_a_hold_reason(post, article, trusted, settings):
    """A checker class named in COMMENTS_CHECKERS runs, and its verdict shows as the hold reason."""
    settings.DATELINE_COMMENTS_CHECKERS = "tests.comments.test_spam.AlwaysSpam"
    trusted()
    post(article)
    assert _reasons() == ["spam_checker:always"]
    assert reason_label("spam_checker:always") == "A spam checker's verdict (always)"


def test_akismet_is_off_without_a_key(settings):
    settings.DATELINE_COMMENTS_AKISMET_KEY = ""
    assert [type(c).__name__ for c in spam.checkers()] == ["LocalRulesChecker"]


def test_akismet_verdicts(monkeypatch, post, article, trusted, settings):
    """The Akismet-compatible backend holds on "true", passes on "false", and holds nothing when unreachable."""
    settings.DATELINE_COMMENTS_AKISMET_KEY = "k3y"
    sent = []
    answers = iter(["true", "false", OSError("down")])

    def fake_post(self, url, data):
        sent.append((url, data))
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(spam.AkismetChecker, "post", fake_post)
    trusted()
    assert post(article, body="first").json()["code"] == "pending"
    assert _reasons() == ["spam_checker:akismet"]
    assert post(article, body="second").json()["code"] == "approved"
    assert post(article, body="third").json()["code"] == "approved"
    assert sent[0][0] == "https://k3y.rest.akismet.com/1.1/comment-check"
    assert b"comment_content=first" in sent[0][1] and b"user_ip=203.0.113.9" in sent[0][1]


def test_unknown_checker_fails_early(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DATELINE_COMMENTS_CHECKERS = "no.such.Checker"
    with pytest.raises(ImproperlyConfigured, match="DATELINE_COMMENTS_CHECKERS"):
        spam.checkers()


def test_no_ip_in_clear(post, article):
    """The address is stored only as a keyed hash."""
    post(article)
    comment = Comment.objects.get()
    assert comment.ip_hash and len(comment.ip_hash) == 64
    assert "203.0.113.9" not in str(Comment.objects.values().get())
