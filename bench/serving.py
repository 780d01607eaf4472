"""Serving benchmark: dateline uncached, through its page caches, beside nginx's static file (and WordPress).

    .venv/bin/python bench/serving.py [--wordpress] [--large-sqlite DIR] [--large-postgres URL]

One run, one table. It seeds a fresh data folder like the WordPress baseline
(`dateline seed --articles 10000 --comments 50000 --sections 11 --tags 200`),
picks the first article with exactly 10 approved comments, then measures with
wrk -t2 -c16 (5 s warm-up, discarded, then 15 s with --latency):

1. the article, uncached (`dateline serve`, DATELINE_PAGE_CACHE=false);
2. the home page, uncached;
3. the article through the embedded page cache (`dateline serve`, no nginx);
4. the article through nginx's proxy_cache (deploy/nginx/dateline.conf, as shipped,
   on loopback ports 8135 and 8136) in front of `dateline serve`;
5. nginx serving a static copy of the same HTML (same nginx, same settings).

Cases 3 to 5 run interleaved, ``--rounds`` times (3 by default): 3, 4, 5, 3, 4, 5, …,
each warmed up once; the table gives each case's median, the median of the
per-round ratios to the static file with their range, and lists every round.

Then it checks that views made through the cached pages are counted: it takes
the beacon's endpoint and article id from the cached HTML (so a cached page
works), posts one view per distinct reader through nginx and directly, lets
`dateline worker` flush, and compares the article's count before and after.
It also purges the article (`dateline purge`) and checks both caches serve a
fresh copy.

A fresh seed is followed by `dateline related rebuild --all`, as a site in
service has its related lists; a reused ``--data-dir`` should have had it too.

``--wordpress`` runs ../shared/anchors/wordpress/measure.sh in the same run
(WordPress must be set up and populated: its setup.sh and populate.sh) and
puts its figures in the table. ``--large-sqlite`` and ``--large-postgres`` name
data already seeded with `dateline seed --articles 1000000 --comments 5000000`
and time the uncached article and home there too (``--large-seed-log`` files
give the seeding times). ``--small-postgres`` names 10,000 articles seeded on
PostgreSQL, timed in the same run as the 1M PostgreSQL case's baseline (the 1M
SQLite case is compared with the run's own 10,000-article SQLite seed).

Writes the table, the JSON report and the raw wrk outputs to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from nginxutil import nginx_binary, nginx_render, nginx_running
from wrkutil import BIN, dateline_serving, measure

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORDPRESS = ROOT.parent / "shared" / "anchors" / "wordpress"
if not WORDPRESS.exists():
    WORDPRESS = Path("/work/shared/anchors/wordpress")
PORT_UNCACHED, PORT_CACHED, PORT_NGINX, PORT_PURGE = 8130, 8132, 8135, 8136  # 8131: the 1M-article PostgreSQL

PROBE = r"""
import json
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from dateline.articles.models import ArticlePage
from dateline.analytics.models import ArticleViewsTotal
from dateline.comments.models import Comment
ids = (Comment.objects.filter(status="approved").values("article_id").annotate(n=Count("id"))
       .filter(n=10).order_by("article_id").values_list("article_id", flat=True)[:50])
article = ArticlePage.objects.published().filter(pk__in=list(ids)).order_by("pk").first()
topped_up = 0
if article is None:  # a partly seeded large data set: give the first article its 10 comments
    import random
    from django.utils import timezone
    from dateline.demo.seed import _comment, _TextMaker
    article = ArticlePage.objects.published().order_by("pk").first()
    topped_up = 10 - Comment.objects.filter(article_id=article.pk, status="approved").count()
    text = _TextMaker(random.Random(1))
    Comment.objects.bulk_create([_comment(article_id=article.pk, after=article.published_at, text=text, now=timezone.now())
                                 for _ in range(topped_up)])
client = Client(HTTP_HOST="127.0.0.1")
path = article.article_path()
client.get(path); client.get("/")
with CaptureQueriesContext(connection) as ctx:
    response = client.get(path)
