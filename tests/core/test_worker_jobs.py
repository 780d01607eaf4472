"""The worker's periodic jobs queue long work only when it is due."""

import datetime

import pytest
from django.utils import timezone

from dateline.core.worker import related_rebuild_if_due
from dateline.related.models import TextModelState
from dateline.related.services import MODEL_KEY

pytestmark = pytest.mark.django_db


def _queued_rebuilds():
    from django_tasks import default_task_backend

    return [r for r in default_task_backend.results if r.task.name == "related_rebuild_task"]


def test_the_daily_related_rebuild_is_queued_only_when_a_day_has_passed(settings):
    """A worker restart does not queue a rebuild that ran an hour ago; a stale or missing one is queued."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    assert related_rebuild_if_due() is True  # never ran
    assert len(_queued_rebuilds()) == 1
    TextModelState.objects.create(key=MODEL_KEY, data=b"", lists_from=timezone.now() - datetime.timedelta(hours=1))
    assert related_rebuild_if_due() is False
    assert len(_queued_rebuilds()) == 1
    TextModelState.objects.filter(key=MODEL_KEY).update(lists_from=timezone.now() - datetime.timedelta(days=2))
    assert related_rebuild_if_due() is True
    assert len(_queued_rebuilds()) == 2
