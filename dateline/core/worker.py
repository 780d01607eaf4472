"""The background worker: queued tasks (Django's tasks interface) and periodic jobs.

Periodic jobs are Wagtail's scheduled publishing (and unpublishing at expiry),
run every ``interval`` seconds, and the enqueueing of readership tasks
(flushing buffered views every DATELINE_VIEWS_FLUSH_SECONDS, pruning hourly).
On SIGTERM the worker finishes the task it is running, then stops; the view
buffer is in the database, so a stop between flushes loses nothing. Queued tasks
are taken from the database queue (django-tasks-db) by two lanes: the main loop
runs the "default" queue one task at a time, and a thread runs the "bulk" queue
(the related rebuild), so a long task never holds a view flush or a purge behind it.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("dateline.worker")


def scheduled_publishing_run() -> None:
    """Publish what editors scheduled, and unpublish what has expired."""
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)


#: The queue of long tasks, run by the worker's second lane (see worker_run).
BULK_QUEUE = "bulk"


def queued_tasks_run(*, worker_id: str, queues: list[str] | None = None, exclude: list[str] | None = None) -> None:
    """Run every task waiting in the database queue (or in ``queues``, less ``exclude``), then return."""
    from django.conf import settings

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db"):
        return
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=queues or ["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=exclude or [],
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
    from dateline.core.slots import slots_refresh

    return [
        (30.0, scheduled_publishing_run),
        (float(conf.get("VIEWS_FLUSH_SECONDS")), views_flush_task.enqueue),
        (3600.0, views_prune_task.enqueue),
        (3600.0, related_rebuild_if_due),  # refits the text model daily as the archive grows
        (60.0 * max(1, conf.get("COMMENTS_DIGEST_MINUTES")), digest_task.enqueue),  # one mail per window (DigestLog)
        (3600.0, housekeeping_task.enqueue),  # comment retention and auto-close purges
        # The most-read lists, summed again a minute before they expire: no reader waits for one.
        (max(30.0, 60.0 * conf.get("POPULAR_REFRESH_MINUTES") - 60.0), slots_refresh),
    ]


def bulk_lane_run(*, worker_id: str, stopping: threading.Event, poll_seconds: float = 1.0) -> None:
    """The worker's second lane: long tasks from the bulk queue, in a thread of their own.

    A related rebuild takes minutes on a large archive; on the main lane it would hold view
    flushes, purges and mail behind it. A stop ends the lane between tasks; one cut off by the
    process exiting is left RUNNING under this process's id and queued again by the next worker
    (dateline.operations.recovery), which is safe because bulk tasks are idempotent.
    """
    while not stopping.is_set():
        try:
            queued_tasks_run(worker_id=worker_id, queues=[BULK_QUEUE])
        except Exception:
            logger.exception("Running bulk tasks failed")
        stopping.wait(poll_seconds)


def _bulk_lane_thread(**kwargs) -> None:
    from django.db import connections

    try:
        bulk_lane_run(**kwargs)
    finally:
        connections.close_all()  # this thread's own connections


def worker_run(*, interval: float, once: bool = False, echo: Callable[[str], None] = print) -> None:
    stopping = {"now": False}
    lane_stopping = threading.Event()

    def stop(signum, frame):
        # Only the flag: the loop below stops the bulk lane within 0.1 s. Setting the Event here
        # could deadlock if the signal lands while this thread holds the Event's lock (at the end).
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
    lane = None
    if not once:
        # Daemon: a process that exits leaves a cut-off bulk task for the next worker to rerun.
        lane = threading.Thread(target=_bulk_lane_thread, kwargs={"worker_id": worker_id, "stopping": lane_stopping}, name="bulk-lane", daemon=True)
        lane.start()
    while not stopping["now"]:
        for i, (every, job) in enumerate(jobs):
            if time.monotonic() >= next_run[i]:
                try:
                    job()
                except Exception:  # keep the worker alive; the log says what failed
                    logger.exception("Periodic job %s failed", getattr(job, "__qualname__", job))
                next_run[i] = time.monotonic() + every
        try:
            # With the bulk lane running, this lane leaves the bulk queue to it; a single
            # pass (--once) runs everything.
            queued_tasks_run(worker_id=worker_id, exclude=[BULK_QUEUE] if lane else None)
        except Exception:
            logger.exception("Running queued tasks failed")
        if once:
            break
        for _ in range(10):
            if stopping["now"]:
                break
            time.sleep(0.1)
    lane_stopping.set()
    if lane is not None:
        lane.join(timeout=5)  # between tasks it ends at once; in a long one the exit cuts it off
    echo("Worker stopped.")
