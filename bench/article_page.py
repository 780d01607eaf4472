"""Uncached article page under load: seed, serve, wrk, report.

    .venv/bin/python bench/article_page.py [--articles 10000] [--comments 50000] [--keep]

Seeds a fresh data folder with `dateline seed` (10,000 articles and 50,000
comments, 11 sections, 200 tags, as the WordPress baseline), starts
`dateline serve` (granian, one worker per core, no page cache), picks the
lowest-numbered article with exactly 10 approved comments, counts the SQL
queries its page costs, then runs wrk -t2 -c16: 5 s warm-up (discarded) and
15 s measured, with --latency. Prints a Markdown table and writes it, with the
raw wrk output, to bench/results/.

Set DATELINE_DATABASE_URL to measure on PostgreSQL (the database must exist
and be empty).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from wrkutil import free_port, parse_wrk, wrk

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"

QUERY_PROBE = r"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db.models import Count, Q
from dateline.articles.models import ArticlePage
article = (ArticlePage.objects.published().annotate(n=Count("comments", filter=Q(comments__status="approved")))
           .filter(n=10).order_by("pk").first() or ArticlePage.objects.published().order_by("pk").first())
client = Client(HTTP_HOST="127.0.0.1")
path = article.article_path()
client.get(path)
with CaptureQueriesContext(connection) as ctx:
    response = client.get(path)
print("PROBE" + json.dumps({"path": path, "queries": len(ctx), "bytes": len(response.content), "status": response.status_code,
      "comments": article.comments.filter(status="approved").count()}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--data-dir", default=None, help="Reuse this data folder (seeded already) instead of a fresh one.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATELINE_DATA_DIR"] = str(data_dir)
    env["DATELINE_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["DATELINE_PAGE_CACHE"] = "false"  # uncached: every request renders
    report = {"database": "postgresql" if env.get("DATELINE_DATABASE_URL") else "sqlite", "articles": args.articles, "comments": args.comments}

    if not args.data_dir:
        started = time.monotonic()
        subprocess.run([BIN / "dateline", "seed", "--articles", str(args.articles), "--comments", str(args.comments),
                        "--sections", "11", "--tags", "200", "--seed", "1"], env=env, check=True, stdout=subprocess.DEVNULL)
        report["seed_seconds"] = round(time.monotonic() - started, 1)

    probe = subprocess.run([BIN / "dateline", "manage", "shell", "-c", QUERY_PROBE], env=env, capture_output=True, text=True, check=True)
    report.update(json.loads(probe.stdout.split("PROBE", 1)[1]))

    port = free_port()
    server = subprocess.Popen([BIN / "dateline", "serve", "--port", str(port), "--no-worker"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}{report['path']}"
        for _ in range(240):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            print("the server did not answer", file=sys.stderr)
            return 1
        wrk(url, duration="5s", latency=False)
        raw = wrk(url, duration="15s")
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not lose the run for a slow stop
            os.killpg(server.pid, 9)
            server.wait()
    report.update(parse_wrk(raw))
    report["workers"] = os.cpu_count()

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (RESULTS / f"article_page-{report['database']}-{stamp}.wrk.txt").write_text(raw)
    table = (
        "| database | articles | comments | page | bytes | SQL queries | req/s | p50 ms | p99 ms | non-2xx |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"| {report['database']} | {args.articles:,} | {args.comments:,} | article with {report['comments']} comments | {report['bytes']:,} | "
        f"{report['queries']} | {report['rps']:.1f} | {report['p50_ms']:.2f} | {report['p99_ms']:.2f} | {report['non_2xx']} |\n"
    )
    (RESULTS / f"article_page-{report['database']}-{stamp}.json").write_text(json.dumps(report, indent=2))
    print(table)
    print(json.dumps(report, indent=2))
    if not args.keep and not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
