"""Post 200 comments concurrently to `dateline serve`, on SQLite and on PostgreSQL, and count what was stored.

Each simulated reader does what comments.js does: GET /comments/token/, then
POST /comments/post/ with ``Accept: application/json``. All readers start
together (a barrier), N at a time (--concurrency). Half of them use an email
that already has an approved comment (so their comment is published at once:
the count refresh, list clearing and purge signal run inside the request); the
other half are first-time commenters (held for moderation).

The bench turns off what would refuse a flood from one address, because it
measures storing, not refusing: DATELINE_COMMENTS_RATE_PER_IP=0,
DATELINE_COMMENTS_RATE_PER_EMAIL=0 and DATELINE_COMMENTS_MIN_FILL_SECONDS=0
(every request comes from 127.0.0.1, instantly).

Checks: no 5xx, no "database is locked" in the server log, every accepted
comment (200 with ok=true) is in the database afterwards (counted by the
bench's unique marker), nothing stored that was not accepted, p99 of the POST
under 1 s. Results go to bench/results/comments_post-<database>-<time>.json.

    .venv/bin/python bench/comments_post.py --database both --comments 200 --concurrency 50
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"

from bench.beacon_ingest import durable_pg_cluster, shell  # noqa: E402
from bench.wrkutil import free_port, percentile, wait_until_up  # noqa: E402

SETUP = """
from dateline.articles.models import ArticlePage
from dateline.comments.models import Comment
ids = list(ArticlePage.objects.published().order_by("pk").values_list("pk", flat=True)[:20])
Comment.objects.create(article_id=ids[0], author_name="Trusted Reader", author_email="trusted@bench.example", body="Approved before.", status="approved")
print("IDS" + __import__("json").dumps(ids))
"""

COUNT = """
from dateline.comments.models import Comment
from dateline.comments.models import Discussion
qs = Comment.objects.filter(body__startswith=%(marker)r)
import json
print("COUNT" + json.dumps({"stored": qs.count(), "approved": qs.filter(status="approved").count(), "pending": qs.filter(status="pending").count(),
      "ids": sorted(qs.values_list("pk", flat=True))}))
