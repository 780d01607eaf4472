"""Readership's background tasks, run by `dateline worker` through Django's tasks interface."""

from django_tasks import task

from dateline.analytics import services


@task()
def views_flush_task() -> int:
    """Count the buffered views (idempotent: a flushed row is never counted again)."""
    return services.views_flush()


@task()
def views_prune_task() -> dict:
    return services.views_prune()
