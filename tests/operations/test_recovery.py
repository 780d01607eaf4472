"""Tasks survive a worker crash: a task a dead worker left RUNNING runs again, and its effect is not doubled."""

from __future__ import annotations

import datetime
import socket
import subprocess
import sys
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dateline.analytics import services as analytics
from dateline.analytics.models import ArticleViewsTotal
from dateline.analytics.tasks import views_flush_task
from dateline.core.worker import queued_tasks_run
from dateline.operations.recovery import tasks_requeue_interrupted
from dateline.project.settings.base import TASK_QUEUES
from tests import factories as f

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def claimed(result, worker_id: str, started_at=None) -> DBTaskResult:
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    if started_at is not None:
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=started_at)
    return DBTaskResult.objects.get(pk=row.pk)


def record_views(article, count: int) -> None:
    analytics.visible_articles.forget()
    analytics.rate_limiter.__init__()
    for n in range(count):
        outcome = analytics.article_view_record(article_id=article.pk, client=f"198.51.100.{n}", user_agent=BROWSER, referrer="")
        assert outcome.outcome == analytics.COUNTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # needs the site tree the migrations made; an earlier transactional test may have flushed it
def test_a_flush_cut_off_by_a_dead_worker_runs_again_and_counts_each_view_once(settings):
    """The worker died inside the flush: the task is queued again, and the views are counted exactly once."""
    settings.TASKS = DB_TASKS
    article = f.make_article("Night ferry returns after the storm")
    record_views(article, 7)

    result = views_flush_task.enqueue()
    host = socket.gethostname()
    claimed(result, f"{host}-{dead_pid()}")
    # What the dead worker did before it died: a flush whose transaction never committed.
    with mock.patch.object(type(analytics.get_view_buffer()), "commit_marker", side_effect=SystemExit("killed")):
        with pytest.raises(SystemExit):
            analytics.views_flush()
    assert not ArticleViewsTotal.objects.filter(article_id=article.pk).exists()

    assert tasks_requeue_interrupted(worker_id=f"{host}-999999999") == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    queued_tasks_run(worker_id=f"{host}-restarted")
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == 7
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 7
    # And a second run of the same task (a duplicate enqueue) adds nothing.
    views_flush_task.enqueue()
    queued_tasks_run(worker_id=f"{host}-restarted")
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 7


@pytest.mark.django_db
def test_only_tasks_of_dead_or_long_silent_workers_are_queued_again(settings):
    """A live worker's task stays RUNNING; another host's is requeued only after DATELINE_TASK_STALE_MINUTES."""
    settings.TASKS = DB_TASKS
    settings.DATELINE_TASK_STALE_MINUTES = 60
    host = socket.gethostname()
    import os

    live = claimed(views_flush_task.enqueue(), f"{host}-{os.getppid()}")
    other_recent = claimed(views_flush_task.enqueue(), "elsewhere-123", started_at=timezone.now())
    other_old = claimed(views_flush_task.enqueue(), "elsewhere-456", started_at=timezone.now() - datetime.timedelta(hours=2))
    dead = claimed(views_flush_task.enqueue(), f"{host}-{dead_pid()}")

    assert tasks_requeue_interrupted(worker_id=f"{host}-{os.getpid()}") == 2
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[live.pk] == status[other_recent.pk] == TaskResultStatus.RUNNING
    assert status[other_old.pk] == status[dead.pk] == TaskResultStatus.READY
    assert tasks_requeue_interrupted(worker_id=f"{host}-{os.getpid()}") == 0  # nothing left to do


@pytest.mark.django_db
def test_recomputing_related_lists_twice_gives_the_same_lists():
    """related_recompute_task replaces lists, so a rerun after a crash leaves the same rows."""
    from dateline.related.models import RelatedArticle
    from dateline.related.services import related_recompute_affected

    section = f.make_section("Coast")
    first = f.make_article("Harbour dredging plan approved by council", section=section, tags=["harbour"])
    f.make_article("Harbour dredging starts next spring", section=section, tags=["harbour"])
    f.make_article("Council approves the harbour budget", section=section, tags=["harbour"])

    def lists():
        return sorted(RelatedArticle.objects.values_list("article_id", "related_id", "rank"))

    related_recompute_affected(article_id=first.pk)
    once = lists()
    related_recompute_affected(article_id=first.pk)
    assert once and lists() == once