with CaptureQueriesContext(connection) as home:
    client.get("/")
views = ArticleViewsTotal.objects.filter(article_id=article.pk).values_list("views", flat=True).first() or 0
print("PROBE" + json.dumps({"path": path, "article_id": article.pk, "queries": len(ctx), "home_queries": len(home),
      "bytes": len(response.content), "comments": Comment.objects.filter(article_id=article.pk, status="approved").count(),
      "views": views, "comments_added_by_probe": topped_up, "articles_total": ArticlePage.objects.count(),
      "comments_total": Comment.objects.count()}))
"""

VIEWS = r"""
import json
from dateline.analytics.models import ArticleViewsTotal
print("VIEWS" + json.dumps(ArticleViewsTotal.objects.filter(article_id=%d).values_list("views", flat=True).first() or 0))
"""


FLUSH = r"""
import json
from dateline.analytics.services import views_flush
from dateline.analytics.models import ArticleViewsTotal
views_flush()
print("VIEWS" + json.dumps(ArticleViewsTotal.objects.filter(article_id=%d).values_list("views", flat=True).first() or 0))
"""


def run(args, env, **kwargs):
    return subprocess.run([str(a) for a in args], env=env, check=True, **kwargs)


def shell(env, code: str, marker: str):
    out = subprocess.run([BIN / "dateline", "manage", "shell", "-c", code], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.split(marker, 1)[1].strip().splitlines()[0])


def fetch(url: str, headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()  # headers: case-insensitive
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def base_env(data_dir: Path, database_url: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update({"DATELINE_DATA_DIR": str(data_dir), "DATELINE_ALLOWED_HOSTS": "127.0.0.1,localhost"})
    if database_url:
        env["DATELINE_DATABASE_URL"] = database_url
    return env


def case(report: dict, name: str, url: str, raw_dir: Path, **kwargs) -> dict:
    figures, raw = measure(url, **kwargs)
    (raw_dir / f"{name}.wrk.txt").write_text(raw)
    figures["url"] = url
    report["cases"][name] = figures
    print(f"  {name:<32} {figures['rps']:>10,.1f} req/s  p50 {figures['p50_ms']:.2f} ms  p99 {figures['p99_ms']:.2f} ms"
          f"  non-2xx {figures['non_2xx']}", flush=True)
    return figures


def interleaved(report: dict, urls: dict[str, str], raw_dir: Path, *, rounds: int, warmup: int, duration: int) -> None:
    """Measure the cached cases in turn, ``rounds`` times over, so each ratio to the static file is
    taken from runs seconds apart: the static file alone moved from 38,000 to 50,700 req/s between
    runs minutes apart on this machine. Each case is warmed up once; every round is kept in
    ``report["rounds"]``; the case's figures are the medians of its rounds."""
    from statistics import median

    from wrkutil import parse_wrk, wrk

    for url in urls.values():
        wrk(url, duration=f"{warmup}s", latency=False)
    report["rounds"] = []
    for number in range(1, rounds + 1):
        figures = {}
        for name, url in urls.items():
            raw = wrk(url, duration=f"{duration}s")
            (raw_dir / f"{name}.round{number}.wrk.txt").write_text(raw)
            figures[name] = {**parse_wrk(raw), "url": url}
        report["rounds"].append({"round": number, "load": os.getloadavg()[0], "cases": figures})
        static = figures["nginx-static-file"]["rps"]
        print(f"  round {number} (load {report['rounds'][-1]['load']:.1f}): " + ", ".join(
            f"{name} {c['rps']:,.1f} req/s ({c['rps'] / static:.2f}x)" for name, c in figures.items()), flush=True)
    for name in urls:
        runs = [r["cases"][name] for r in report["rounds"]]
        ratios = [r["cases"][name]["rps"] / r["cases"]["nginx-static-file"]["rps"] for r in report["rounds"]]
        report["cases"][name] = {
            "rps": median(c["rps"] for c in runs), "p50_ms": median(c["p50_ms"] for c in runs),
            "p99_ms": median(c["p99_ms"] for c in runs), "non_2xx": sum(c["non_2xx"] for c in runs),
            "url": urls[name], "rounds": len(runs), "rps_min": min(c["rps"] for c in runs), "rps_max": max(c["rps"] for c in runs),
            "ratio_median": median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        }


