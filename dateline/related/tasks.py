"""Related posts' background tasks, run by `dateline worker` through Django's tasks interface."""

from django_tasks import task

from dateline.related import services


@task()
def related_recompute_task(article_id: int) -> int:
    """Recompute an article's list and the lists it belongs in (idempotent: it replaces them)."""
    return services.related_recompute_affected(article_id=article_id)


@task()
def related_rebuild_task() -> int:
    return services.related_rebuild()
