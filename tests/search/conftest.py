import pytest

from dateline.project.settings.base import TASK_QUEUES


@pytest.fixture(autouse=True)
def run_tasks(settings):
    """Run queued tasks at once, as the worker would: Wagtail indexes a published page in a task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
