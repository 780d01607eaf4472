"""Why a comment is held: the reason codes, their labels, and the moderation policy.

:class:`CommentModerator` decides, for a comment about to be saved, whether it
is published at once or held, and records every reason it was held. Its
attributes are its configuration; subclass it and point
``dateline.comments.moderation.moderator`` at an instance to change the policy
(as django-contrib-comments' ``CommentModerator`` does).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline import conf

REASONS = {
    "first_comment": "First comment from this email",
    "untrusted": "Trusted commenters are turned off: every comment is moderated",
    "too_many_links": "Too many links",
    "blocked_word": "Contains a blocked word",
    "blocked_email": "Blocked email address",
    "spam_checker": "A spam checker's verdict",
    "rate_limit": "Rate limit: many comments from this address or email in a short time",
    "reported": "Reported by readers",
}


def reason_label(code: str) -> str:
    """'spam_checker:akismet' → "A spam checker's verdict (akismet)"."""
    base, _, detail = code.partition(":")
    label = REASONS.get(base, base.replace("_", " ").capitalize())
    return f"{label} ({detail})" if detail else label


@dataclass
class Candidate:
    """A comment that passed validation and is about to be saved, with what the checks need."""

    article_id: int
    author_name: str
    author_email: str
    author_url: str
    body: str
    ip_hash: str = ""
    user_agent: str = ""
    referrer: str = ""
    client_ip: str = ""  # for an external checker only; never stored
    permalink: str = ""
    rate_limited: bool = False
    reasons: list[str] = field(default_factory=list)


class CommentModerator:
    """The default policy: trusted commenters publish at once; anything suspicious waits."""

    hold_first_setting = "COMMENTS_HOLD_FIRST"
    trust_setting = "COMMENTS_TRUST_APPROVED"

    def reasons_for(self, candidate: Candidate) -> list[str]:
        from dateline.comments.models import Comment
        from dateline.comments.spam import checkers

        reasons: list[str] = []
        if candidate.rate_limited:
            reasons.append("rate_limit")
        for checker in checkers():
            for reason in checker.check(candidate):
                if reason not in reasons:
                    reasons.append(reason)
        approved_before = Comment.objects.by_email(candidate.author_email).approved().exists()
        if not approved_before and conf.get(self.hold_first_setting):
            reasons.append("first_comment")
        elif approved_before and not conf.get(self.trust_setting):
            reasons.append("untrusted")
        return reasons


moderator = CommentModerator()
