"""The background worker: queued tasks (Django's tasks interface) and periodic jobs.

Periodic jobs are Wagtail's scheduled publishing (and unpublishing at expiry),
run every ``interval`` seconds, and the enqueueing of readership tasks
(flushing buffered views every DATELINE_VIEWS_FLUSH_SECONDS, pruning hourly).
On SIGTERM the worker finishes the task it is running, then stops; the view
buffer is in the database, so a stop between flushes loses nothing. Queued tasks are taken from the database queue
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


def related_rebuild_if_due(*, every: float = 86400.0) -> bool:
    """Queue the daily related rebuild when the last one began more than a day ago (or never ran).

    Checked hourly against the time stored by the last rebuild, not at every worker start: a
    rebuild takes minutes on a large archive, and the single queue would hold view flushes and
    purges behind it each time the worker restarts.
    """
    import datetime

    from django.utils import timezone

    from dateline.related.models import TextModelState
    from dateline.related.services import MODEL_KEY
    from dateline.related.tasks import related_rebuild_task

    last = TextModelState.objects.filter(key=MODEL_KEY).values_list("lists_from", flat=True).first()
    if last is not None and timezone.now() - last < datetime.timedelta(seconds=every):
        return False
    related_rebuild_task.enqueue()
    return True


def periodic_jobs() -> list[tuple[float, Callable[[], object]]]:
    """(interval in seconds, job) pairs; a job enqueues a task or does a small thing itself."""
    from dateline import conf
    from dateline.analytics.tasks import views_flush_task, views_prune_task
    from dateline.comments.tasks import digest_task, housekeeping_task

    return [
        (30.0, scheduled_publishing_run),
        (float(conf.get("VIEWS_FLUSH_SECONDS")), views_flush_task.enqueue),
        (3600.0, views_prune_task.enqueue),
        (3600.0, related_rebuild_if_due),  # refits the text model daily as the archive grows
        (60.0 * max(1, conf.get("COMMENTS_DIGEST_MINUTES")), digest_task.enqueue),  # one mail per window (DigestLog)
        (3600.0, housekeeping_task.enqueue),  # comment retention and auto-close purges
    ]


def worker_run(*, interval: float, once: bool = False, echo: Callable[[str], None] = print) -> None:
    stopping = {"now": False}

    def stop(signum, frame):
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker_id = f"{socket.gethostname()}-{os.getpid()}"
    jobs = periodic_jobs()
    jobs[0] = (interval, jobs[0][1])
    echo(f"Worker {worker_id} started; scheduled publishing every {interval:g} s.")
    from dateline.operations.recovery import tasks_requeue_interrupted

    requeued = tasks_requeue_interrupted(worker_id=worker_id)
    if requeued:
        echo(f"Queued again {requeued} task(s) that a stopped worker left unfinished.")
    next_run = [0.0] * len(jobs)
    while not stopping["now"]:
        for i, (every, job) in enumerate(jobs):
            if time.monotonic() >= next_run[i]:
                try:
                    job()
                except Exception:  # keep the worker alive; the log says what failed
                    logger.exception("Periodic job %s failed", getattr(job, "__qualname__", job))
                next_run[i] = time.monotonic() + every
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
