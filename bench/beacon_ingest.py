"""View beacon ingestion under load: seed, serve, wrk POSTs to the beacon, then check every 204 was stored.

    .venv/bin/python bench/beacon_ingest.py [--database sqlite|postgresql|both] [--vary user-agent|address]
                                            [--pg-synchronous-commit on|off] [--articles 2000] [--keep]

Seeds a fresh data folder with `dateline seed --articles 2000`, starts
`dateline serve --no-worker` (granian, one worker per core) with
DATELINE_VIEWS_RATE_LIMIT=0, because all the load comes from 127.0.0.1 and
the per-client limit would otherwise turn nearly all of it away with 429.
DATELINE_REDIS_URL is unset, so views wait in the database table
``analytics_viewbuffer``.

wrk -t2 -c16 then POSTs ``a=<random seeded article id>&r=`` (Content-Type
application/x-www-form-urlencoded) to the beacon path: 5 s of warm-up,
discarded, then 15 s measured with --latency. Each request is a different
reader, or the de-duplication would make repeats no-ops: with
``--vary user-agent`` (the default) the Chrome version in the User-Agent
carries a per-thread counter (``Chrome/131.<run>.<thread>.<n>``), so no two
requests share one; with ``--vary address`` the user agent stays the same and
X-Forwarded-For carries the counter instead (DATELINE_BEHIND_PROXY=1), which
is closer to real traffic, where many readers share a few browsers' user
agents and crawler detection is answered from its memo.

The server answers 204 only once the view is committed, so 204s per second
is views per second accepted and stored. After the run the bench counts the
rows the measured run added to ``analytics_viewbuffer`` and compares them
with the 204s wrk saw: they must match, except that requests still in flight
when wrk stops (at most one per connection, 16) may have been stored without
wrk counting their answer. Then it times ``views_flush()`` over the whole
buffer and checks that the total of ``analytics_articleviewstotal`` equals
the number of buffered rows.

On SQLite the database runs as `dateline serve` configures it: WAL with
synchronous=NORMAL, so a committed view survives the server process dying,
and a power cut can lose the last commits before a checkpoint. With
``--database postgresql`` the bench starts a throwaway cluster (from
tests/pg_cluster.py) with fsync and full_page_writes on, and
synchronous_commit as ``--pg-synchronous-commit`` says (on: each 204 waits for
its WAL flush to disk; off: as SQLite's NORMAL, a crash of the machine can lose
the last few hundred milliseconds of commits, never corrupt them).

Prints a Markdown table and writes it, the JSON report and the raw wrk output
to bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
CONNECTIONS, THREADS = 16, 2
READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

sys.path.insert(0, str(ROOT))
from bench.article_page import free_port, parse_wrk  # noqa: E402

LUA = r"""
-- One distinct reader per request: a per-thread counter in the User-Agent or X-Forwarded-For.
local ids = {%(ids)s}
local vary = "%(vary)s"
local counter = 0
statuses = {}  -- global, so done() can read it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

function init(args)
  run = tonumber(args[1]) or 0
  math.randomseed(run * 1000 + thread_no)
end

