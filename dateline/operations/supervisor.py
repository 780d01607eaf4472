"""Keep `dateline serve`'s background worker running: start it again when it dies.

Without this, a task worker killed by the out-of-memory killer or a ``kill -9``
would leave the site serving with nothing flushing views, sending mail or
publishing on schedule until someone noticed. The new worker queues again
whatever the dead one left half-done (:mod:`dateline.operations.recovery`).
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("dateline.operations.supervisor")


class WorkerSupervisor:
    """Start a process and start it again whenever it exits, until :meth:`stop`."""

    #: Seconds between checks, and the least time between two starts (a crash loop stays slow).
    poll_seconds = 1.0
    min_restart_seconds = 5.0

    def __init__(self, command: list[str], *, env: dict, echo: Callable[[str], None] = print):
        self.command, self.env, self.echo = command, env, echo
        self.stopping = threading.Event()
        self.restarts = 0
        self.process = self._start()
        self.thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)
        self.thread.start()

    def _start(self) -> subprocess.Popen:
        self.started_at = time.monotonic()
        return subprocess.Popen(self.command, env=self.env)

    def _watch(self) -> None:
        while not self.stopping.wait(self.poll_seconds):
            code = self.process.poll()
            if code is None or self.stopping.is_set():
                continue
            wait = self.min_restart_seconds - (time.monotonic() - self.started_at)
            if wait > 0 and self.stopping.wait(wait):
                return
            self.restarts += 1
            self.echo(f"The background worker stopped (exit status {code}); starting it again.")
            logger.warning("background worker died; restarted", extra={"event": "worker_restarted", "exit_status": code})
            self.process = self._start()

    def send_signal(self, signum: int) -> None:
        self.stopping.set()
        self.process.send_signal(signum)

    def stop(self, timeout: float = 30) -> None:
        self.stopping.set()
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