"""


def one_reader(port: int, article_id: int, serial: int, marker: str, barrier: threading.Barrier) -> dict:
    trusted = serial % 2 == 0
    barrier.wait()
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", "/comments/token/", headers={"Accept": "application/json"})
        response = conn.getresponse()
        token_status = response.status
        token = json.loads(response.read() or b"{}").get("token", "")
        body = {
            "article": str(article_id),
            "body": f"{marker} comment {serial}: the timetable change matters to people who work nights.",
            "name": f"Bench Reader {serial}",
            "email": "trusted@bench.example" if trusted else f"reader{serial}@bench.example",
            "token": token,
        }
        from urllib.parse import urlencode

        post_started = time.monotonic()
        conn.request("POST", "/comments/post/", body=urlencode(body),
                     headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        raw = response.read()
        post_ms = (time.monotonic() - post_started) * 1000
        try:
            data = json.loads(raw)
        except ValueError:
            data = {}
        return {"token_status": token_status, "status": response.status, "ok": bool(data.get("ok")), "code": data.get("code"),
                "id": (data.get("comment") or {}).get("id"), "post_ms": post_ms, "total_ms": (time.monotonic() - started) * 1000}
    except OSError as exc:
        return {"token_status": 0, "status": 0, "ok": False, "code": f"connection: {exc}", "id": None, "post_ms": 0, "total_ms": 0}
    finally:
        conn.close()


def bench_one(*, database: str, database_url: str, args) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="dateline-bench-comments-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update(DATELINE_DATA_DIR=str(data_dir), DATELINE_ALLOWED_HOSTS="127.0.0.1,localhost")
    if database_url:
        env["DATELINE_DATABASE_URL"] = database_url
    subprocess.run([BIN / "dateline", "seed", "--articles", "40", "--comments", "0", "--seed", "1"], env=env, check=True, stdout=subprocess.DEVNULL)
    ids = json.loads(shell(env, SETUP, "IDS"))
    serve_env = {**env, "DATELINE_COMMENTS_RATE_PER_IP": "0", "DATELINE_COMMENTS_RATE_PER_EMAIL": "0", "DATELINE_COMMENTS_MIN_FILL_SECONDS": "0"}
    port = args.port or free_port()
    log_path = data_dir / "serve.log"
    log = log_path.open("w")
    workers = str(args.workers or os.cpu_count() or 1)
    server = subprocess.Popen([BIN / "dateline", "serve", "--port", str(port), "--workers", workers, "--no-worker"],
                              env=serve_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    marker = f"bench-{uuid.uuid4().hex[:10]}"
    try:
        if not wait_until_up(f"http://127.0.0.1:{port}/"):
            raise RuntimeError(f"the server did not answer; see {log_path}")
        load_before = [round(x, 2) for x in os.getloadavg()]
        barrier = threading.Barrier(min(args.concurrency, args.comments))
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(lambda n: one_reader(port, ids[n % len(ids)], n, marker, barrier), range(args.comments)))
        wall = time.monotonic() - started
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
    counted = json.loads(shell(env, COUNT % {"marker": marker}, "COUNT"))
    log_text = log_path.read_text(errors="replace")
    accepted_ids = sorted(r["id"] for r in results if r["ok"] and r["id"])
    posts = [r["post_ms"] for r in results if r["status"]]
    statuses: dict[str, int] = {}
    for r in results:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    report = {
        "database": database,
        "comments": args.comments,
        "concurrency": args.concurrency,
        "server_workers": int(workers),
        "load_average_before": load_before,
        "wall_seconds": round(wall, 2),
        "statuses": statuses,
        "server_errors_5xx": sum(1 for r in results if r["status"] >= 500),
        "connection_errors": sum(1 for r in results if r["status"] == 0),
        "accepted": len(accepted_ids),
        "accepted_published": sum(1 for r in results if r["code"] == "approved"),
        "accepted_held": sum(1 for r in results if r["code"] == "pending"),
        "refused": {c: sum(1 for r in results if r["code"] == c) for c in sorted({r["code"] for r in results if not r["ok"]} - {None})},
        "stored": counted["stored"],
        "stored_approved": counted["approved"],
        "stored_pending": counted["pending"],
        "every_accepted_stored": accepted_ids == counted["ids"],
        "database_is_locked_in_log": log_text.count("database is locked"),
        "tracebacks_in_log": log_text.count("Traceback"),
        "post_p50_ms": round(percentile(posts, 50), 1),
        "post_p95_ms": round(percentile(posts, 95), 1),
        "post_p99_ms": round(percentile(posts, 99), 1),
        "post_max_ms": round(max(posts or [0]), 1),
        "token_and_post_p99_ms": round(percentile([r["total_ms"] for r in results if r["status"]], 99), 1),
    }
    report["verdict"] = "ok" if (
        report["server_errors_5xx"] == 0 and report["connection_errors"] == 0 and report["every_accepted_stored"]
        and report["accepted"] == args.comments and not report["database_is_locked_in_log"] and report["post_p99_ms"] < 1000
    ) else "FAILED"
    if args.keep:
        report["data_dir"] = str(data_dir)
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=0, help="Server processes (0 = one per core).")
    parser.add_argument("--port", type=int, default=8110, help="Port for `dateline serve` (0 = any free port).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folders.")
    args = parser.parse_args()
    reports = []
    if args.database in ("sqlite", "both"):
        reports.append(bench_one(database="sqlite", database_url="", args=args))
    if args.database in ("postgresql", "both"):
        with durable_pg_cluster(synchronous_commit="on") as url:
            reports.append(bench_one(database="postgresql", database_url=url, args=args))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    print("| database | comments / concurrency | accepted (published + held) | stored | 5xx | locked | POST p50 / p95 / p99 / max ms | verdict |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in reports:
        (RESULTS / f"comments_post-{r['database']}-{stamp}.json").write_text(json.dumps(r, indent=2))
        print(f"| {r['database']} | {r['comments']} / {r['concurrency']} | {r['accepted']} ({r['accepted_published']} + {r['accepted_held']}) | "
              f"{r['stored']} (all accepted: {r['every_accepted_stored']}) | {r['server_errors_5xx']} | {r['database_is_locked_in_log']} | "
              f"{r['post_p50_ms']} / {r['post_p95_ms']} / {r['post_p99_ms']} / {r['post_max_ms']} | {r['verdict']} |")
    return 0 if all(r["verdict"] == "ok" for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
