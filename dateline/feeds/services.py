"""Writes for feeds: only making the cached feeds stale."""

from __future__ import annotations

from dateline.core.cache import cache_clear

FEEDS_CACHE = "feeds"


def feeds_clear() -> None:
    """Make every cached feed stale (an article, section or author was published, unpublished or deleted)."""
    cache_clear(FEEDS_CACHE)
