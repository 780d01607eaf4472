"""`dateline serve`'s worker supervisor starts the background worker again when it dies."""

from __future__ import annotations

import os
import signal
import sys
import time

from dateline.operations.supervisor import WorkerSupervisor


class QuickSupervisor(WorkerSupervisor):
    poll_seconds = 0.1
    min_restart_seconds = 0.0


def test_a_killed_worker_is_started_again_and_a_stopped_one_is_not():
    """kill -9 of the worker brings a new process; stop() ends it for good."""
    said = []
    supervisor = QuickSupervisor([sys.executable, "-c", "import time; time.sleep(60)"], env=dict(os.environ), echo=said.append)
    try:
        first = supervisor.process.pid
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while supervisor.process.pid == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert supervisor.process.pid != first and supervisor.restarts == 1
        assert said == ["The background worker stopped (exit status -9); starting it again."]
    finally:
        supervisor.stop(timeout=10)
    time.sleep(0.5)
    assert supervisor.process.poll() is not None and supervisor.restarts == 1
