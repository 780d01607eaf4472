"""Writes about readership: record a view, flush the buffer, prune, seed history.

A view is recorded once in the view buffer, keyed by a hash of
(daily salt, client address, user agent, article, day). The unique key makes
the same reader's second view of the day a no-op. The salt is random, kept
only in the cache (never in the database beside the counts) and replaced
each day, so yesterday's hashes cannot be tied to anyone.

The worker calls :func:`views_flush` every few seconds: it adds the waiting
views to the hourly, daily, total and referrer counts and marks them counted,
all in one transaction, so a crash in the middle counts them once or not yet,
never twice. Where views wait is ``buffers.get_view_buffer()``: a table, or
Redis when DATELINE_REDIS_URL is set.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from dateline import conf
from dateline.analytics.buffers import get_view_buffer, start_of_today
from dateline.analytics.models import (
    ArticleViewsDaily,
    ArticleViewsHourly,
    ArticleViewsTotal,
    ReferrerDaily,
)

_DIGITS = re.compile(r"\d+")
COUNTED, DUPLICATE, CRAWLER, UNKNOWN, RATE_LIMITED = "counted", "duplicate", "crawler", "unknown", "rate_limited"


# -- who is a crawler -------------------------------------------------------------------


class _Crawlers:
    """crawlerdetect's maintained patterns, with a small per-process memo (user agents repeat)."""

    def __init__(self, size: int = 4096):
        self._detector = None
        self._memo: OrderedDict[str, bool] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def is_crawler(self, user_agent: str) -> bool:
        if not user_agent or len(user_agent) < 8:
            return True  # browsers always send one; scripts often don't
        # Version numbers change daily and never decide crawler or not, so they share a memo entry.
        key = _DIGITS.sub("0", user_agent)
        with self._lock:
            hit = self._memo.get(key)
            if hit is not None:
                self._memo.move_to_end(key)
                return hit
        if self._detector is None:
            from crawlerdetect import CrawlerDetect

            self._detector = CrawlerDetect()
        verdict = bool(self._detector.isCrawler(user_agent))
        with self._lock:
            self._memo[key] = verdict
            if len(self._memo) > self._size:
                self._memo.popitem(last=False)
        return verdict


crawlers = _Crawlers()


# -- per-client rate limit ----------------------------------------------------------------


class _RateLimiter:
    """A fixed one-minute window per client address, in this process's memory."""

    def __init__(self):
        self._window = 0
        self._counts: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def allow(self, client: str, *, limit: int) -> bool:
        if limit <= 0:
            return True
        window = int(time.monotonic() // 60)
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, defaultdict(int)
            self._counts[client] += 1
            return self._counts[client] <= limit


rate_limiter = _RateLimiter()


# -- which articles may be counted ----------------------------------------------------------


class _VisibleArticles:
    """Whether an article id is published and past its embargo, memoised for a minute per process."""

    ttl = 60.0

    def __init__(self, size: int = 20000):
        self._memo: OrderedDict[int, tuple[bool, float]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def __contains__(self, article_id: int) -> bool:
        now = time.monotonic()
        with self._lock:
            hit = self._memo.get(article_id)
            if hit and hit[1] > now:
                return hit[0]
        from dateline.articles.models import ArticlePage

        visible = ArticlePage.objects.published().filter(pk=article_id).exists()
        with self._lock:
            self._memo[article_id] = (visible, now + self.ttl)
            if len(self._memo) > self._size:
                self._memo.popitem(last=False)
        return visible

    def forget(self) -> None:
        with self._lock:
            self._memo.clear()


visible_articles = _VisibleArticles()


# -- the daily salt ---------------------------------------------------------------------------


def visitor_salt(day: datetime.date) -> str:
    """Today's random salt, shared by every process through the cache and never written to the database."""
    key = f"analytics:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(16), timeout=60 * 60 * 48)
        salt = cache.get(key)
    return salt


def visitor_hash(*, article_id: int, client: str, user_agent: str, day: datetime.date) -> str:
    material = f"{visitor_salt(day)}|{client}|{user_agent}|{article_id}|{day.isoformat()}".encode()
    return hashlib.blake2b(material, digest_size=16).hexdigest()


def referrer_domain(raw: str) -> str:
    """The domain of a referrer, without path, query or port; '' when there is none."""
    raw = (raw or "").strip()[:300]
    if not raw:
        return ""
    try:  # urlsplit raises ValueError on an unbalanced IPv6 bracket ("http://[x"): no domain then
        if "//" in raw and urlsplit(raw).scheme not in ("http", "https", ""):
            return ""
        if "//" not in raw and ":" in raw.split("/", 1)[0]:
            return ""  # "javascript:…", "mailto:…", or a host with a port we do not need
        host = urlsplit(raw if "//" in raw else f"//{raw}").hostname or ""
    except ValueError:
        return ""
    host = host.lower().removeprefix("www.")
    if not host or len(host) > 120 or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789.-" for c in host):
        return ""
    return host


# -- recording ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordResult:
    outcome: str


def article_view_record(*, article_id: int, client: str, user_agent: str, referrer: str = "", at: datetime.datetime | None = None) -> RecordResult:
    """Record one reader's view of an article, once per reader per article per day.

    Crawlers, unknown or unpublished articles and clients over the rate limit
    are not recorded. A recorded view is committed to the buffer before this
    returns, so the caller may acknowledge it.
    """
    if crawlers.is_crawler(user_agent):
        return RecordResult(CRAWLER)
    if not rate_limiter.allow(client, limit=conf.get("VIEWS_RATE_LIMIT")):
        return RecordResult(RATE_LIMITED)
    if article_id not in visible_articles:
        return RecordResult(UNKNOWN)
    at = at or timezone.now()
    day = timezone.localtime(at).date()
    visitor = visitor_hash(article_id=article_id, client=client, user_agent=user_agent[:400], day=day)
    inserted = get_view_buffer().append(visitor=visitor, article_id=article_id, viewed_at=at, referrer=referrer_domain(referrer))
    return RecordResult(COUNTED if inserted else DUPLICATE)


# -- flushing, pruning -------------------------------------------------------------------------


def hour_floor(moment: datetime.datetime) -> datetime.datetime:
    """The start of the hour bucket a moment falls in."""
    return moment.replace(minute=0, second=0, microsecond=0)


def views_flush(*, batch: int = 20000) -> int:
    """Move buffered views into the counts; returns how many were counted. Safe to run twice."""
    from dateline.articles.models import ArticlePage

    buffer = get_view_buffer()
    total = 0
    while True:
        with transaction.atomic():
            taken = buffer.take(batch=batch)
            if not taken.rows:
                return total
            known = set(ArticlePage.objects.filter(pk__in={r[0] for r in taken.rows}).values_list("pk", flat=True))
            hourly, daily, totals, referrers = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
            for article_id, viewed_at, referrer in taken.rows:
                if article_id not in known:
                    continue  # deleted since the view
                local = timezone.localtime(viewed_at)
                hourly[(article_id, hour_floor(viewed_at))] += 1
                daily[(article_id, local.date())] += 1
                totals[article_id] += 1
                if referrer:
                    referrers[(article_id, local.date(), referrer)] += 1
            _add(ArticleViewsHourly, ("article_id", "hour"), hourly)
            _add(ArticleViewsDaily, ("article_id", "day"), daily)
            _add(ArticleViewsTotal, ("article_id",), {(k,): v for k, v in totals.items()})
            _add(ReferrerDaily, ("article_id", "day", "domain"), referrers)
            buffer.commit_marker(taken)
            total += sum(totals.values())
        buffer.after_commit(taken)
        if len(taken.rows) < batch:
            return total


def _add(model, key_fields: tuple[str, ...], increments: dict) -> None:
    """Add each increment to its row, creating rows that do not exist yet (one upsert statement)."""
    if not increments:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = [qn(model._meta.get_field(f.removesuffix("_id")).column) for f in key_fields]
    placeholders = ", ".join(["%s"] * (len(columns) + 1))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}, views) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*key, amount] for key, amount in increments.items()])


