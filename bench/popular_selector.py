"""The Top 5 selector over 10 million views: build the buckets, then time it cold and warm.

    .venv/bin/python bench/popular_selector.py [--database sqlite|postgresql|both] [--articles 10000]
                                               [--views 10000000] [--keep]

Seeds a fresh data folder with `dateline seed --articles 10000` (articles
first published over the last two years), then writes 10 million views
straight into ``analytics_articleviewshourly``, ``analytics_articleviewsdaily``
and ``analytics_articleviewstotal`` (bulk inserts; COPY on PostgreSQL), spread
over the last 90 days the way readers read news:

- 85 % of the views come in the days after an article is first published:
  views per hour fall off exponentially from publication (time constant 18 h,
  cut at 14 days), scaled by the article's popularity (log-normal, so a few
  articles take most of the views);
- 15 % are a long tail: any article published before the view, weighted by
  the same popularity, at a uniformly random hour of the window after it was
  published.

Then, under the production settings (``dateline serve``'s; file cache in the
data folder, or DATELINE_REDIS_URL when set), it times, as the sidebar's
"Top 5 This Week" asks:

- ``article_ids_popular(days=7, limit=5)``: summing the daily buckets of the
  whole days in the window and the hourly buckets of its two partial days,
  ranking, then the visibility filter (published, past any embargo) on the
  best ids, in chunks, until five are visible;
- cold ``article_list_popular(days=7, limit=5)``: the cached list after
  ``popular_lists_clear()`` (which an unpublish or the refresh interval
  causes): the same, plus building the five cards (one query for the articles
  with their sections and images, one for the bylines) and storing the list
  in the cache;
- warm ``article_list_popular(days=7, limit=5)``: served from the cache (two
  cache reads: the list's version, then the list).

Cold calls are repeated (``--cold-runs``, median reported) with the list
cache and the visibility memo cleared and a new database connection each
time, so SQLite's page cache is empty (the operating system's file cache is
not: the data has just been written). The very first call in a fresh process
is reported too. Each query of one cold call is listed with its time, to see
what dominates.

Prints a Markdown table and writes it and the JSON report to bench/results/.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"

WINDOW_DAYS = 90
FRESH_SHARE = 0.85
FRESH_TAU_HOURS = 18.0
FRESH_CUT_HOURS = 14 * 24


# -- the views -----------------------------------------------------------------------------------


def views_build(*, articles: list[tuple[int, datetime.datetime]], views: int, now: datetime.datetime, seed: int):
    """(hourly {(article id, hour): views}, hours) for ``views`` views in the last WINDOW_DAYS days."""
    rng = random.Random(seed)
    start = (now - datetime.timedelta(days=WINDOW_DAYS)).replace(minute=0, second=0, microsecond=0)
    hours = int((now - start).total_seconds() // 3600) + 1  # the last one is the current, partial hour
    popularity = [rng.lognormvariate(0, 1.3) for _ in articles]
    counts: dict[int, int] = defaultdict(int)  # key: article index * hours + hour index

    # The days after publication: an exponential fall-off from the publication hour.
    fresh = [(i, (published - start).total_seconds() / 3600) for i, (_, published) in enumerate(articles)
             if (published - start).total_seconds() > -FRESH_CUT_HOURS * 3600]
    decay = [math.exp(-h / FRESH_TAU_HOURS) - math.exp(-(h + 1) / FRESH_TAU_HOURS) for h in range(FRESH_CUT_HOURS)]
    weight = sum(popularity[i] for i, _ in fresh) or 1.0
    per_popularity = views * FRESH_SHARE / weight
    fresh_total = 0
    for i, offset in fresh:
        expected = popularity[i] * per_popularity
        first = math.floor(offset)
        for h, share in enumerate(decay):
            hour = first + h
            if hour < 0:
                continue
            if hour >= hours:
                break
            mean = expected * share
            n = int(mean) + (rng.random() < mean - int(mean))
            if n:
                counts[i * hours + hour] += n
                fresh_total += n
    fresh_total = min(fresh_total, views)

    # The long tail: any article already out, at any hour of the window after it came out.
    first_hour = [max(0, math.ceil((published - start).total_seconds() / 3600)) for _, published in articles]
    eligible = [i for i in range(len(articles)) if first_hour[i] < hours]
    cumulative, running = [], 0.0
    for i in eligible:
        running += popularity[i]
        cumulative.append(running)
    for _ in range(views - fresh_total):
        i = eligible[bisect.bisect(cumulative, rng.random() * running)]
        hour = first_hour[i] + int(rng.random() * (hours - first_hour[i]))
        counts[i * hours + hour] += 1

    # Trim the fresh part if rounding overshot (rare; keeps the total exact).
    excess = sum(counts.values()) - views
    for key in list(counts):
        if excess <= 0:
            break
        take = min(excess, counts[key] - 1)
        counts[key] -= take
        excess -= take

    hourly = {(articles[key // hours][0], start + datetime.timedelta(hours=key % hours)): n for key, n in counts.items()}
    return hourly, start, hours


def buckets_write(*, hourly: dict) -> dict:
    """Write hourly, daily and total buckets in bulk; returns row counts."""
    from django.db import connection, transaction
    from django.utils import timezone

    from dateline.analytics.models import ArticleViewsDaily, ArticleViewsHourly, ArticleViewsTotal

    daily: dict[tuple, int] = defaultdict(int)
    totals: dict[int, int] = defaultdict(int)
    day_of: dict[datetime.datetime, datetime.date] = {}
    for (article_id, hour), n in hourly.items():
        day = day_of.get(hour)
        if day is None:
            day = day_of[hour] = timezone.localtime(hour).date()
        daily[(article_id, day)] += n
        totals[article_id] += n

    tables = [
        (ArticleViewsHourly, ("article_id", "hour", "views"), sorted((a, h, n) for (a, h), n in hourly.items())),
        (ArticleViewsDaily, ("article_id", "day", "views"), sorted((a, d, n) for (a, d), n in daily.items())),
        (ArticleViewsTotal, ("article_id", "views", "seeded_views"), sorted((a, n, 0) for a, n in totals.items())),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model, columns, rows in tables:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
                for at in range(0, len(rows), 50_000):
                    cursor.executemany(sql, rows[at : at + 50_000])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum does after a bulk load
    # SQLite: no ANALYZE, since nothing in dateline runs it; the planner goes by the indexes alone.
    return {"hourly_rows": len(tables[0][2]), "daily_rows": len(tables[1][2]), "total_rows": len(tables[2][2]),
            "views": sum(totals.values())}


# -- the timings ----------------------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timings(*, cold_runs: int, warm_calls: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dateline.analytics.selectors import article_ids_popular, article_list_popular
    from dateline.analytics.signals import popular_lists_clear

    out = {}

    def cold_state():
        popular_lists_clear()  # the list cache's version, and the visibility memo
        connection.close()  # SQLite's page cache lives in the connection
        connection.ensure_connection()

    started = time.perf_counter()
    first_ids = article_ids_popular(days=7, limit=5)
    out["first_call_in_process_ms"] = _ms(time.perf_counter() - started)
    out["top5_ids"] = first_ids

    samples = []
    for _ in range(cold_runs):
        cold_state()
        started = time.perf_counter()
        ids = article_ids_popular(days=7, limit=5)
        samples.append(time.perf_counter() - started)
        assert ids == first_ids, (ids, first_ids)
    out["ids_cold_ms"] = {"median": _ms(statistics.median(samples)), "min": _ms(min(samples)), "max": _ms(max(samples))}

    samples = []
    for _ in range(cold_runs):
        popular_lists_clear()
        started = time.perf_counter()
        article_ids_popular(days=7, limit=5)
        samples.append(time.perf_counter() - started)
    out["ids_cold_same_connection_ms"] = {"median": _ms(statistics.median(samples)), "min": _ms(min(samples)), "max": _ms(max(samples))}

    samples = []
    for _ in range(cold_runs):
        cold_state()
        started = time.perf_counter()
        cards = article_list_popular(days=7, limit=5, fresh_only=False)
        samples.append(time.perf_counter() - started)
        assert [c.pk for c in cards] == first_ids
    out["list_cold_ms"] = {"median": _ms(statistics.median(samples)), "min": _ms(min(samples)), "max": _ms(max(samples))}

    article_list_popular(days=7, limit=5, fresh_only=False)
    samples = []
    for _ in range(warm_calls):
        started = time.perf_counter()
        article_list_popular(days=7, limit=5, fresh_only=False)
        samples.append(time.perf_counter() - started)
    out["list_warm_us"] = {"median": round(statistics.median(samples) * 1e6, 1), "p99": round(sorted(samples)[int(len(samples) * 0.99) - 1] * 1e6, 1)}

    cold_state()
    with CaptureQueriesContext(connection) as ctx:
        article_list_popular(days=7, limit=5, fresh_only=False)
    out["cold_queries"] = [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:400]} for q in ctx.captured_queries]
    out["cold_sql_ms"] = round(sum(q["ms"] for q in out["cold_queries"]), 1)  # Django times queries to the millisecond
    return out


def window_rows() -> dict:
    """How many bucket rows the 7-day window reads."""
    from django.utils import timezone

    from dateline.analytics.models import ArticleViewsDaily, ArticleViewsHourly

    now = timezone.now()
    since = now - datetime.timedelta(days=7)
    first_full = timezone.localtime(since).date() + datetime.timedelta(days=1)
    last_full = timezone.localtime(now).date() - datetime.timedelta(days=1)
    return {
        "window_daily_rows": ArticleViewsDaily.objects.filter(day__gte=first_full, day__lte=last_full).count(),
        "window_hourly_rows": ArticleViewsHourly.objects.filter(hour__gte=since.replace(minute=0, second=0, microsecond=0)).filter(
            hour__lt=timezone.make_aware(datetime.datetime.combine(first_full, datetime.time(0)))).count()
        + ArticleViewsHourly.objects.filter(hour__gte=timezone.make_aware(datetime.datetime.combine(last_full + datetime.timedelta(days=1), datetime.time(0)))).count(),
    }


def inner(args) -> int:
    """Runs in a child process with the data folder and database in its environment."""
    os.environ["DATELINE_ENV"] = "production"
    from dateline.project import configure

    configure()
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from dateline.articles.models import ArticlePage

    report: dict = {"database": connection.vendor}
    if not args.reuse:
        articles = list(ArticlePage.objects.published().order_by("pk").values_list("pk", "published_at"))
        started = time.monotonic()
        hourly, start, hours = views_build(articles=articles, views=args.views, now=timezone.now(), seed=args.seed)
        report["build_seconds"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        report.update(buckets_write(hourly=hourly))
        report["write_seconds"] = round(time.monotonic() - started, 1)
        del hourly
        report["published_in_window"] = sum(1 for _, p in articles if p >= start)
    report["articles"] = ArticlePage.objects.count()
    report.update(window_rows())
    # A new process, so the first call below is a real first call.
    probe = subprocess.run([sys.executable, __file__, "--time", "--cold-runs", str(args.cold_runs), "--warm-calls", str(args.warm_calls)],
                           capture_output=True, text=True, env=os.environ.copy())
    if probe.returncode != 0:
        print(probe.stderr, file=sys.stderr)
        return 1
    report.update(json.loads(probe.stdout.split("TIMINGS", 1)[1]))
    print("REPORT" + json.dumps(report, default=str))
    return 0


def time_only(args) -> int:
    os.environ["DATELINE_ENV"] = "production"
    from dateline.project import configure

    configure()
    import django

    django.setup()
    print("TIMINGS" + json.dumps(timings(cold_runs=args.cold_runs, warm_calls=args.warm_calls)))
    return 0


# -- the run -----------------------------------------------------------------------------------------


def bench_one(*, database_url: str, args) -> dict:
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="dateline-bench-popular-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update(DATELINE_DATA_DIR=str(data_dir))
    if os.environ.get("DATELINE_REDIS_URL"):
        env["DATELINE_REDIS_URL"] = os.environ["DATELINE_REDIS_URL"]
    if database_url:
        env["DATELINE_DATABASE_URL"] = database_url
    seed_seconds = None
    if not args.data_dir:
        started = time.monotonic()
        subprocess.run([BIN / "dateline", "seed", "--articles", str(args.articles), "--comments", "0", "--seed", str(args.seed)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        seed_seconds = round(time.monotonic() - started, 1)
    command = [sys.executable, __file__, "--inner", "--views", str(args.views), "--seed", str(args.seed),
               "--cold-runs", str(args.cold_runs), "--warm-calls", str(args.warm_calls)] + (["--reuse"] if args.data_dir else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process failed:\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.split("REPORT", 1)[1])
    report["seed_seconds"] = seed_seconds
    report["cache"] = "redis" if env.get("DATELINE_REDIS_URL") else "file cache in the data folder"
    if args.keep or args.data_dir:
        report["data_dir"] = str(data_dir)
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--views", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--warm-calls", type=int, default=1000)
    parser.add_argument("--data-dir", default=None, help="Reuse this data folder (buckets written already; SQLite only).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--time", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time:
        return time_only(args)
    if args.inner:
        return inner(args)

    reports = []
    if args.database in ("sqlite", "both"):
        reports.append(bench_one(database_url="", args=args))
    if args.database in ("postgresql", "both"):
        sys.path.insert(0, str(ROOT))
        try:
            from tests.pg_cluster import pg_cluster

            with pg_cluster() as url:  # durability off: this bench only reads once the buckets are written
                reports.append(bench_one(database_url=url, args=args))
        except Exception as exc:
            if args.database == "postgresql":
                raise
            print(f"PostgreSQL skipped: {exc}", file=sys.stderr)

    print('Top 5 selector ("Top 5 This Week": days=7, limit=5). Cold = list cache and visibility memo cleared and a new')
    print("database connection: summing the daily and hourly buckets in the window, ranking, the visibility filter, and")
    print("(for the list) building the five cards and caching them. Warm = article_list_popular answered from the cache.\n")
    table = (
        "| database | views | articles | hourly rows | daily rows | rows in 7-day window (daily + hourly) | first call in process ms | "
        "ids cold ms (median) | list cold ms (median) | list warm µs (median / p99) |\n" + "| --- " * 10 + "|\n"
    )
    for r in reports:
        table += (
            f"| {r['database']} | {r.get('views', 0):,} | {r['articles']:,} | {r.get('hourly_rows', 0):,} | {r.get('daily_rows', 0):,} | "
            f"{r['window_daily_rows']:,} + {r['window_hourly_rows']:,} | {r['first_call_in_process_ms']} | {r['ids_cold_ms']['median']} | "
            f"{r['list_cold_ms']['median']} | {r['list_warm_us']['median']} / {r['list_warm_us']['p99']} |\n"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for r in reports:
        (RESULTS / f"popular_selector-{r['database']}-{stamp}.json").write_text(json.dumps(r, indent=2))
    (RESULTS / f"popular_selector-{stamp}.md").write_text(table)
    print(table)
    for r in reports:
        print(f"{r['database']}: the queries of one cold article_list_popular call ({r['cold_sql_ms']} ms of SQL in all, "
              "timed by Django to the millisecond; the rest of a cold call is Python: rows to dicts, ranking, cards):")
        for q in r["cold_queries"]:
            print(f"  {q['ms']:>8.2f} ms  {q['sql'][:160]}")
    print(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
