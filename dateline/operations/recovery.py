"""Tasks that survive a worker crash: what a dead worker left RUNNING is queued again.

django-tasks-db marks a task RUNNING when a worker claims it and records the
worker's id (``<host>-<pid>``). A worker killed mid-task (kill -9, out of
memory, a power cut) leaves the row RUNNING for ever, and no worker would take
it again. :func:`tasks_requeue_interrupted`, called when a worker starts, puts
such rows back to READY:

- a task claimed by a worker on this host whose process no longer exists;
- a task claimed on another host longer ago than DATELINE_TASK_STALE_MINUTES
  (that host's processes cannot be seen from here).

Running a task again is safe because dateline's tasks are idempotent: the view
flush counts each buffered row once (rows are marked in the same transaction
as the counts), related lists are replaced, not added to, the search and
reference indexes are rewritten per object; see docs/operations.md.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket

from django.db import transaction
from django.utils import timezone

from dateline import conf

logger = logging.getLogger("dateline.operations.recovery")


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def worker_is_gone(worker_id: str, *, host: str, current: str, started_at, stale_before) -> bool:
    """Whether the worker that claimed a task can no longer be running it."""
    name, _, pid = worker_id.rpartition("-")
    if worker_id == current:
        return False
    if name == host and pid.isdigit():
        return int(pid) == os.getpid() or not process_alive(int(pid))
    return started_at is None or started_at < stale_before


def tasks_requeue_interrupted(*, worker_id: str, now: datetime.datetime | None = None) -> int:
    """Put tasks left RUNNING by dead workers back in the queue; returns how many."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale_before = now - datetime.timedelta(minutes=conf.get("TASK_STALE_MINUTES"))
    host = socket.gethostname()
    requeued = 0
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at", "task_path"):
        last = task.worker_ids[-1] if task.worker_ids else ""
        if not worker_is_gone(last, host=host, current=worker_id, started_at=task.started_at, stale_before=stale_before):
            continue
        with transaction.atomic():
            # Only if it is still RUNNING under the same claim: another worker may have just done this.
            changed = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at).update(
                status=TaskResultStatus.READY, started_at=None
            )
        if changed:
            requeued += 1
            logger.warning(
                "task interrupted by a worker that died; queued again",
                extra={"event": "task_requeued", "task": task.task_path, "task_id": str(task.pk), "dead_worker": last},
            )
    return requeued
