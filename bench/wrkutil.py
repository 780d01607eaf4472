"""Shared helpers for the wrk benchmarks: run wrk, parse its output, start and stop `dateline serve`."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_wrk(text: str) -> dict:
    """req/s, p50 and p99 in milliseconds, non-2xx/3xx answers and socket errors from `wrk --latency`."""

    def latency(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0 to 100) of ``values`` by nearest rank; 0 for none (latencies timed outside wrk)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def wrk(url: str, *, duration: str, latency: bool = True, threads: int = 2, connections: int = 16,
        headers: dict | None = None) -> str:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}"] + (["--latency"] if latency else [])
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    return subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout


def measure(url: str, *, warmup: int = 5, duration: int = 15, headers: dict | None = None) -> tuple[dict, str]:
    """wrk -t2 -c16: a warm-up run (discarded), then the measured run. Returns (figures, raw output)."""
    wrk(url, duration=f"{warmup}s", latency=False, headers=headers)
    raw = wrk(url, duration=f"{duration}s", headers=headers)
    return parse_wrk(raw), raw


def wait_until_up(url: str, *, attempts: int = 480) -> bool:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.5)
    return False


@contextlib.contextmanager
def dateline_serving(env: dict, *, port: int, worker: bool = False, log: Path | None = None) -> Iterator[subprocess.Popen]:
    """`dateline serve` on 127.0.0.1:port in its own session; always stopped (SIGTERM to the group)."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    args = [str(BIN / "dateline"), "serve", "--port", str(port)] + ([] if worker else ["--no-worker"])
    server = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if not wait_until_up(f"http://127.0.0.1:{port}/"):
            raise RuntimeError(f"dateline serve on port {port} did not answer; see {log}")
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, 15)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, 9)
            server.wait()
        if log:
            out.close()
