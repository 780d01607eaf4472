"""The worker's periodic jobs queue long work only when it is due."""

import datetime

import pytest
from django.utils import timezone

from dateline.core.worker import related_rebuild_if_due
from dateline.project.settings.base import TASK_QUEUES
from dateline.related.models import TextModelState
from dateline.related.services import MODEL_KEY

pytestmark = pytest.mark.django_db


def _queued_rebuilds():
    from django_tasks import default_task_backend

    return [r for r in default_task_backend.results if r.task.name == "related_rebuild_task"]


def test_the_daily_related_rebuild_is_queued_only_when_a_day_has_passed(settings):
    """A worker restart does not queue a rebuild that ran an hour ago; a stale or missing one is queued."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": TASK_QUEUES}}
    default_task_backend.clear()
    assert related_rebuild_if_due() is True  # never ran
    assert len(_queued_rebuilds()) == 1
    TextModelState.objects.create(key=MODEL_KEY, data=b"", lists_from=timezone.now() - datetime.timedelta(hours=1))
    assert related_rebuild_if_due() is False
    assert len(_queued_rebuilds()) == 1
    TextModelState.objects.filter(key=MODEL_KEY).update(lists_from=timezone.now() - datetime.timedelta(days=2))
    assert related_rebuild_if_due() is True
    assert len(_queued_rebuilds()) == 2


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}


# Transactional: django-tasks-db's worker closes a connection that is not in autocommit mode.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_related_rebuild_waits_in_its_own_lane_and_never_holds_a_view_flush(settings):
    """The main lane runs the flush and leaves the rebuild queued; the bulk lane runs the rebuild."""
    import threading

    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from dateline.analytics.tasks import views_flush_task
    from dateline.core.worker import BULK_QUEUE, bulk_lane_run, queued_tasks_run
    from dateline.related.tasks import related_rebuild_task

    settings.TASKS = DB_TASKS
    rebuild = related_rebuild_task.enqueue()
    flush = views_flush_task.enqueue()
    assert DBTaskResult.objects.get(pk=rebuild.id).queue_name == BULK_QUEUE

    queued_tasks_run(worker_id="test-host-1", exclude=[BULK_QUEUE])
    assert DBTaskResult.objects.get(pk=flush.id).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(pk=rebuild.id).status == TaskResultStatus.READY

    stopping = threading.Event()

    class StopAfterOnePass(threading.Event):
        def wait(self, timeout=None):
            stopping.set()
            return True

        def is_set(self):
            return stopping.is_set()

    bulk_lane_run(worker_id="test-host-1", stopping=StopAfterOnePass(), poll_seconds=0)
    assert DBTaskResult.objects.get(pk=rebuild.id).status == TaskResultStatus.SUCCESSFUL
