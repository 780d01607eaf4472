"""Purging reader pages: from every server process's memory, and from the front-end caches."""

from __future__ import annotations

from collections.abc import Iterable

from dateline import conf
from dateline.pagecache.journal import ALL, journal_append


def frontend_backend_settings() -> dict:
    """Wagtail front-end cache backends: ``WAGTAILFRONTENDCACHE`` plus one per DATELINE_PURGE_URLS entry."""
    from django.conf import settings

    backends = dict(getattr(settings, "WAGTAILFRONTENDCACHE", None) or {})
    for i, url in enumerate(u.strip() for u in conf.get("PURGE_URLS").split(",") if u.strip()):
        backends[f"dateline-refresh-{i}"] = {"BACKEND": "dateline.pagecache.frontend.RefreshBackend", "LOCATION": url}
    return backends


def pages_purge(*, paths: Iterable[str], frontend: str = "queue") -> list[str]:
    """Purge these reader pages (absolute URL paths) everywhere they are cached.

    Every server process drops them before its next answer (the purge journal).
    Front-end caches are purged by Wagtail's background task (``frontend="queue"``),
    at once (``"now"``, for the command line), or not at all (``"skip"``).
    """
    unique = sorted({p for p in paths if p and (p == ALL or p.startswith("/"))})
    if not unique:
        return []
    journal_append(unique)
    if ALL in unique:
        return unique  # a front-end cache cannot be emptied by refreshing; its pages age out
    if frontend != "skip":
        pages_purge_frontend(paths=unique, now=frontend == "now")
    return unique


def pages_purge_frontend(*, paths: list[str], now: bool = True) -> None:
    """Purge these paths from every configured front-end cache.

    Goes through Wagtail's front-end cache task, run here (``now``) or queued
    for `dateline worker`, so a reader's or editor's request never waits on it.
    """
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    backends = frontend_backend_settings()
    if not backends or not paths:
        return
    base = conf.get("BASE_URL").rstrip("/")
    urls = [f"{base}{p}" for p in paths]
    if now:
        purge_urls_from_cache_task.call(urls, backends)
    else:
        purge_urls_from_cache_task.enqueue(urls, backends)
