"""The WordPress importer's background task, run by `dateline worker` through Django's tasks interface."""

from django_tasks import task

from dateline.importers.wordpress import services


@task(queue_name="bulk")  # minutes for a large import: the worker's bulk lane (dateline.core.worker)
def imported_pages_index_task(page_ids: list[int]) -> int:
    """Index newly imported articles for search and references (idempotent: it replaces their entries)."""
    return services.imported_pages_index(page_ids=page_ids)
