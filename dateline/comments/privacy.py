"""Commenters' personal data: keyed hashes instead of addresses, and forgetting on request."""

from __future__ import annotations

import hashlib
import hmac


def ip_hash(address: str | None) -> str:
    """A keyed HMAC-SHA256 of a client address (empty for none); the address itself is never stored.

    Keyed with the site's secret key, so the hash cannot be reversed by hashing
    all four billion IPv4 addresses without that key.
    """
    if not address:
        return ""
    from django.conf import settings

    key = f"dateline.comments.ip:{settings.SECRET_KEY}".encode()
    return hmac.new(key, str(address).strip().encode(), hashlib.sha256).hexdigest()


def email_key(email: str) -> str:
    """A keyed hash of an address, for rate-limit cache keys (no address in the cache either)."""
    return ip_hash(f"mail:{email.strip().lower()}")
