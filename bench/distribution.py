"""Distribution surfaces at a seeded size: sitemaps (time and memory), news sitemap, feeds, search and the API.

    .venv/bin/python bench/distribution.py [--articles 2000] [--searches 200] [--data-dir DIR] [--keep]

Seeds a fresh data folder with `dateline seed` (small by default; pass
--articles 100000 for the issue's targets), fills Wagtail's search index for
the seeded articles with Wagtail's own indexer (`add_items`, in batches, as
`update_index` does; the seed leaves the index empty), then measures, each in a
fresh `dateline manage shell` process so peak memory is the measured work's own:

* the sitemap index and the first article sitemap (up to DATELINE_SITEMAP_PAGE_SIZE
  URLs, 50,000 by default; streamed, and read chunk by chunk as a server would),
  cold (cache cleared) and again: wall time, Python peak (tracemalloc, in a
  third, untimed request), and the
  process's peak RSS (ru_maxrss) idle (Django set up), before the request
  (after one warm-up request) and at its peak, so the increment is the
  measured work's own and the total is what the process reached;
* the news sitemap and the site's RSS, Atom and JSON feeds, cold and cached;
* search: p50/p95/max over --searches queries of one to three words drawn from
  the seed's vocabulary, through the full /search/ page (Django test client,
  no server, rate limit off), with the backend named;
* the API: /api/articles (plain and filtered), one article, ninjs: p50/p95.

Prints a Markdown table and writes JSON to bench/results/. Set
DATELINE_DATABASE_URL to measure on PostgreSQL (an empty database).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"

INDEX = r"""
import json, time
from wagtail.search.backends import get_search_backend
from dateline.articles.models import ArticlePage
started = time.monotonic()
backend = get_search_backend()
index = backend.get_index_for_model(ArticlePage)
ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
for start in range(0, len(ids), 2000):
    index.add_items(ArticlePage, list(ArticlePage.objects.filter(pk__in=ids[start:start + 2000])))
print("RESULT" + json.dumps({"indexed": len(ids), "index_seconds": round(time.monotonic() - started, 1)}))
"""

PRELUDE = r"""
import json, resource, statistics, time, tracemalloc
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings
client = Client(HTTP_HOST="127.0.0.1")

def body_size(response):
    # A streamed body is read chunk by chunk and never held whole, as a server would send it.
    if not response.streaming:
        return len(response.content), response.content.count(b"<url>")
    size = urls = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        urls += chunk.count(b"<url>")
    return size, urls

