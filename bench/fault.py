"""Fault test: kill -9 `dateline serve` and, separately, its background worker under load; count what survived.

    .venv/bin/python bench/fault.py [--database sqlite|postgres|both] [--port 8150] [--load-seconds 12]
                                    [--mid-task-views 200000]

For each database it makes a throwaway site (`dateline seed`), starts
`dateline serve` (two server processes and the task worker) on the port, and
runs a mixed load from a few threads on this machine's loopback: article page
views, view beacons (each from a distinct reader, so each acknowledged beacon is
one view that must be counted), and comment posts when the comments endpoints
exist. Then:

1. kill -9 of the whole serve process group (server and worker) in the middle
   of the load; the database's integrity check; a restart with no repair;
2. more load, and a kill -9 of the task worker alone; `dateline serve` starts
   it again, and it requeues what the dead worker left RUNNING;
3. after the flush: every acknowledged view counted, every comment that got a
   success answer stored;
4. a kill -9 of the task worker in the middle of a task, not at a random
   moment: MID_TASK_VIEWS views are put in the view buffer at once, and when the
   worker's flush task is RUNNING and has counted some of them but not all (it
   commits every 20,000), that worker is killed. The new worker must queue the
   same task again, run it to success, and count every buffered view exactly
   once (nothing lost, nothing doubled).

PostgreSQL runs in a private cluster (tests/pg_cluster.py), which the test
suite runs with fsync off: the server that dies here is dateline, not
PostgreSQL, whose own crash safety is not what is measured. Every request
goes to 127.0.0.1 and the load stops by itself. Figures are printed and
written to bench/results/fault-<database>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATELINE = str(Path(sys.executable).parent / "dateline")
RESULTS = ROOT / "bench" / "results"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

QUERY_COUNTS = """
import json
from django.db.models import Sum
from dateline.analytics.models import ArticleViewsTotal, ViewBuffer
from django_tasks_db.models import DBTaskResult
out = {
    "counted": ArticleViewsTotal.objects.aggregate(n=Sum("views"))["n"] or 0,
    "pending": ViewBuffer.objects.filter(flushed=False).count(),
    "running_tasks": DBTaskResult.objects.running().count(),
}
try:
    from dateline.comments.models import Comment
    out["comment_ids"] = list(Comment.objects.values_list("pk", flat=True))
except Exception:
    out["comment_ids"] = []
