"""Reads about readership: most-read lists and one article's figures.

A reader's request never sums raw views: ``article_list_popular`` answers
from the cache. The lists live DATELINE_POPULAR_REFRESH_MINUTES, the worker sums
the slots' lists again a minute before they expire (``PopularSlot.refresh``),
and they are cleared when an article is unpublished (``popular_lists_clear``). Computing a list
sums precomputed buckets: daily buckets for the whole days inside the window
and hourly buckets for its two partial days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from dateline import conf
from dateline.analytics.models import (
    ArticleViewsDaily,
    ArticleViewsHourly,
    ArticleViewsTotal,
    ReferrerDaily,
)
from dateline.analytics.services import hour_floor
from dateline.articles.models import ArticlePage, SectionPage
from dateline.articles.selectors import Card, cards_from_queryset
from dateline.core.cache import cached

POPULAR_CACHE = "analytics:popular"
WINDOWS = {"24 hours": 1, "7 days": 7, "30 days": 30, "all time": None}


def _window_counts(*, since: datetime.datetime, until: datetime.datetime, article_ids=None) -> dict[int, int]:
    """Views per article in [since, until), from daily buckets for whole days and hourly ones at the edges."""
    local_since, local_until = timezone.localtime(since), timezone.localtime(until)
    first_full_day = (local_since + datetime.timedelta(days=1)).date() if local_since.time() != datetime.time(0) else local_since.date()
    last_full_day = local_until.date() - datetime.timedelta(days=1)
    counts: dict[int, int] = {}

    def add(rows):
        for article_id, views in rows:
            counts[article_id] = counts.get(article_id, 0) + views

    def restrict(qs):
        return qs.filter(article_id__in=article_ids) if article_ids is not None else qs

    if first_full_day <= last_full_day:
        daily = ArticleViewsDaily.objects.filter(day__gte=first_full_day, day__lte=last_full_day)
        add(restrict(daily).values("article_id").annotate(n=Sum("views")).values_list("article_id", "n"))
        start_of_first = timezone.make_aware(datetime.datetime.combine(first_full_day, datetime.time(0)))
        end_of_last = timezone.make_aware(datetime.datetime.combine(last_full_day + datetime.timedelta(days=1), datetime.time(0)))
        edges = [(since, start_of_first), (end_of_last, until)]
    else:
        edges = [(since, until)]
    for start, end in edges:
        if start >= end:
            continue
        hourly = ArticleViewsHourly.objects.filter(hour__gte=hour_floor(start), hour__lt=end)
        add(restrict(hourly).values("article_id").annotate(n=Sum("views")).values_list("article_id", "n"))
    return counts


def article_ids_popular(
    *, days: int | None, limit: int, section: SectionPage | None = None, fresh_only: bool = False, now: datetime.datetime | None = None
) -> list[int]:
    """Ids of the most-read published articles in the last ``days`` days (None: all time), best first."""
    now = now or timezone.now()
    if days is None:
        ranked = ArticleViewsTotal.objects.filter(views__gt=0).order_by("-views", "article_id").values_list("article_id", "views")
        counts = dict(ranked[: max(limit * 20, 200)])
        since = None
    else:
        since = now - datetime.timedelta(days=days)
        counts = _window_counts(since=since, until=now)
    if not counts:
        return []
    ordered = sorted(counts, key=lambda pk: (-counts[pk], -pk))
    visible = ArticlePage.objects.published(at=now)
    if section is not None:
        visible = visible.in_section(section)
    if fresh_only and since is not None:
        visible = visible.filter(published_at__gte=since)
    chosen: list[int] = []
    step = max(limit * 4, 50)
    for start in range(0, len(ordered), step):
        chunk = ordered[start : start + step]
        allowed = set(visible.filter(pk__in=chunk).values_list("pk", flat=True))
        chosen.extend(pk for pk in chunk if pk in allowed)
        if len(chosen) >= limit:
            break
    return chosen[:limit]


def article_list_popular(
    *, days: int | None, limit: int, section: SectionPage | None = None, fresh_only: bool | None = None
) -> list[Card]:
    """The most-read articles as cards (cached; see the module docstring)."""
    fresh_only = conf.get("POPULAR_FRESH_ONLY") if fresh_only is None else fresh_only

    def compute():
        ids = article_ids_popular(days=days, limit=limit, section=section, fresh_only=fresh_only)
        cards = {c.pk: c for c in cards_from_queryset(ArticlePage.objects.filter(pk__in=ids))}
        return [cards[pk] for pk in ids if pk in cards]

    suffix = f"d{days}:n{limit}:s{section.pk if section else 0}:f{int(fresh_only)}"
    return cached(POPULAR_CACHE, compute, timeout=conf.get("POPULAR_REFRESH_MINUTES") * 60, key_suffix=suffix)


# -- one article, for editors --------------------------------------------------------------


@dataclass(frozen=True)
class Readership:
    daily: list[tuple[datetime.date, int]]
    windows: dict[str, int]
    referrers: list[tuple[str, int]]
    seeded: int


def article_readership(*, article_id: int, days: int = 30, now: datetime.datetime | None = None) -> Readership:
    """Views per day over ``days`` days, totals per window, and top referring domains."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    first = today - datetime.timedelta(days=days - 1)
    per_day = dict(
        ArticleViewsDaily.objects.filter(article_id=article_id, day__gte=first).values_list("day", "views")
    )
    daily = [(first + datetime.timedelta(days=i), per_day.get(first + datetime.timedelta(days=i), 0)) for i in range(days)]
    total, seeded = ArticleViewsTotal.objects.filter(article_id=article_id).values_list("views", "seeded_views").first() or (0, 0)
    windows = {}
    for label, window_days in WINDOWS.items():
        if window_days is None:
            windows[label] = total
        else:
            windows[label] = _window_counts(since=now - datetime.timedelta(days=window_days), until=now, article_ids=[article_id]).get(article_id, 0)
    referrers = list(
        ReferrerDaily.objects.filter(article_id=article_id, day__gte=first)
        .values("domain")
        .annotate(n=Sum("views"))
        .order_by("-n", "domain")
        .values_list("domain", "n")[:10]
    )
    return Readership(daily=daily, windows=windows, referrers=referrers, seeded=seeded)


def readership_report(*, days: int | None, section: SectionPage | None = None, limit: int = 50) -> list[tuple[ArticlePage, int]]:
    """Top articles for the site report: (article, views in the window), uncached (editors only)."""
    now = timezone.now()
    ids = article_ids_popular(days=days, limit=limit, section=section, now=now)
    if days is None:
        counts = dict(ArticleViewsTotal.objects.filter(article_id__in=ids).values_list("article_id", "views"))
    else:
        counts = _window_counts(since=now - datetime.timedelta(days=days), until=now, article_ids=ids)
    articles = {a.pk: a for a in ArticlePage.objects.filter(pk__in=ids).select_related("section")}
    return [(articles[pk], counts.get(pk, 0)) for pk in ids if pk in articles]