def views_prune(*, now: datetime.datetime | None = None) -> dict:
    """Drop counted buffer rows from before today, and hourly buckets past DATELINE_VIEWS_HOURLY_DAYS.

    Daily buckets already hold every view, so dropping old hourly buckets loses no history.
    """
    now = now or timezone.now()
    buffer_deleted = get_view_buffer().prune(before=start_of_today(now))
    cutoff = now - datetime.timedelta(days=conf.get("VIEWS_HOURLY_DAYS"))
    hourly_deleted, _ = ArticleViewsHourly.objects.filter(hour__lt=cutoff).delete()
    return {"buffer": buffer_deleted, "hourly": hourly_deleted}


def article_views_seed_total(*, article_id: int, views: int) -> None:
    """Set an article's all-time views from an import of its history (WordPress, CSV).

    Views counted by dateline since are kept on top; seeding again replaces the seeded part.
    """
    article_views_seed_totals(totals={article_id: views})


def article_views_seed_totals(*, totals: dict[int, int]) -> None:
    """:func:`article_views_seed_total` for many articles (article id -> views) in a few queries."""
    from dateline.core.pagetree import rows_insert

    if not totals:
        return
    with transaction.atomic():
        ids = sorted(totals)
        existing: list[ArticleViewsTotal] = []
        for start in range(0, len(ids), 2000):
            existing += ArticleViewsTotal.objects.select_for_update().filter(article_id__in=ids[start : start + 2000])
        for total in existing:
            views = totals[total.article_id]
            total.views = total.views - total.seeded_views + views
            total.seeded_views = views
        ArticleViewsTotal.objects.bulk_update(existing, ["views", "seeded_views"], batch_size=500)
        seen = {total.article_id for total in existing}
        # Rows, not instances: an import seeds tens of thousands (rows_insert: COPY or executemany).
        rows_insert(model=ArticleViewsTotal, rows=[{"article_id": pk, "views": v, "seeded_views": v} for pk, v in totals.items() if pk not in seen])


def article_views_history_add(*, article_id: int, hourly: dict[datetime.datetime, int]) -> None:
    """Add past views straight to the buckets (hour -> views): demo history and imports with dates."""
    daily: dict[tuple, int] = defaultdict(int)
    for hour, views in hourly.items():
        daily[(article_id, timezone.localtime(hour).date())] += views
    _add(ArticleViewsHourly, ("article_id", "hour"), {(article_id, hour_floor(h)): v for h, v in hourly.items() if v})
    _add(ArticleViewsDaily, ("article_id", "day"), {k: v for k, v in daily.items() if v})
    _add(ArticleViewsTotal, ("article_id",), {(article_id,): sum(hourly.values())})
