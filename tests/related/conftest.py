import pytest

from dateline.project.settings.base import TASK_QUEUES


@pytest.fixture
def run_tasks(settings):
    """Run queued tasks at once, as the worker would, for tests about what publishing sets off."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
