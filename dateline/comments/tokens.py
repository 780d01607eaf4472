"""The form token: signed, timestamped, spent once, and never part of cached HTML.

The page fetches a token from ``/comments/token/`` when the reader starts on
the form (or the server hands one out on the no-JavaScript confirm page), so a
page cached for a day still has a working form. A token proves the post came
from our form at least ``COMMENTS_MIN_FILL_SECONDS`` after it was issued and no
more than ``COMMENTS_TOKEN_MAX_AGE`` ago; spending it records its nonce in the
shared cache, so the same token cannot post twice. This is why the post and
report views can do without Django's CSRF cookie (which would have to be in
the cached HTML): a cross-site page cannot read a token out of our responses.
"""

from __future__ import annotations

import secrets
import time

from django.core import signing
from django.core.cache import cache

from dateline import conf

SALT = "dateline.comments.token"

MESSAGES = {
    "missing": "Your comment needs one more step: check it and press “Post Comment” again.",
    "invalid": "The form was damaged on the way; check your comment and press “Post Comment” again.",
    "expired": "The form had been open a long time; check your comment and press “Post Comment” again.",
    "too_fast": "That was very quick. Please wait a moment, then press “Post Comment” again.",
    "replayed": "This form was already sent once. If you meant to post another comment, press “Post Comment” again.",
}


class TokenError(Exception):
    def __init__(self, code: str):
        super().__init__(MESSAGES[code])
        self.code = code
        self.message = MESSAGES[code]


def token_issue() -> str:
    return signing.dumps({"n": secrets.token_urlsafe(12), "t": round(time.time(), 2)}, salt=SALT)


def _read(token: str) -> dict:
    if not token:
        raise TokenError("missing")
    if len(token) > 300:
        raise TokenError("invalid")
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise TokenError("invalid") from None
    if not isinstance(data, dict) or not isinstance(data.get("n"), str) or not isinstance(data.get("t"), int | float):
        raise TokenError("invalid")
    return data


def token_check(token: str, *, now: float | None = None, min_fill: float | None = None) -> dict:
    """Raise :class:`TokenError` unless the token is ours, old enough, fresh enough and unspent."""
    data = _read(token)
    now = time.time() if now is None else now
    age = now - data["t"]
    if age > conf.get("COMMENTS_TOKEN_MAX_AGE"):
        raise TokenError("expired")
    if age < (conf.get("COMMENTS_MIN_FILL_SECONDS") if min_fill is None else min_fill):
        raise TokenError("too_fast")
    if cache.get(_spent_key(data["n"])) is not None:
        raise TokenError("replayed")
    return data


def token_spend(token: str) -> None:
    """Mark the token used; raise ``TokenError("replayed")`` when another request spent it first."""
    data = _read(token)
    if not cache.add(_spent_key(data["n"]), 1, timeout=conf.get("COMMENTS_TOKEN_MAX_AGE") + 60):
        raise TokenError("replayed")


def token_unspend(token: str) -> None:
    """Give the token back when the comment it carried could not be stored, so a resend works."""
    try:
        data = _read(token)
    except TokenError:
        return
    cache.delete(_spent_key(data["n"]))


def _spent_key(nonce: str) -> str:
    return f"comments:token-spent:{nonce}"