def timed(path, *, cold, trace=False):
    # Timed without tracemalloc (it slows every allocation several times over); with trace=True,
    # the same request again for the Python heap's peak only.
    if cold:
        cache.clear()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    size, urls = body_size(response)
    elapsed = time.perf_counter() - started
    result = {"ms": round(elapsed * 1000, 1), "bytes": size, "urls": urls}
    if trace:
        result["py_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result

def rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

def rss_split():
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return {k: round(int(status[k].split()[0]) / 1024, 1) for k in ("RssAnon", "RssFile")}
"""

ONE_SURFACE = PRELUDE + r"""
idle = rss_mb()  # Django set up, nothing asked yet
client.get("/robots.txt")  # load the URLconf, apps and templates before measuring
baseline = rss_mb()
result = timed(PATH, cold=True)
peak = rss_mb()
result.update(rss_idle_mb=idle, rss_before_mb=baseline, rss_peak_mb=peak, rss_increment_mb=round(peak - baseline, 1), rss_after=rss_split())
result["warm"] = timed(PATH, cold=False)["ms"]
result["py_peak_mb"] = timed(PATH, cold=True, trace=True)["py_peak_mb"]
if not PATH.startswith("/sitemaps/"):
    del result["urls"]
print("RESULT" + json.dumps(result))
"""

SEARCH_AND_API = PRELUDE + r"""
import random
from dateline.articles.models import ArticlePage
from dateline.demo.seed import WORDS
from dateline.search.backends import search_backend

def percentiles(samples):
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    return {"n": len(samples), "p50_ms": round(pick(0.5), 1), "p95_ms": round(pick(0.95), 1), "max_ms": round(samples[-1], 1)}

words = list(WORDS) if not isinstance(WORDS, str) else WORDS.split()
rng = random.Random(7)
queries = [" ".join(rng.sample(words, rng.choice((1, 1, 2, 2, 3)))) for _ in range(SEARCHES)]
report = {"search_backend": type(search_backend()).__name__}
with override_settings(DATELINE_SEARCH_RATE_LIMIT=0, DATELINE_API_RATE_LIMIT=0):
    if queries:
        client.get("/search/", {"q": "harbour"})
        samples, hits = [], 0
        for q in queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": q})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            hits += response.content.count(b'class="search-hit"') > 0
        report["search"] = percentiles(samples) | {"queries_with_hits": hits}
    article = ArticlePage.objects.published().order_by("-pk").first()
    section = article.section.slug
    api = {
        "/api/articles": "/api/articles",
        "/api/articles?section=…&page=5": f"/api/articles?section={section}&page=5",
        "/api/articles?since=…": "/api/articles?since=2026-01-01T00:00:00Z",
        "/api/articles/{id}": f"/api/articles/{article.pk}",
        "/api/articles/{id}/ninjs": f"/api/articles/{article.pk}/ninjs",
    }
    report["api"] = {}
    for label, path in api.items():
        samples = []
        for _ in range(API_REPEATS):
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        report["api"][label] = percentiles(samples)
print("RESULT" + json.dumps(report))
"""


def shell(code: str, env: dict) -> dict:
    done = subprocess.run([BIN / "dateline", "manage", "shell", "-c", code], env=env, capture_output=True, text=True)
    if done.returncode != 0 or "RESULT" not in done.stdout:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit("a measurement failed")
    return json.loads(done.stdout.split("RESULT", 1)[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--api-repeats", type=int, default=30)
    parser.add_argument("--data-dir", default=None, help="Reuse this data folder (seeded and indexed already; pass --articles as seeded).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    parser.add_argument("--skip-search", action="store_true", help="Neither index nor measure search (indexing 100,000 articles takes a long while).")
    args = parser.parse_args()

    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATELINE_DATA_DIR=str(data_dir), DATELINE_ALLOWED_HOSTS="127.0.0.1,localhost", DATELINE_BASE_URL="https://news.example.org")
    report = {"database": "postgresql" if env.get("DATELINE_DATABASE_URL") else "sqlite", "articles": args.articles}
    report["load_before"] = [round(x, 2) for x in os.getloadavg()]

    if not args.data_dir:
        started = time.monotonic()
        subprocess.run([BIN / "dateline", "seed", "--articles", str(args.articles), "--sections", "11", "--tags", "200", "--seed", "1"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        report["seed_seconds"] = round(time.monotonic() - started, 1)
        if not args.skip_search:
            report.update(shell(INDEX, env))

    surfaces = ["/sitemap.xml", "/sitemaps/articles-1.xml", "/sitemap-news.xml", "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"]
    report["surfaces"] = {path: shell(f"PATH = {path!r}\n" + ONE_SURFACE, env) for path in surfaces}
    searches = 0 if args.skip_search else args.searches
    report.update(shell(f"SEARCHES = {searches}\nAPI_REPEATS = {args.api_repeats}\n" + SEARCH_AND_API, env))

    report["load_after"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (RESULTS / f"distribution-{report['database']}-{args.articles}-{stamp}.json").write_text(json.dumps(report, indent=2))
    lines = [
        f"{report['database']}, {args.articles:,} articles; load average {report['load_before']} before, {report['load_after']} after",
        "",
        "| surface | cold ms | again ms | bytes | Python peak MB | RSS idle / before → peak MB (increment) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path, r in report["surfaces"].items():
        label = path + (f" ({r['urls']:,} URLs)" if "urls" in r else "")
        rss = f"{r['rss_idle_mb']} / {r['rss_before_mb']} → {r['rss_peak_mb']} (+{r['rss_increment_mb']})"
        lines.append(f"| {label} | {r['ms']} | {r['warm']} | {r['bytes']:,} | {r['py_peak_mb']} | {rss} |")
    lines += ["", "| request | n | p50 ms | p95 ms | max ms |", "| --- | --- | --- | --- | --- |"]
    s = report.get("search")
    if s:
        lines.append(f"| /search/ ({report['search_backend']}, {s['queries_with_hits']} with hits) | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['max_ms']} |")
    for label, r in report["api"].items():
        lines.append(f"| {label} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |")
    print("\n".join(lines))
    if not args.keep and not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
