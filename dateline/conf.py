"""Every dateline setting, its default and its help text, in one place.

A setting named ``X`` here is read from the environment variable ``DATELINE_X``
when the process starts (``dateline/project/settings/base.py`` does that) and
lands in Django's settings as ``DATELINE_X``.  Application code reads it at call
time through :func:`get`, never at import time, so ``override_settings`` and
the pytest ``settings`` fixture keep working.

``docs/settings.md`` documents each entry; ``tests/test_docs.py`` fails when one
is missing there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_name(self) -> str:
        return f"DATELINE_{self.name}"


SETTINGS: list[Setting] = [
    # Where things live
    Setting("DATA_DIR", "./var", "Folder for the SQLite database, media, cache and the generated secret key."),
    Setting("DATABASE_URL", "", "A database URL (postgres://user:pass@host:5432/name). Empty means SQLite in the data folder."),
    Setting("REDIS_URL", "", "A Redis URL for the shared cache. Empty means a file cache in the data folder."),
    Setting("ENV", "development", "'development' or 'production'. `dateline serve` switches to production."),
    Setting("SECRET_KEY", "", "Django's secret key. Empty means one generated once and kept in DATA_DIR/secret_key."),
    Setting("DEBUG", False, "Django's DEBUG. Never on in production."),
    Setting("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", "Comma-separated host names the site answers to."),
    Setting("BASE_URL", "http://127.0.0.1:8000", "The public address of the site, used in feeds, sitemaps and mail."),
    Setting("TIME_ZONE", "UTC", "The newsroom's time zone: dates in article URLs and datelines use it."),
    Setting("LANGUAGE_CODE", "en-us", "The site's language."),
    # The publication
    Setting("SITE_NAME", "The Dateline Courier", "The publication's name, shown in the header, titles and feeds."),
    Setting("SITE_TAGLINE", "Independent local and world news", "A line under the masthead."),
    # Reader pages
    Setting("ARTICLES_PER_PAGE", 20, "Articles per page on section fronts, author and tag pages."),
    Setting("HOME_PER_SECTION", 4, "Articles shown for each section on the home page."),
    Setting("SIDEBAR_COUNT", 5, "Articles in the sidebar list."),
    Setting("RELATED_COUNT", 6, "Articles in the list under an article."),
    Setting("FOOTER_COUNT", 6, "Articles in the footer list."),
    Setting("LIST_CACHE_SECONDS", 300, "How long the sidebar, footer and front-page lists are cached, at most."),
    Setting("PAGE_MAX_AGE", 60, "Cache-Control max-age, in seconds, of reader pages for shared caches and browsers."),
    # Readership
    Setting("POPULAR_SIDEBAR_DAYS", 7, "Window, in days, of the sidebar's most-read list ('Top 5 This Week')."),
    Setting("POPULAR_SIDEBAR_HEADING", "Top 5 This Week", "Heading of the sidebar's most-read list."),
    Setting("POPULAR_FOOTER_DAYS", 30, "Window, in days, of the footer's most-read list ('Popular Articles')."),
    Setting("POPULAR_FOOTER_HEADING", "Popular Articles", "Heading of the footer's most-read list."),
    Setting("POPULAR_FRESH_ONLY", False, "Only list articles first published inside the window."),
    Setting("POPULAR_REFRESH_MINUTES", 5, "Most-read lists are recomputed at most this often (and when an article is unpublished)."),
    Setting("VIEWS_HOURLY_DAYS", 90, "Hourly view buckets older than this are dropped; daily buckets and totals keep the history."),
    Setting("VIEWS_FLUSH_SECONDS", 5, "How often the worker moves buffered views into the counts."),
    Setting("VIEWS_RATE_LIMIT", 120, "Beacons accepted per client address per minute, per server process; 0 turns the limit off."),
    Setting("BEACON_PATH", "/v/", "Path of the view beacon endpoint."),
    Setting("BEHIND_PROXY", False, "Take the client address from X-Forwarded-For (set when a proxy you run sits in front)."),
    # Related posts
    Setting("RELATED_MIN_SCORE", 1.0, "Related entries scoring below this are not shown; the list is filled with the section's latest."),
    Setting("RELATED_SCORER", "dateline.related.scoring.RelatedScorer", "Dotted path of the class that scores related articles (subclass RelatedScorer to change weights)."),
    # Serving
    Setting("WORKERS", 0, "Server worker processes for `dateline serve`; 0 means one per CPU core."),
    Setting("HOST", "127.0.0.1", "Address `dateline serve` listens on."),
    Setting("PORT", 8000, "Port `dateline serve` and `dateline demo` listen on."),
    # Reader comments (issue 6)

    # Feeds, sitemaps, structured data, search and API (issue 7)

    # Page cache and production serving (issue 8)
    Setting("PAGE_CACHE", True, "Keep reader pages in each server process's memory and answer repeats from there (the embedded page cache). Pages live PAGE_MAX_AGE seconds or until purged."),
    Setting("PAGE_CACHE_MB", 64, "Memory, in MiB per server process, the embedded page cache may use; least recently read pages go first."),
    Setting("PURGE_URLS", "", "Comma-separated refresh listeners of front-end caches to purge when pages change, e.g. http://127.0.0.1:8081 for deploy/nginx/dateline.conf. Empty means none."),

    # WordPress import (issue 9)

    # Security, logging, backups (issue 10)

    # Demo
    Setting("DEMO_PASSWORD", "", "Password for the demo editor and reporter accounts. Empty means a random one, printed once."),
]

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
_BY_NAME = {s.name: s for s in SETTINGS}


def parse(name: str, raw: str) -> Any:
    """Turn an environment string into the type of the setting's default."""
    default = _BY_NAME[name].default
    if isinstance(default, bool):
        value = raw.strip().lower()
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"DATELINE_{name} must be true or false, not {raw!r}")
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"DATELINE_{name} must be a number, not {raw!r}") from None
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"DATELINE_{name} must be a whole number, not {raw!r}") from None
    return raw


def from_environ(environ: os._Environ | dict | None = None) -> dict[str, Any]:
    """Every setting's value from the environment, falling back to its default."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env_name)
        values[setting.name] = setting.default if raw is None else parse(setting.name, raw)
    return values


def get(name: str) -> Any:
    """Read a setting at call time: Django's ``DATELINE_<name>``, else the default."""
    from django.conf import settings

    if name not in _BY_NAME:
        raise KeyError(f"Unknown dateline setting {name!r}; add it to dateline.conf.SETTINGS")
    return getattr(settings, f"DATELINE_{name}", _BY_NAME[name].default)