def views_check(*, env, probe, cached_urls: dict[str, str], per_path: int) -> dict:
    """Views made through each cached page, one distinct reader each, all land in the count after a flush."""
    before = shell(env, VIEWS % probe["article_id"], "VIEWS")
    # Readers new to this run: a view counts once per reader per article per day, so a rerun on
    # a reused --data-dir with the same readers would rightly count nothing.
    run_mark = int(time.time()) % 100_000
    sent = 0
    details = {}
    for name, url in cached_urls.items():
        status, headers, body = fetch(url)
        html = body.decode()
        article = re.search(r'data-article="(\d+)"', html)
        endpoint = re.search(r'data-endpoint="([^"]+)"', html)
        cache_state = headers.get("X-Cache") or headers.get("X-Page-Cache")
        if not (article and endpoint):
            raise RuntimeError(f"the cached page at {url} has no view beacon")
        origin = url.split("/", 3)[:3]
        beacon = "/".join(origin) + endpoint.group(1)
        answers = {}
        for i in range(per_path):
            user_agent = f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.{run_mark}.{len(name)}.{i} Safari/537.36"
            code, _, _ = fetch(beacon, headers={"User-Agent": user_agent, "Content-Type": "application/x-www-form-urlencoded"},
                               data=f"a={article.group(1)}&r=".encode())
            answers[code] = answers.get(code, 0) + 1
        sent += answers.get(204, 0)
        details[name] = {"page_cache_state": cache_state, "beacon_answers": answers}
    # The worker flushes every DATELINE_VIEWS_FLUSH_SECONDS, unless a long task (the first
    # related-posts rebuild) holds it; then flush as it would, with the same service.
    deadline = time.monotonic() + 20
    after = before
    flushed_by = "worker"
    while time.monotonic() < deadline:
        after = shell(env, VIEWS % probe["article_id"], "VIEWS")
        if after - before >= sent:
            break
        time.sleep(2)
    if after - before < sent:
        flushed_by = "views_flush() after 20 s"
        after = shell(env, FLUSH % probe["article_id"], "VIEWS")
    return {"sent": sent, "counted": after - before, "flushed_by": flushed_by, "all_counted": after - before == sent and sent == per_path * len(cached_urls),
            "paths": details}


def purge_check(*, env, path: str, embedded: str, nginx: str) -> dict:
    """After `dateline purge PATH`, both caches answer with a newly rendered copy."""
    def stamp(url):
        status, headers, body = fetch(url)
        return headers.get("X-Cache") or headers.get("X-Page-Cache"), headers.get("Age", "")

    before = {"embedded": stamp(embedded), "nginx": stamp(nginx)}
    run([BIN / "dateline", "purge", path], env, capture_output=True)
    after = {"embedded": stamp(embedded)}
    status, headers, _ = fetch(nginx)
    after["nginx"] = (headers.get("X-Cache"), headers.get("Age", ""))
    return {"before": before, "after": after, "embedded_refilled": after["embedded"][0] == "miss"}


