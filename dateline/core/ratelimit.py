"""A cheap per-client request limit for expensive public endpoints (search, the API).

One counter per client address, endpoint and minute in the shared cache
(``cache.add`` then ``cache.incr``: two round trips, no database). A crowded
minute boundary may let a client through up to twice the limit, which is fine
for its purpose: keeping one client from hogging the database.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def client_address(request) -> str:
    """The client's address, found as the beacon finds it (:func:`dateline.analytics.beacon.client_address`).

    Behind a proxy (DATELINE_BEHIND_PROXY) that is X-Forwarded-For's last entry, the one the
    proxy added: the first entries are whatever the client sent, so a limit keyed on them
    could be dodged by sending a new one with each request.
    """
    from dateline.analytics.beacon import client_address as environ_client_address

    return environ_client_address(request.META) or "unknown"


def rate_limit_exceeded(request, *, scope: str, per_minute: int) -> int:
    """0 while the client is within ``per_minute`` requests to ``scope``; else seconds until the next minute."""
    if per_minute <= 0:
        return 0
    now = time.time()
    minute = int(now // 60)
    key = f"ratelimit:{scope}:{client_address(request)}:{minute}"
    if cache.add(key, 1, timeout=90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=90)
            count = 1
    if count <= per_minute:
        return 0
    return max(1, int(60 - (now % 60)))
