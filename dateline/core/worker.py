"""The background worker: queued tasks (Django's tasks interface) and periodic jobs.

Periodic jobs are Wagtail's scheduled publishing (and unpublishing at expiry),
run every ``interval`` seconds. Queued tasks are taken from the database queue
(django-tasks-db) and run one at a time; a stop signal lets the running task
finish before the worker exits.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable

logger = logging.getLogger("dateline.worker")


def scheduled_publishing_run() -> None:
    """Publish what editors scheduled, and unpublish what has expired."""
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)


def queued_tasks_run(*, worker_id: str) -> None:
    """Run every task waiting in the database queue, then return."""
    from django.conf import settings

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db"):
        return
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def worker_run(*, interval: float, once: bool = False, echo: Callable[[str], None] = print) -> None:
    stopping = {"now": False}

    def stop(signum, frame):
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker_id = f"{socket.gethostname()}-{os.getpid()}"
    echo(f"Worker {worker_id} started; scheduled publishing every {interval:g} s.")
    next_periodic = 0.0
    while not stopping["now"]:
        if time.monotonic() >= next_periodic:
            try:
                scheduled_publishing_run()
            except Exception:  # keep the worker alive; the log says what failed
                logger.exception("Scheduled publishing failed")
            next_periodic = time.monotonic() + interval
        try:
            queued_tasks_run(worker_id=worker_id)
        except Exception:
            logger.exception("Running queued tasks failed")
        if once:
            break
        for _ in range(10):
            if stopping["now"]:
                break
            time.sleep(0.1)
    echo("Worker stopped.")