print(json.dumps(out))
"""
QUERY_ARTICLES = """
import json
from dateline.articles.models import ArticlePage
print(json.dumps([[a.pk, a.url] for a in ArticlePage.objects.published().specific()[:40]]))
"""


@dataclass
class Tally:
    page_ok: int = 0
    beacon_acked: int = 0
    comment_acked: list = field(default_factory=list)
    errors: int = 0  # refused or cut connections (the kill), or answers other than success
    statuses: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def status(self, code):
        with self.lock:
            self.statuses[str(code)] = self.statuses.get(str(code), 0) + 1


def run(args, env, *, timeout=600, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([DATELINE, *args], env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise SystemExit(f"`dateline {' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
    return result


def shell_json(env, code):
    out = run(["manage", "shell", "-c", code], env).stdout
    return json.loads(out.strip().splitlines()[-1])


def request(port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def wait_until_serving(port, seconds=180) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if request(port, "GET", "/", timeout=3)[0] == 200:
                return time.monotonic() - started
        time.sleep(0.25)
    raise SystemExit(f"the site did not serve again within {seconds} s")


SERIAL = itertools.count(1)
SERIAL_LOCK = threading.Lock()


class Load:
    """Threads sending a mix of page views, beacons and comment posts until stopped."""

    def __init__(self, port, articles, tally, *, threads, comments: bool, seed: int):
        self.port, self.articles, self.tally, self.comments = port, articles, tally, comments
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(seed + i,), daemon=True) for i in range(threads)]

    def next_serial(self):
        with SERIAL_LOCK:  # one sequence for the whole run: no reader repeats across phases
            return next(SERIAL)

    def loop(self, seed):
        rnd = random.Random(seed)
        deadline = time.monotonic() + 600  # bounded whatever happens
        while not self.stop.is_set() and time.monotonic() < deadline:
            pk, url = rnd.choice(self.articles)
            roll = rnd.random()
            try:
                if roll < 0.45:
                    status, _, _ = request(self.port, "GET", url)
                    self.tally.status(status)
                    with self.tally.lock:
                        self.tally.page_ok += status == 200
                elif roll < 0.90 or not self.comments:
                    self.beacon(pk)
                else:
                    self.comment(pk, url)
            except (OSError, http.client.HTTPException):
                with self.tally.lock:
                    self.tally.errors += 1
                time.sleep(0.05)

    def beacon(self, pk):
        n = self.next_serial()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"{UA} r{n}",  # a distinct reader each time: every acknowledged beacon is a view
            "X-Forwarded-For": f"198.51.100.{n % 250 + 1}",
        }
        status, _, _ = request(self.port, "POST", "/v/", body=f"a={pk}", headers=headers)
        self.tally.status(status)
        if status == 204:
            with self.tally.lock:
                self.tally.beacon_acked += 1

    def comment(self, pk, url):
        from bench.fault_comments import comment_post

        comment_id = comment_post(self.port, pk, url, self.next_serial())
        if comment_id is not None:
            with self.tally.lock:
                self.tally.comment_acked.append(comment_id)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)


def children(pid) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
    return found


def task_worker_pid(serve_pid) -> int | None:
    for pid, cmd in children(serve_pid):
        if "dateline.cli worker" in cmd:
            return pid
    return None


def start_serve(env, port, log):
    return subprocess.Popen(
        [DATELINE, "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def integrity(database, env, data_dir) -> str:
    if database == "sqlite":
        db = sqlite3.connect(Path(data_dir) / "dateline.sqlite3")
        try:
            return db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            db.close()
    from tests.pg_cluster import pg_bindir

    result = subprocess.run(
        [str(pg_bindir() / "pg_amcheck"), "--install-missing", "--heapallindexed", env["DATELINE_DATABASE_URL"]],
        capture_output=True, text=True,
    )
    return "ok" if result.returncode == 0 else f"pg_amcheck: {result.stdout}{result.stderr}".strip()


QUERY_TABLES = """
import json
from dateline.analytics.models import ArticleViewsTotal, ViewBuffer
from django_tasks_db.models import DBTaskResult
print(json.dumps({"totals": ArticleViewsTotal._meta.db_table, "buffer": ViewBuffer._meta.db_table,
                  "tasks": DBTaskResult._meta.db_table}))
"""
# Buffered views put in at once, in one transaction, as if that many beacons had just been accepted.
QUERY_BUFFER_FILL = """
import json, uuid
from django.db import transaction
from django.utils import timezone
from dateline.analytics.models import ViewBuffer
from dateline.articles.models import ArticlePage
ids = list(ArticlePage.objects.published().values_list("pk", flat=True))
now, run = timezone.now(), uuid.uuid4().hex[:8]
with transaction.atomic():
    ViewBuffer.objects.bulk_create(
        (ViewBuffer(visitor=f"f{run}{n:023d}", article_id=ids[n % len(ids)], viewed_at=now) for n in range(COUNT)),
        batch_size=5000,
    )