def wordpress_measure() -> dict:
    """Run the anchor's measure.sh; return its six cases as {name: figures}."""
    outdir = Path(tempfile.mkdtemp(prefix="wordpress-baseline-"))
    env = {**os.environ, "OUTDIR": str(outdir)}
    subprocess.run(["bash", str(WORDPRESS / "start.sh")], check=True, env=env, stdout=subprocess.DEVNULL)
    for _attempt in range(2):
        # measure.sh stops at its first failed curl; its wp-cron.php call was seen cut off
        # ("curl: (18) transfer closed") twice in a row and fine on the next run, so one retry.
        completed = subprocess.run(["bash", str(WORDPRESS / "measure.sh")], env=env, capture_output=True, text=True)
        if completed.returncode == 0:
            break
    if completed.returncode != 0:
        raise RuntimeError(f"WordPress measure.sh failed: {completed.stderr[-2000:]}")
    from wrkutil import parse_wrk

    cases = {}
    for wrk_file in sorted(outdir.glob("*.wrk.txt")):
        cases[wrk_file.name.split(".")[0]] = parse_wrk(wrk_file.read_text())
    return {"outdir": str(outdir), "cases": cases, "facts": (outdir / "facts.txt").read_text() if (outdir / "facts.txt").exists() else ""}


def large_measure(*, name: str, data_dir: Path, database_url: str, raw_dir: Path, report: dict) -> None:
    env = base_env(data_dir, database_url)
    env["DATELINE_PAGE_CACHE"] = "false"
    run([BIN / "dateline", "manage", "migrate", "--verbosity", "0"], env)
    probe = shell(env, PROBE, "PROBE")
    report["large"][name] = {"probe": probe}
    with dateline_serving(env, port=PORT_UNCACHED, log=raw_dir / f"serve-{name}.log"):
        base = f"http://127.0.0.1:{PORT_UNCACHED}"
        report["large"][name]["article"] = case(report, f"{name}-article-uncached", base + probe["path"], raw_dir)
        report["large"][name]["home"] = case(report, f"{name}-home-uncached", base + "/", raw_dir)


def seed_seconds_from_log(path: str | None) -> float | None:
    if not path or not Path(path).exists():
        return None
    m = re.search(r"Seeded \d+ articles and \d+ comments in ([\d.]+) s", Path(path).read_text())
    return float(m.group(1)) if m else None


