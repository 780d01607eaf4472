"""Writes for sitemaps: only making the cached sitemaps stale."""

from __future__ import annotations

from dateline.core.cache import cache_clear

SITEMAPS_CACHE = "sitemaps"


def sitemaps_clear() -> None:
    """Make every cached sitemap (index, children, news) stale."""
    cache_clear(SITEMAPS_CACHE)
