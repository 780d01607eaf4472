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
    Setting("BASE_URL", "", "The canonical public address of the site (https://news.example.org), used for absolute URLs in feeds, sitemaps, structured data, the API and mail. Empty means the address each request came to."),
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
    Setting("POPULAR_REFRESH_MINUTES", 5, "Most-read lists are at most this old: the worker recomputes them a minute before they expire (and at once when an article is unpublished)."),
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
    Setting("COMMENTS_ENABLED", True, "Readers may comment on articles (each article can still be closed or reopened by moderators)."),
    Setting("COMMENTS_MAX_DEPTH", 3, "Deepest reply level shown as a thread; replies to the deepest level join it instead of nesting further."),
    Setting("COMMENTS_NEWEST_FIRST", False, "Show top-level comments newest first (replies stay in the order they came)."),
    Setting("COMMENTS_PER_PAGE", 50, "Top-level comments per page under an article (their replies come along)."),
    Setting("COMMENTS_CLOSE_AFTER_DAYS", 0, "Close comments this many days after an article is first published; 0 means never."),
    Setting("COMMENTS_MAX_LENGTH", 5000, "Longest comment accepted, in characters."),
    Setting("COMMENTS_MAX_LINKS", 2, "A comment with more links than this is held for moderation (WordPress holds at more than 2)."),
    Setting("COMMENTS_MIN_FILL_SECONDS", 3, "A form sent sooner than this after its token was issued is rejected as a bot."),
    Setting("COMMENTS_TOKEN_MAX_AGE", 7200, "Seconds a form token stays valid; the page fetches a fresh one when the form is used."),
    Setting("COMMENTS_RATE_PER_IP", 5, "Comments accepted per hashed client address per 10 minutes; more are held. 0 turns the limit off."),
    Setting("COMMENTS_RATE_PER_EMAIL", 3, "Comments accepted per email address per 10 minutes; more are held. 0 turns the limit off."),
    Setting("COMMENTS_HOLD_FIRST", True, "Hold a commenter's first comment (no approved comment from that email yet) for moderation."),
    Setting("COMMENTS_TRUST_APPROVED", True, "Publish at once a comment from an email with an approved comment, unless another check holds it."),
    Setting("COMMENTS_REPORTS_TO_HOLD", 1, "Reader reports that send an approved comment back to the moderation queue."),
    Setting("COMMENTS_CHECKERS", "dateline.comments.spam.LocalRulesChecker,dateline.comments.spam.AkismetChecker", "Comma-separated dotted paths of spam checker classes, run in order."),
    Setting("COMMENTS_AKISMET_KEY", "", "An Akismet (or compatible) API key; empty turns that checker off."),
    Setting("COMMENTS_AKISMET_URL", "https://{key}.rest.akismet.com/1.1/comment-check", "The comment-check endpoint of the Akismet-compatible service ({key} is replaced)."),
    Setting("COMMENTS_MODERATOR_EMAILS", "", "Comma-separated addresses for the moderation digest; empty means the Comment moderator group's members."),
    Setting("COMMENTS_DIGEST_MINUTES", 60, "How often the worker sends the moderation digest (only when comments wait)."),
    Setting("COMMENTS_RETENTION_DAYS", 730, "Commenters' email, website and address hash are erased after this many days; 0 keeps them."),
    Setting("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend", "Django mail backend; set django.core.mail.backends.smtp.EmailBackend to send through SMTP."),
    Setting("EMAIL_HOST", "localhost", "SMTP server for outgoing mail."),
    Setting("EMAIL_PORT", 25, "SMTP port."),
    Setting("EMAIL_HOST_USER", "", "SMTP user name."),
    Setting("EMAIL_HOST_PASSWORD", "", "SMTP password."),
    Setting("EMAIL_USE_TLS", False, "Use STARTTLS with the SMTP server."),
    Setting("DEFAULT_FROM_EMAIL", "newsroom@localhost", "The sender of the site's mail (digests, reply notifications)."),

    # Feeds, sitemaps, structured data, search and API (issue 7)
    Setting("FEED_ITEMS", 30, "Articles in each feed (RSS, Atom, JSON Feed)."),
    Setting("FEED_FULL_CONTENT", False, "Put each article's full text in feeds; off means the summary (dek) only."),
    Setting("DISTRIBUTION_CACHE_SECONDS", 300, "How long feeds and sitemaps are cached at most; publishing or unpublishing clears them at once."),
    Setting("SITEMAP_PAGE_SIZE", 50000, "URLs per child sitemap (the sitemaps.org limit is 50,000)."),
    Setting("PUBLISHER_LOGO_URL", "", "The publisher's logo for structured data (absolute, or a path on the site). Empty means the built-in wordmark."),
    Setting("TWITTER_SITE", "", "The publication's @handle for Twitter/X cards. Empty leaves twitter:site out."),
    Setting("SEARCH_PER_PAGE", 10, "Results per page of site search."),
    Setting("SEARCH_MAX_QUERY_LENGTH", 200, "Longer search queries are cut to this many characters."),
    Setting("SEARCH_FRESHNESS_DAYS", 30, "Freshness boost in search ranking: relevance is multiplied by 1 + F/(F + age in days), so a new story counts twice as much as an old one of equal relevance, and one F days old one and a half times."),
    Setting("SEARCH_RATE_LIMIT", 60, "Searches accepted per client address per minute; 0 turns the limit off."),
    Setting("API_PAGE_SIZE", 20, "Default page size of API lists."),
    Setting("API_MAX_PAGE_SIZE", 100, "Largest page size an API client may ask for."),
    Setting("API_RATE_LIMIT", 120, "API requests accepted per client address per minute; 0 turns the limit off."),

    # Page cache and production serving (issue 8)
    Setting("PAGE_CACHE", True, "Keep reader pages in each server process's memory and answer repeats from there (the embedded page cache). Pages live PAGE_MAX_AGE seconds or until purged."),
    Setting("PAGE_CACHE_MB", 64, "Memory, in MiB per server process, the embedded page cache may use; least recently read pages go first."),
    Setting("PURGE_URLS", "", "Comma-separated refresh listeners of front-end caches to purge when pages change, e.g. http://127.0.0.1:8081 for deploy/nginx/dateline.conf. Empty means none."),

    # WordPress import (issue 9)

    # Security, logging, backups (issue 10)
    Setting("HTTPS", "auto", "'on', 'off' or 'auto' (on when BASE_URL starts with https://). Under the production profile HTTPS turns on secure cookies, HSTS and the redirect to https."),
    Setting("HSTS_SECONDS", 31536000, "Strict-Transport-Security max-age, in seconds, sent when HTTPS is on; 0 sends no HSTS header."),
    Setting("HSTS_INCLUDE_SUBDOMAINS", False, "Add includeSubDomains to HSTS. Turn on only when every subdomain serves HTTPS."),
    Setting("HSTS_PRELOAD", False, "Add preload to HSTS. Turn on only when you mean to submit the domain to the browsers' preload list."),
    Setting("ADMIN_PATH", "/admin/", "Path of the newsroom admin (Wagtail), for example /newsroom-7f3a/."),
    Setting("LOGIN_FAILURE_LIMIT", 5, "Failed staff logins, per account and per client address, before further attempts are locked out."),
    Setting("LOGIN_LOCKOUT_MINUTES", 15, "How long a lockout lasts, in minutes."),
    Setting("TWO_FACTOR_REQUIRED", "none", "Who must use two-factor sign-in (an authenticator app) for the admin: 'none' (each staff member chooses), 'superusers', or 'staff' (everyone who signs in to the admin)."),
    Setting("REQUEST_LOG", "auto", "'on', 'off' or 'auto' (on in production): one JSON line per request on standard error."),
    Setting("TASK_STALE_MINUTES", 60, "A task claimed by a worker on another host this long ago, and still running, is taken to be abandoned and queued again when a worker starts."),
    Setting("PG_BIN_DIR", "", "Folder of pg_dump and pg_restore for `dateline backup` and `restore`. Empty means the PATH, then Debian's newest /usr/lib/postgresql/*/bin."),
    Setting("SQLITE_SYNCHRONOUS", "FULL", "SQLite's synchronous pragma (FULL or NORMAL). FULL survives power loss for every acknowledged write; see docs/operations.md for the cost."),

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
    setting = _BY_NAME.get(name)
    if setting is None:
        raise KeyError(f"Unknown dateline setting {name!r}; add it to dateline.conf.SETTINGS")
    # Django's one settings object, found once (the import here ran on every read, five
    # times per cached page, issue 8); override_settings changes what it holds, not it.
    settings = _django_settings or _find_django_settings()
    return getattr(settings, _ATTRIBUTE[name], setting.default)


_ATTRIBUTE = {s.name: s.env_name for s in SETTINGS}
_django_settings = None


def _find_django_settings():
    global _django_settings
    from django.conf import settings

    _django_settings = settings
    return settings