function request()
  counter = counter + 1
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
  if vary == "address" then
    headers["User-Agent"] = "%(reader_ua)s"
    -- the server takes the last address (the one our own proxy would add): unique per run, thread and request
    headers["X-Forwarded-For"] = string.format("198.51.100.7, %%d.%%d.%%d.%%d", 100 + run * 10 + thread_no,
      math.floor(counter / 65536) %% 256, math.floor(counter / 256) %% 256, counter %% 256)
  else
    headers["User-Agent"] = string.format(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.%%d.%%d.%%d Safari/537.36",
      run, thread_no, counter)
  end
  return wrk.format("POST", "%(path)s", headers, "a=" .. ids[math.random(#ids)] .. "&r=")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, string.format("\"%%d\": %%d", status, n)) end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\n")
end
"""

ROW_COUNT = "from dateline.analytics.models import ViewBuffer; print('ROWS', ViewBuffer.objects.count())"

FLUSH = r"""
import json, time
from django.db.models import Sum
from dateline.analytics.models import ArticleViewsTotal, ViewBuffer
from dateline.analytics.services import views_flush
buffered = ViewBuffer.objects.count()
started = time.perf_counter()
counted = views_flush()
seconds = time.perf_counter() - started
total = ArticleViewsTotal.objects.aggregate(n=Sum("views"))["n"] or 0
print("FLUSH" + json.dumps({"buffered": buffered, "counted": counted, "flush_seconds": round(seconds, 3),
      "totals_sum": total, "unflushed_after": ViewBuffer.objects.filter(flushed=False).count()}))
"""

IDS = r"""
import json
from dateline.articles.models import ArticlePage
print("IDS" + json.dumps(list(ArticlePage.objects.published().order_by("pk").values_list("pk", flat=True))))
"""


@contextlib.contextmanager
def durable_pg_cluster(*, synchronous_commit: str):
    """tests/pg_cluster.py's throwaway cluster, with durability back on (the test suite turns it off)."""
    from tests import pg_cluster

    saved = pg_cluster.SERVER_SETTINGS
    pg_cluster.SERVER_SETTINGS = {**saved, "fsync": "on", "full_page_writes": "on", "synchronous_commit": synchronous_commit}
    try:
        with pg_cluster.pg_cluster() as url:
            yield url
    finally:
        pg_cluster.SERVER_SETTINGS = saved


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def shell(env: dict, code: str, marker: str) -> str:
    done = subprocess.run([BIN / "dateline", "manage", "shell", "-c", code], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dateline manage shell failed:\n{done.stderr[-3000:]}")
    return done.stdout.split(marker, 1)[1].strip()


def wrk(url: str, script: Path, *, duration: int, run: int, latency: bool) -> str:
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "-s", str(script)]
    args += (["--latency"] if latency else []) + [url, "--", str(run)]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def wrk_statuses(text: str) -> dict[int, int]:
    m = re.search(r"^STATUSES (\{.*\})$", text, re.M)
    return {int(k): v for k, v in json.loads(m.group(1)).items()} if m else {}


def _processes() -> dict[int, tuple[int, int, float]]:
    """pid -> (parent pid, session id, CPU seconds used so far) for every live process."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # fields from the 3rd (state) on
        except OSError:
            continue
        found[int(stat.parent.name)] = (int(fields[1]), int(fields[3]), (int(fields[11]) + int(fields[12])) / ticks)
    return found


def cpu_seconds(*, session: int, pg_port: int | None = None) -> tuple[float, float]:
    """CPU time so far of the server (its session's processes) and of the PostgreSQL cluster on ``pg_port``."""
    processes = _processes()
    server = sum(cpu for _, sid, cpu in processes.values() if sid == session)
    database = 0.0
    if pg_port:
        for pid in processes:
            with contextlib.suppress(OSError):
                cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
                if Path(cmdline[0].decode()).name == "postgres" and f"-p {pg_port}".encode() in b" ".join(cmdline):
                    database = sum(cpu for child, (ppid, _, cpu) in processes.items() if child == pid or ppid == pid)
                    break
    return server, database


def wait_until_up(url: str) -> bool:
    for _ in range(240):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def bench_one(*, database: str, database_url: str, args) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="dateline-bench-beacon-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update(DATELINE_DATA_DIR=str(data_dir), DATELINE_ALLOWED_HOSTS="127.0.0.1,localhost")
    if database_url:
        env["DATELINE_DATABASE_URL"] = database_url
    report = {"database": database, "articles": args.articles, "vary": args.vary, "rate_limit": "off (DATELINE_VIEWS_RATE_LIMIT=0)",
              "buffer": "database table analytics_viewbuffer", "workers": os.cpu_count(), "connections": CONNECTIONS}
    if database == "postgresql":
        report["synchronous_commit"] = args.pg_synchronous_commit
    else:
        report["sqlite"] = "WAL, synchronous=NORMAL"

    started = time.monotonic()
    subprocess.run([BIN / "dateline", "seed", "--articles", str(args.articles), "--comments", "0", "--seed", "1"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    report["seed_seconds"] = round(time.monotonic() - started, 1)
    ids = json.loads(shell(env, IDS, "IDS"))

    script = data_dir / "beacon.lua"
    script.write_text(LUA % {"ids": ",".join(map(str, ids)), "vary": args.vary, "reader_ua": READER_UA, "path": "/v/"})

    serve_env = {**env, "DATELINE_VIEWS_RATE_LIMIT": "0"}
    if args.vary == "address":
        serve_env["DATELINE_BEHIND_PROXY"] = "1"
    port = free_port()
    log = (data_dir / "serve.log").open("w")
    server = subprocess.Popen([BIN / "dateline", "serve", "--port", str(port), "--no-worker"], env=serve_env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    pg_port = None
    try:
        if not wait_until_up(f"http://127.0.0.1:{port}/"):
            raise RuntimeError(f"the server did not answer; see {data_dir / 'serve.log'}")
        url = f"http://127.0.0.1:{port}/v/"
        wrk(url, script, duration=args.warmup, run=1, latency=False)
        report["load_average_before"] = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews the figures
        rows_before = int(shell(env, ROW_COUNT, "ROWS"))
        pg_port = int(re.search(r":(\d+)/", database_url).group(1)) if database_url else None
        (server_cpu, db_cpu), wrk_cpu = cpu_seconds(session=server.pid, pg_port=pg_port), _children_cpu()
        raw = wrk(url, script, duration=args.duration, run=2, latency=True)
        (server_cpu_after, db_cpu_after), wrk_cpu_after = cpu_seconds(session=server.pid, pg_port=pg_port), _children_cpu()
        server_cpu, db_cpu, wrk_cpu = server_cpu_after - server_cpu, db_cpu_after - db_cpu, wrk_cpu_after - wrk_cpu
        rows_after = int(shell(env, ROW_COUNT, "ROWS"))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()

    report.update(parse_wrk(raw))
    m = re.search(r"(\d+) requests in ([\d.]+)(m?s)", raw)
    report["requests"] = int(m.group(1))
    statuses = wrk_statuses(raw)
    report["statuses"] = {str(k): v for k, v in sorted(statuses.items())}
    report["answered_204"] = statuses.get(204, report["requests"] - report["non_2xx"])
    report["views_per_second"] = round(report["answered_204"] / args.duration, 1)
    report["server_cpu_cores"] = round(server_cpu / args.duration, 2)
    report["server_cpu_us_per_view"] = round(server_cpu / max(report["answered_204"], 1) * 1e6)
    report["wrk_cpu_cores"] = round(wrk_cpu / args.duration, 2)
    if pg_port:
        report["postgres_cpu_cores"] = round(db_cpu / args.duration, 2)
    report["rows_stored"] = rows_after - rows_before
    report["rows_minus_204"] = report["rows_stored"] - report["answered_204"]
    report["durable_check"] = (
        "ok" if 0 <= report["rows_minus_204"] <= CONNECTIONS else "MISMATCH: rows stored differ from 204s by more than the requests in flight"
    )
    report.update(json.loads(shell(env, FLUSH, "FLUSH")))
    report["flush_rows_per_second"] = round(report["counted"] / report["flush_seconds"]) if report["flush_seconds"] else None
    report["totals_check"] = "ok" if report["totals_sum"] == report["buffered"] == report["counted"] and not report["unflushed_after"] else "MISMATCH"
    report["raw"] = raw
    if args.keep:
        report["data_dir"] = str(data_dir)
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--vary", choices=["user-agent", "address"], default="user-agent",
                        help="What makes each request a distinct reader.")
    parser.add_argument("--pg-synchronous-commit", choices=["on", "off"], default="on")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folders.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    reports = []
    if args.database in ("sqlite", "both"):
        reports.append(bench_one(database="sqlite", database_url="", args=args))
    if args.database in ("postgresql", "both"):
        try:
            with durable_pg_cluster(synchronous_commit=args.pg_synchronous_commit) as url:
                reports.append(bench_one(database="postgresql", database_url=url, args=args))
        except Exception as exc:  # the cluster could not start: say so, keep the SQLite figures
            if args.database == "postgresql":
                raise
            print(f"PostgreSQL skipped: {exc}", file=sys.stderr)

    print("Beacon ingestion. The per-client rate limit is OFF for this bench (DATELINE_VIEWS_RATE_LIMIT=0):")
    print("every request comes from 127.0.0.1. The server answers 204 only after the view is committed.\n")
    table = (
        "| database | durability | distinct readers by | views/s accepted (204/s) | p50 ms | p99 ms | non-2xx | 204s | rows stored | "
        "flush s | flushed rows/s | totals | server CPU µs/view | cores used: server / wrk / postgres |\n" + "| --- " * 14 + "|\n"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for r in reports:
        durability = r.get("sqlite") or f"fsync on, synchronous_commit={r['synchronous_commit']}"
        table += (
            f"| {r['database']} | {durability} | {r['vary']} | {r['views_per_second']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['non_2xx']} | {r['answered_204']:,} | {r['rows_stored']:,} ({r['durable_check']}) | {r['flush_seconds']:.2f} | "
            f"{r['flush_rows_per_second']:,} | {r['totals_sum']:,} = {r['buffered']:,} buffered ({r['totals_check']}) | "
            f"{r['server_cpu_us_per_view']} | {r['server_cpu_cores']} / {r['wrk_cpu_cores']} / {r.get('postgres_cpu_cores', '-')} |\n"
        )
        name = f"beacon_ingest-{r['database']}-{r['vary']}-{stamp}"
        (RESULTS / f"{name}.wrk.txt").write_text(r.pop("raw"))
        (RESULTS / f"{name}.json").write_text(json.dumps(r, indent=2))
    (RESULTS / f"beacon_ingest-{stamp}.md").write_text(table)
    print(table)
    print(json.dumps(reports, indent=2))
    return 0 if all(r["durable_check"] == "ok" and r["totals_check"] == "ok" for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
