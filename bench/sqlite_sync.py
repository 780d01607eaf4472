"""SQLite write latency under WAL: synchronous=FULL against NORMAL, for a comment-sized transaction.

    .venv/bin/python bench/sqlite_sync.py [--writes 300] [--dir /path/on/the/data/disk]

Each write is one IMMEDIATE transaction inserting one ~1 KB row and updating a
counter row, as posting a comment does (the comment, its article's count). It
prints the median, 95th percentile and mean per commit for each mode. Run it on
the disk the data folder lives on: the difference is one fsync of the WAL per
commit, so it is the disk's fsync latency.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time


def measure(folder: str, mode: str, writes: int) -> list[float]:
    path = os.path.join(folder, f"sync-{mode}.sqlite3")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={mode}")
    db.execute("CREATE TABLE IF NOT EXISTS comment (id INTEGER PRIMARY KEY, article INTEGER, body TEXT, created REAL)")
    db.execute("CREATE TABLE IF NOT EXISTS counter (article INTEGER PRIMARY KEY, n INTEGER)")
    db.execute("INSERT OR IGNORE INTO counter VALUES (1, 0)")
    body = "A reader's comment, about a kilobyte long. " * 24
    timings = []
    for _ in range(writes):
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO comment (article, body, created) VALUES (1, ?, ?)", (body, time.time()))
        db.execute("UPDATE counter SET n = n + 1 WHERE article = 1")
        db.execute("COMMIT")
        timings.append((time.perf_counter() - started) * 1000)
    db.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--dir", default=None, help="folder on the disk to measure (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="dateline-sync-") as folder:
        for mode in ("NORMAL", "FULL"):
            measure(folder, mode, 20)  # warm up: create the files and the WAL
            t = sorted(measure(folder, mode, args.writes))
            p95 = t[int(len(t) * 0.95) - 1]
            print(f"synchronous={mode:<6}  {args.writes} commits  median {statistics.median(t):.2f} ms  "
                  f"p95 {p95:.2f} ms  mean {statistics.mean(t):.2f} ms")


if __name__ == "__main__":
    main()
