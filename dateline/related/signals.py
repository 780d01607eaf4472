"""Publishing, changing or unpublishing an article queues a recomputation of related lists."""

from wagtail.signals import page_published, page_unpublished


def _queue_recompute(sender, instance, **kwargs):
    from django.utils import timezone

    from dateline.related.tasks import related_recompute_task

    related_recompute_task.enqueue(instance.pk, timezone.now().isoformat())


def connect():
    from dateline.articles.models import ArticlePage

    page_published.connect(_queue_recompute, sender=ArticlePage, dispatch_uid="dateline-related-published")
    page_unpublished.connect(_queue_recompute, sender=ArticlePage, dispatch_uid="dateline-related-unpublished")
