"""Related posts' background tasks, run by `dateline worker` through Django's tasks interface."""

from django_tasks import task

# services (numpy, scikit-learn) is imported inside each task: a process that only queues one
# (the site, the WordPress importer) does not load them.


@task()
def related_recompute_task(article_id: int, changed_at: str | None = None) -> int:
    """Recompute an article's list and the lists it belongs in (idempotent: it replaces them).

    Skipped when a full rebuild has read the articles since ``changed_at`` (ISO time)."""
    from django.utils.dateparse import parse_datetime

    from dateline.related import services

    return services.related_recompute_affected(article_id=article_id, changed_at=parse_datetime(changed_at) if changed_at else None)


@task(queue_name="bulk")  # minutes on a large archive: its own worker lane (dateline.core.worker)
def related_rebuild_task() -> int:
    from dateline.related import services

    return services.related_rebuild()