print(json.dumps({"added": COUNT}))
"""


class Probe:
    """Reads the counts and the running tasks straight from the database, many times a second."""

    def __init__(self, database, env, tables):
        self.tables = tables
        if database == "sqlite":
            path = Path(env["DATELINE_DATA_DIR"]) / "dateline.sqlite3"
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # reads only
            self.param = "?"
        else:
            import psycopg

            self.conn = psycopg.connect(env["DATELINE_DATABASE_URL"], autocommit=True)
            self.param = "%s"

    def one(self, sql, *params):
        return self.conn.execute(sql.replace("?", self.param), params).fetchone()

    def counted(self) -> int:
        return int(self.one(f"SELECT COALESCE(SUM(views), 0) FROM {self.tables['totals']}")[0])

    def running_flush(self):
        """(task id, worker id) of a views flush task a worker is running, or None."""
        row = self.one(
            f"SELECT id, worker_ids FROM {self.tables['tasks']} WHERE status = ? AND task_path LIKE ? ORDER BY started_at DESC",
            "RUNNING", "%views_flush_task",
        )
        if row is None:
            return None
        workers = row[1] if isinstance(row[1], list) else json.loads(row[1] or "[]")
        return str(row[0]), (workers[-1] if workers else "")

    def task(self, task_id):
        row = self.one(f"SELECT status, worker_ids, return_value FROM {self.tables['tasks']} WHERE id = ?", task_id)
        if row is None:
            return None
        workers = row[1] if isinstance(row[1], list) else json.loads(row[1] or "[]")
        value = row[2] if not isinstance(row[2], str) else json.loads(row[2])
        return {"status": row[0], "workers": workers, "return_value": value}

    def close(self):
        self.conn.close()


def worker_kill_mid_task(database, env, serve, *, views: int) -> dict:
    """Phase 4: kill -9 the task worker while its views flush is half done; the same task must finish the job once."""
    tables = shell_json(env, QUERY_TABLES)
    probe = Probe(database, env, tables)
    out = {"mid_task_views": views}
    try:
        before = probe.counted()
        shell_json(env, QUERY_BUFFER_FILL.replace("COUNT", str(int(views))))
        killed = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            running = probe.running_flush()
            done = probe.counted() - before
            if running and 0 < done < views:
                task_id, worker_id = running
                pid = int(worker_id.rpartition("-")[2])
                os.kill(pid, signal.SIGKILL)
                killed = {"task_id": task_id, "worker": worker_id, "counted_before_kill": done}
                break
            if done >= views:
                break
            time.sleep(0.02)
        out["killed_mid_task"] = killed is not None
        if killed is None:
            out["counted"] = probe.counted() - before
            return out
        out.update(killed)
        # The interrupted task is RUNNING under a dead worker until the new worker queues it again.
        finished = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            finished = probe.task(killed["task_id"])
            if finished and finished["status"] in {"SUCCESSFUL", "FAILED"} and probe.counted() - before >= views:
                break
            time.sleep(0.5)
        time.sleep(3)  # any flush that would count twice has had its chance
        counted = probe.counted() - before
        out.update({
            "task_final_status": finished and finished["status"],
            "task_workers": finished and finished["workers"],
            "task_ran_again": bool(finished and finished["status"] == "SUCCESSFUL" and len(finished["workers"]) >= 2),
            "counted_by_rerun": finished and finished["return_value"],
            "counted": counted,
            "lost": max(0, views - counted),
            "doubled": max(0, counted - views),
        })
        out["worker_restarted"] = bool(task_worker_pid(serve.pid))
        return out
    finally:
        probe.close()


def comments_available(port) -> bool:
    with contextlib.suppress(OSError, http.client.HTTPException):
        return request(port, "GET", "/comments/token/")[0] != 404
    return False


def fault_run(database: str, *, port: int, load_seconds: float, threads: int, articles: int, url: str | None,
              mid_task_views: int = 200_000) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"dateline-fault-{database}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update({
        "DATELINE_DATA_DIR": str(work / "var"),
        "DATELINE_VIEWS_RATE_LIMIT": "0",
        "DATELINE_BEHIND_PROXY": "true",
        "DATELINE_VIEWS_FLUSH_SECONDS": "1",
        "DATELINE_COMMENTS_MIN_FILL_SECONDS": "0",
        "DATELINE_COMMENTS_RATE_PER_IP": "0",
        "DATELINE_COMMENTS_RATE_PER_EMAIL": "0",
    })
    if url:
        env["DATELINE_DATABASE_URL"] = url
    log_path = work / "serve.log"
    result = {"database": database, "load_seconds": load_seconds, "threads": threads,
              "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    print(f"[{database}] seeding {articles} articles in {work}", flush=True)
    run(["seed", "--articles", str(articles), "--sections", "3", "--tags", "8"], env)
    listed = shell_json(env, QUERY_ARTICLES)
    before = shell_json(env, QUERY_COUNTS)
    tally = Tally()
    with open(log_path, "ab") as log:
        serve = start_serve(env, port, log)
        try:
            result["first_start_seconds"] = round(wait_until_serving(port), 2)
            use_comments = comments_available(port)
            result["comments_endpoint"] = use_comments
            # 1. kill -9 the whole server (server processes and task worker) mid-load.
            with Load(port, listed, tally, threads=threads, comments=use_comments, seed=1):
                time.sleep(load_seconds)
                os.killpg(serve.pid, signal.SIGKILL)
                killed_at = time.monotonic()
                time.sleep(0.5)
            serve.wait(timeout=30)
            time.sleep(1)  # let the killed group's children go
            result["integrity_after_server_kill"] = integrity(database, env, env["DATELINE_DATA_DIR"])
            serve = start_serve(env, port, log)
            result["restart_seconds"] = round(wait_until_serving(port), 2)
            result["down_seconds"] = round(time.monotonic() - killed_at, 2)
            # 2. kill -9 the task worker alone, mid-load; serve must start it again.
            with Load(port, listed, tally, threads=threads, comments=use_comments, seed=100):
                time.sleep(load_seconds / 2)
                worker = task_worker_pid(serve.pid)
                result["worker_killed"] = worker is not None
                if worker:
                    os.kill(worker, signal.SIGKILL)
                time.sleep(load_seconds / 2)
            for _ in range(60):
                new_worker = task_worker_pid(serve.pid)
                if new_worker and new_worker != worker:
                    break
                time.sleep(1)
            result["worker_restarted"] = bool(new_worker and new_worker != worker)
            # 3. wait for the restarted worker to flush, then count.
            after = None
            for _ in range(90):
                after = shell_json(env, QUERY_COUNTS)
                if after["pending"] == 0:
                    break
                time.sleep(2)
            # 4. kill -9 the worker in the middle of a task (after the counts above are taken).
            if mid_task_views:
                result["worker_kill_mid_task"] = worker_kill_mid_task(database, env, serve, views=mid_task_views)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
    result["integrity_at_end"] = integrity(database, env, env["DATELINE_DATA_DIR"])
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    counted = after["counted"] - before["counted"]
    stored_comments = set(after["comment_ids"])
    result.update({
        "page_views_served": tally.page_ok,
        "beacons_acknowledged": tally.beacon_acked,
        "views_counted": counted,
        "acknowledged_views_lost": max(0, tally.beacon_acked - counted),
        "views_counted_without_answer": max(0, counted - tally.beacon_acked),
        "views_pending_at_end": after["pending"],
        "comments_acknowledged": len(tally.comment_acked),
        "acknowledged_comments_missing": len([c for c in tally.comment_acked if c not in stored_comments]),
        "connection_errors": tally.errors,
        "statuses": tally.statuses,
        "tasks_left_running": after["running_tasks"],
        "worker_log": [line for line in log_path.read_text(errors="replace").splitlines()
                       if "worker" in line.lower() and ("again" in line or "Queued" in line)][-4:],
    })
    result["ok"] = (
        result["acknowledged_views_lost"] == 0
        and result["acknowledged_comments_missing"] == 0
        and result["integrity_after_server_kill"] == "ok"
        and result["integrity_at_end"] == "ok"
        and result["worker_restarted"]
        and after["pending"] == 0
    )
    mid = result.get("worker_kill_mid_task")
    if mid_task_views:
        result["ok"] = result["ok"] and bool(
            mid and mid.get("killed_mid_task") and mid.get("task_ran_again") and mid.get("lost") == 0 and mid.get("doubled") == 0
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--load-seconds", type=float, default=12.0)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--mid-task-views", type=int, default=200_000,
                        help="views buffered at once for the kill in the middle of a task (0 skips that phase)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    failed = False
    for database in databases:
        kwargs = {"port": args.port, "load_seconds": args.load_seconds, "threads": args.threads, "articles": args.articles,
                  "mid_task_views": args.mid_task_views}
        if database == "postgres":
            from tests.pg_cluster import pg_cluster

            with pg_cluster() as url:
                result = fault_run(database, url=url, **kwargs)
        else:
            result = fault_run(database, url=None, **kwargs)
        (RESULTS / f"fault-{database}.json").write_text(json.dumps(result, indent=1) + "\n")
        print(json.dumps(result, indent=1), flush=True)
        failed |= not result["ok"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
