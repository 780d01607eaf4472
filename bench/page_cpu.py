"""CPU cost of one uncached reader request, measured in-process.

    DATELINE_DATA_DIR=/var/tmp/x .venv/bin/python bench/page_cpu.py [--requests 200] [--profile 25]

Runs with the production settings and ``DATELINE_PAGE_CACHE=false`` against a
data folder already filled (``dateline demo --no-serve`` or ``dateline seed``),
through Django's WSGI handler with no server in front. Picks the first article
with exactly 10 approved comments (else the first published one), warms each
page once, then times ``--requests`` requests of the article page and of the
home page with ``time.process_time`` (CPU of this process only, so a busy
machine inflates it less than wall time), after freezing the loaded heap as a
served process does. Prints ms of CPU per request (median
and mean), SQL queries per request and the page's size. ``--profile N`` also
prints the N costliest functions (cumulative) of the article page under cProfile.

CPU time is what caps an uncached server: with 2 cores, req/s is at most
2000 / (ms of CPU per request).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time


def _setup() -> None:
    os.environ["DATELINE_ENV"] = "production"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.project.settings.production"
    os.environ["DATELINE_PAGE_CACHE"] = "false"
    os.environ.setdefault("DATELINE_ALLOWED_HOSTS", "127.0.0.1,localhost")
    import django

    django.setup()
    from dateline.cli import _collectstatic

    _collectstatic()  # the production settings serve hashed static files: write the manifest once


def _request(handler, path: str):
    from django.test import RequestFactory

    environ = RequestFactory().get(path, HTTP_HOST="127.0.0.1").environ
    chunks = []
    status = []

    def start_response(s, headers, exc_info=None):
        status.append(s)

    for chunk in handler(environ, start_response):
        chunks.append(chunk)
    return status[0], b"".join(chunks)


def _measure(handler, path: str, requests: int) -> dict:
    from django.db import connection

    status, body = _request(handler, path)  # warm: caches, templates, connection
    status, body = _request(handler, path)
    ctx = []  # (Django empties connection.queries at each request's start, so count with a wrapper)
    with connection.execute_wrapper(lambda execute, sql, params, many, context: ctx.append(sql) or execute(sql, params, many, context)):
        _request(handler, path)
    samples = []
    for _ in range(requests):
        started = time.process_time()
        _request(handler, path)
        samples.append((time.process_time() - started) * 1000)
    return {
        "path": path, "status": status, "bytes": len(body), "queries": len(ctx),
        "cpu_ms_median": round(statistics.median(samples), 2), "cpu_ms_mean": round(statistics.fmean(samples), 2),
        "cpu_ms_p90": round(sorted(samples)[int(len(samples) * 0.9)], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="Print the N costliest functions of the article page.")
    parser.add_argument("--path", action="append", default=[], help="Also measure this path (repeatable).")
    args = parser.parse_args()
    if not os.environ.get("DATELINE_DATA_DIR") and not os.environ.get("DATELINE_DATABASE_URL"):
        print("Set DATELINE_DATA_DIR to a filled data folder.", file=sys.stderr)
        return 2
    _setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db.models import Count, Q

    from dateline.articles.models import ArticlePage

    article = (ArticlePage.objects.published().annotate(n=Count("comments", filter=Q(comments__status="approved")))
               .filter(n=10).order_by("pk").first() or ArticlePage.objects.published().order_by("pk").first())
    handler = WSGIHandler()
    # As a served process does once the application is built (dateline/project/wsgi.py): without
    # it every full collection walks the whole loaded heap, which charged code that allocates
    # more (an ORM query compiled per request) two to three times its cost under the server.
    from dateline.operations.memory import heap_freeze

    heap_freeze()
    results = {"article": _measure(handler, article.article_path(), args.requests),
               "home": _measure(handler, "/", args.requests)}
    for path in args.path:
        results[path] = _measure(handler, path, args.requests)
    print("| page | path | status | bytes | SQL queries | CPU ms median | mean | p90 | req/s cap on 2 cores |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['path']} | {r['status'].split()[0]} | {r['bytes']:,} | {r['queries']} | {r['cpu_ms_median']} | "
              f"{r['cpu_ms_mean']} | {r['cpu_ms_p90']} | {2000 / r['cpu_ms_median']:.0f} |")
    print(json.dumps({"load_average": os.getloadavg(), **results}))
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(50):
            _request(handler, article.article_path())
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.profile)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