def table(report: dict) -> str:
    cases = report["cases"]
    static = cases.get("nginx-static-file", {}).get("rps") or 0
    wp = report.get("wordpress", {}).get("cases", {})

    def ratio(rps, case=None):
        if case and "ratio_median" in case:  # interleaved rounds: the median of the per-round ratios, and their range
            return f"{case['ratio_median']:.2f} ({case['ratio_min']:.2f}–{case['ratio_max']:.2f})"
        return f"{rps / static:.2f}" if static else "n/a"

    rows = [
        ("dateline: article, 10 comments, uncached", "article-uncached"),
        ("dateline: home page, uncached", "home-uncached"),
        ("dateline: article via embedded page cache (no nginx)", "article-embedded-cache"),
        ("dateline: article via nginx proxy_cache", "article-nginx-cache"),
        ("nginx: static copy of the article's HTML", "nginx-static-file"),
    ]
    lines = ["| case | req/s | p50 ms | p99 ms | × static | non-2xx |", "| --- | --- | --- | --- | --- | --- |"]
    for label, key in rows:
        if key in cases:
            c = cases[key]
            spread = f" ({c['rps_min']:,.0f}–{c['rps_max']:,.0f})" if "rps_min" in c else ""
            lines.append(f"| {label} | {c['rps']:,.1f}{spread} | {c['p50_ms']:.2f} | {c['p99_ms']:.2f} | {ratio(c['rps'], c)} | {c['non_2xx']} |")
    wp_labels = {
        "1-post-uncached": "WordPress: post, 10 comments, uncached",
        "2-home-uncached": "WordPress: home page, uncached",
        "3-post-fastcgi-cache": "WordPress: post via nginx fastcgi_cache",
        "5-post-static-file": "WordPress anchor: nginx static copy of its post",
    }
    for key, label in wp_labels.items():
        if key in wp:
            c = wp[key]
            lines.append(f"| {label} | {c['rps']:,.1f} | {c['p50_ms']:.2f} | {c['p99_ms']:.2f} | {ratio(c['rps'])} | {c['non_2xx']} |")
    out = "\n".join(lines) + "\n"
    if report.get("rounds"):
        out += (f"\nCached cases: median of {len(report['rounds'])} interleaved rounds (range in brackets); "
                "× static is the median of each round's ratio. Every round:\n\n")
        out += "| round | load | embedded req/s (× static) | nginx proxy_cache req/s (× static) | static file req/s |\n"
        out += "| --- | --- | --- | --- | --- |\n"
        for r in report["rounds"]:
            c = r["cases"]
            static_r = c["nginx-static-file"]["rps"]
            out += (f"| {r['round']} | {r['load']:.1f} | {c['article-embedded-cache']['rps']:,.1f} ({c['article-embedded-cache']['rps'] / static_r:.2f}) | "
                    f"{c['article-nginx-cache']['rps']:,.1f} ({c['article-nginx-cache']['rps'] / static_r:.2f}) | {static_r:,.1f} |\n")
    if wp:
        wp_post = wp.get("1-post-uncached", {}).get("rps") or 0
        wp_home = wp.get("2-home-uncached", {}).get("rps") or 0
        if wp_post and "article-uncached" in cases:
            out += f"\nUncached article: {cases['article-uncached']['rps'] / wp_post:.1f}× WordPress's post."
        if wp_home and "home-uncached" in cases:
            out += f" Uncached home: {cases['home-uncached']['rps'] / wp_home:.1f}× WordPress's home.\n"
    views = report.get("views_check")
    if views:
        out += (f"\nViews through the cached pages (nginx and embedded): {views['sent']} beacons answered 204, "
                f"{views['counted']} counted after the flush ({views['flushed_by']}): "
                f"{'all counted' if views['all_counted'] else 'NOT all counted'}.\n")
    if report.get("large"):
        out += "\n| 1,000,000 articles | seeding | article req/s | article p50 | article p99 | home req/s | home p50 | p50 vs 10k (article / home) |\n"
        out += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        baselines = report.get("small", {})
        for name, data in report["large"].items():
            a, h = data["article"], data["home"]
            # Each 1M case against the same database's 10,000 articles when the run has them
            # (--small-postgres), so the ratio holds the archive's size, not the engine's cost.
            small = baselines.get(name.replace("-1m", "-10k"))
            small_a = small["article"]["p50_ms"] if small else cases.get("article-uncached", {}).get("p50_ms")
            small_h = small["home"]["p50_ms"] if small else cases.get("home-uncached", {}).get("p50_ms")
            seeding = f"{data['seed_seconds']:,.0f} s" if data.get("seed_seconds") else "see notes"
            ra = f"{a['p50_ms'] / small_a:.2f}" if small_a else "n/a"
            rh = f"{h['p50_ms'] / small_h:.2f}" if small_h else "n/a"
            out += (f"| {name} | {seeding} | {a['rps']:,.1f} | {a['p50_ms']:.2f} ms | {a['p99_ms']:.2f} ms | "
                    f"{h['rps']:,.1f} | {h['p50_ms']:.2f} ms | {ra} / {rh} |\n")
    for name, data in report.get("small", {}).items():
        a, h = data["article"], data["home"]
        out += (f"| {name} (baseline) | | {a['rps']:,.1f} | {a['p50_ms']:.2f} ms | {a['p99_ms']:.2f} ms | "
                f"{h['rps']:,.1f} | {h['p50_ms']:.2f} ms | |\n")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--data-dir", default=None, help="Reuse this seeded SQLite data folder instead of seeding a fresh one.")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="Interleaved rounds of the three cached cases (each --duration s); medians reported, every round listed.")
    parser.add_argument("--views", type=int, default=100, help="Views to post through each cached page.")
    parser.add_argument("--wordpress", action="store_true", help="Also run the WordPress anchor's measure.sh in this run.")
    parser.add_argument("--large-sqlite", default=None, help="A data folder seeded with 1,000,000 articles (SQLite).")
    parser.add_argument("--large-postgres", default=None, help="A PostgreSQL URL seeded with 1,000,000 articles.")
    parser.add_argument("--large-postgres-data-dir", default=None, help="Data folder to go with --large-postgres.")
    parser.add_argument("--small-postgres", default=None, help="Database URL of 10,000 articles seeded on PostgreSQL: the baseline the 1M PostgreSQL case is compared with, in the same run.")
    parser.add_argument("--small-postgres-data-dir", default=None, help="Data folder to go with --small-postgres.")
    parser.add_argument("--large-seed-log", action="append", default=[], help="name=path of a `dateline seed` log, for the seeding time.")
    args = parser.parse_args()
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed: apt-get install {tool}", file=sys.stderr)
            return 2
    if nginx_binary() is None:
        print("nginx is not installed: apt-get install nginx-light", file=sys.stderr)
        return 2

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    raw_dir = RESULTS / f"serving-{stamp}"
    raw_dir.mkdir(parents=True, exist_ok=True)
    report = {"started": stamp, "cpus": os.cpu_count(), "load_at_start": os.getloadavg(), "cases": {}, "large": {}}

    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="dateline-serving-"))
    env = base_env(data_dir)
    if not args.data_dir:
        print(f"Seeding {args.articles:,} articles and {args.comments:,} comments in {data_dir}…", flush=True)
        started = time.monotonic()
        run([BIN / "dateline", "seed", "--articles", args.articles, "--comments", args.comments, "--sections", 11,
             "--tags", 200, "--seed", 1], env, stdout=subprocess.DEVNULL)
        report["seed_seconds"] = round(time.monotonic() - started, 1)
        # A site in service has its related lists built (the worker's daily rebuild). Without
        # them the cached cases' worker would spend minutes on the first rebuild while wrk runs.
        started = time.monotonic()
        run([BIN / "dateline", "related", "rebuild", "--all"], env, stdout=subprocess.DEVNULL)
        report["related_rebuild_seconds"] = round(time.monotonic() - started, 1)
    # Drain the task queue first: a task a killed worker left behind (a related rebuild from an
    # earlier run on a reused --data-dir) is queued again at the next worker start and would run
    # while wrk measures the cached cases (it took the embedded cache from 8,600 to 6,400 req/s).
    started = time.monotonic()
    run([BIN / "dateline", "worker", "--once"], env, stdout=subprocess.DEVNULL)
    report["queue_drain_seconds"] = round(time.monotonic() - started, 1)
    probe = shell(env, PROBE, "PROBE")
    report["probe"] = probe
    print(f"Article {probe['path']}: {probe['comments']} comments, {probe['queries']} queries (home {probe['home_queries']}), "
          f"{probe['bytes']:,} bytes", flush=True)
    timing = {"warmup": args.warmup, "duration": args.duration}

    print("Uncached (DATELINE_PAGE_CACHE=false):", flush=True)
    with dateline_serving({**env, "DATELINE_PAGE_CACHE": "false"}, port=PORT_UNCACHED, log=raw_dir / "serve-uncached.log"):
        base = f"http://127.0.0.1:{PORT_UNCACHED}"
        case(report, "article-uncached", base + probe["path"], raw_dir, **timing)
        case(report, "home-uncached", base + "/", raw_dir, **timing)

    cached_env = {**env, "DATELINE_PAGE_CACHE": "true", "DATELINE_VIEWS_RATE_LIMIT": "0",
                  "DATELINE_PURGE_URLS": f"http://127.0.0.1:{PORT_PURGE}", "DATELINE_BASE_URL": f"http://127.0.0.1:{PORT_NGINX}"}
    nginx_dir = Path(tempfile.mkdtemp(prefix="dateline-nginx-"))
    static_copy = nginx_dir / "static-copy"
    static_copy.mkdir()
    with dateline_serving(cached_env, port=PORT_CACHED, worker=True, log=raw_dir / "serve-cached.log"):
        embedded = f"http://127.0.0.1:{PORT_CACHED}{probe['path']}"
        status, headers, body = fetch(embedded)
        (static_copy / "article.html").write_bytes(body)
        extra = f"    location = /__static/article.html {{ root {static_copy}; rewrite ^ /article.html break; }}\n"
        conf = nginx_render(folder=nginx_dir, upstream=f"127.0.0.1:{PORT_CACHED}", port=PORT_NGINX, purge_port=PORT_PURGE,
                            data_dir=data_dir, extra_server=extra, workers=os.cpu_count() or 2)
        with nginx_running(conf, port=PORT_NGINX):
            via_nginx = f"http://127.0.0.1:{PORT_NGINX}{probe['path']}"
            fetch(via_nginx)
            print(f"Cached, {args.rounds} interleaved round(s):", flush=True)
            interleaved(report, {"article-embedded-cache": embedded, "article-nginx-cache": via_nginx,
                                 "nginx-static-file": f"http://127.0.0.1:{PORT_NGINX}/__static/article.html"},
                        raw_dir, rounds=args.rounds, **timing)
            report["views_check"] = views_check(env=cached_env, probe=probe, per_path=args.views,
                                                cached_urls={"nginx": via_nginx, "embedded": embedded})
            print(f"Views through cached pages: sent {report['views_check']['sent']}, counted {report['views_check']['counted']}"
                  f" (flushed by {report['views_check']['flushed_by']}); {report['views_check']['paths']}", flush=True)
            report["purge_check"] = purge_check(env=cached_env, path=probe["path"], embedded=embedded, nginx=via_nginx)
            print(f"Purge: {report['purge_check']}", flush=True)
    shutil.rmtree(nginx_dir, ignore_errors=True)

    if args.wordpress:
        print("WordPress anchor (measure.sh):", flush=True)
        try:
            report["wordpress"] = wordpress_measure()
            for name, c in report["wordpress"]["cases"].items():
                print(f"  {name:<32} {c['rps']:>10,.1f} req/s  p50 {c['p50_ms']:.2f} ms  p99 {c['p99_ms']:.2f} ms", flush=True)
        except (RuntimeError, subprocess.CalledProcessError, FileNotFoundError) as exc:
            report["wordpress"] = {"error": str(exc)}
            print(f"  WordPress could not be measured: {exc}", flush=True)

    seed_logs = dict(item.split("=", 1) for item in args.large_seed_log)
    if args.large_sqlite:
        print("1,000,000 articles, SQLite:", flush=True)
        large_measure(name="sqlite-1m", data_dir=Path(args.large_sqlite), database_url="", raw_dir=raw_dir, report=report)
        report["large"]["sqlite-1m"]["seed_seconds"] = seed_seconds_from_log(seed_logs.get("sqlite"))
    if args.small_postgres:
        print("10,000 articles, PostgreSQL (the 1M PostgreSQL case's baseline):", flush=True)
        small_dir = Path(args.small_postgres_data_dir or tempfile.mkdtemp(prefix="dateline-serving-pg10k-"))
        report.setdefault("small", {})
        large_measure(name="postgresql-10k", data_dir=small_dir, database_url=args.small_postgres, raw_dir=raw_dir, report=report)
        report["small"]["postgresql-10k"] = report["large"].pop("postgresql-10k")
    if args.large_postgres:
        print("1,000,000 articles, PostgreSQL:", flush=True)
        pg_dir = Path(args.large_postgres_data_dir or tempfile.mkdtemp(prefix="dateline-serving-pg-"))
        large_measure(name="postgresql-1m", data_dir=pg_dir, database_url=args.large_postgres, raw_dir=raw_dir, report=report)
        report["large"]["postgresql-1m"]["seed_seconds"] = seed_seconds_from_log(seed_logs.get("postgresql"))

    report["load_at_end"] = os.getloadavg()
    text = table(report)
    (raw_dir / "report.json").write_text(json.dumps(report, indent=2, default=str))
    (raw_dir / "table.md").write_text(text)
    print()
    print(text)
    print(f"Load average at start {report['load_at_start'][0]:.1f}, at end {report['load_at_end'][0]:.1f}; results in {raw_dir}")
    if not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
