"""Rate limits per hashed client address and per email, counted in the shared cache.

Over the limit a comment is held for moderation ("rate_limit"); at four times
the limit it is refused with a message asking the reader to wait, so a flood
cannot fill the queue. Counters live for one ten-minute window.
"""

from __future__ import annotations

import time

from django.core.cache import cache

from dateline import conf
from dateline.comments.privacy import email_key

WINDOW_SECONDS = 600
BLOCK_FACTOR = 4

OK, HOLD, BLOCK = "ok", "hold", "block"


def _hit(kind: str, ident: str, limit: int) -> str:
    if not limit or not ident:
        return OK
    window = int(time.time() // WINDOW_SECONDS)
    key = f"comments:rate:{kind}:{ident}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 60)
        count = 1
    if count > limit * BLOCK_FACTOR:
        return BLOCK
    if count > limit:
        return HOLD
    return OK


def rate_check(*, ip_hash: str, email: str) -> str:
    """Count one comment from this address and email; say whether it is fine, to hold, or to refuse."""
    verdicts = {
        _hit("ip", ip_hash, conf.get("COMMENTS_RATE_PER_IP")),
        _hit("email", email_key(email) if email else "", conf.get("COMMENTS_RATE_PER_EMAIL")),
    }
    if BLOCK in verdicts:
        return BLOCK
    return HOLD if HOLD in verdicts else OK


def report_once(*, ip_hash: str, comment_id: int) -> bool:
    """True the first time this address reports this comment (for a day)."""
    return cache.add(f"comments:reported:{comment_id}:{ip_hash or 'none'}", 1, timeout=86400)
