"""Spam checkers: a small backend interface, a local rules backend, and an Akismet-compatible one.

``DATELINE_COMMENTS_CHECKERS`` lists the classes to run, in order. Each gets the
:class:`~dateline.comments.moderation.Candidate` and returns the hold reasons it
found (an empty list means "looks fine"). A checker that cannot reach its
service holds nothing and logs why: a comment is never lost or rejected because
a third party is down.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from dateline import conf
from dateline.comments.text import count_links
from dateline.core.absolute import base_url

logger = logging.getLogger("dateline.comments")


class SpamChecker:
    """Subclass and implement :meth:`check`; set ``name`` for the hold reason ("spam_checker:<name>")."""

    name = ""

    def enabled(self) -> bool:
        return True

    def check(self, candidate) -> list[str]:
        raise NotImplementedError(f"{type(self).__name__} must define check(candidate)")


class LocalRulesChecker(SpamChecker):
    """Rules that need no service: too many links, blocked words, blocked emails (the database lists)."""

    name = "local"

    def check(self, candidate) -> list[str]:
        from dateline.comments.models import BlockedEmail, BlockedWord

        reasons = []
        if count_links(candidate.body) > conf.get("COMMENTS_MAX_LINKS"):
            reasons.append("too_many_links")
        haystack = f"{candidate.author_name}\n{candidate.author_url}\n{candidate.body}".lower()
        words = BlockedWord.objects.values_list("word", flat=True)
        if any(word and word in haystack for word in words):
            reasons.append("blocked_word")
        email = candidate.author_email.strip().lower()
        domain = "@" + email.rpartition("@")[2] if "@" in email else ""
        if email and BlockedEmail.objects.filter(pattern__in=[email, domain]).exists():
            reasons.append("blocked_email")
        return reasons


class AkismetChecker(SpamChecker):
    """Asks an Akismet-compatible comment-check endpoint; off unless DATELINE_COMMENTS_AKISMET_KEY is set."""

    name = "akismet"
    timeout = 4.0

    def enabled(self) -> bool:
        return bool(conf.get("COMMENTS_AKISMET_KEY"))

    def payload(self, candidate) -> dict:
        return {
            "blog": base_url(),
            "user_ip": candidate.client_ip,
            "user_agent": candidate.user_agent,
            "referrer": candidate.referrer,
            "permalink": candidate.permalink,
            "comment_type": "comment",
            "comment_author": candidate.author_name,
            "comment_author_email": candidate.author_email,
            "comment_author_url": candidate.author_url,
            "comment_content": candidate.body,
        }

    def post(self, url: str, data: bytes) -> str:
        request = urllib.request.Request(url, data=data, headers={"User-Agent": "dateline-comments/1"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (https URL from settings)
            return response.read(200).decode("utf-8", "replace").strip()

    def check(self, candidate) -> list[str]:
        key = conf.get("COMMENTS_AKISMET_KEY")
        url = conf.get("COMMENTS_AKISMET_URL").replace("{key}", urllib.parse.quote(key, safe=""))
        try:
            answer = self.post(url, urllib.parse.urlencode(self.payload(candidate)).encode())
        except (urllib.error.URLError, OSError, ValueError) as exc:
            logger.warning("Spam checker %s unreachable, comment not checked by it: %s", self.name, exc)
            return []
        if answer == "true":
            return [f"spam_checker:{self.name}"]
        if answer != "false":
            logger.warning("Spam checker %s answered %r; comment not checked by it", self.name, answer[:80])
        return []


def checkers() -> list[SpamChecker]:
    """The configured checkers that are switched on, in order."""
    found = []
    for dotted in [p.strip() for p in conf.get("COMMENTS_CHECKERS").split(",") if p.strip()]:
        try:
            cls = import_string(dotted)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"DATELINE_COMMENTS_CHECKERS names {dotted!r}, which cannot be imported ({exc}); "
                "give dotted paths of dateline.comments.spam.SpamChecker subclasses."
            ) from None
        checker = cls()
        if checker.enabled():
            found.append(checker)
    return found
