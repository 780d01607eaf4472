"""Most-read lists must drop an article the moment it is unpublished or deleted."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from dateline.core.cache import cache_clear


def popular_lists_clear(**kwargs) -> None:
    from dateline.analytics.selectors import POPULAR_CACHE
    from dateline.analytics.services import visible_articles

    cache_clear(POPULAR_CACHE)
    visible_articles.forget()


def connect():
    from dateline.articles.models import ArticlePage

    page_unpublished.connect(popular_lists_clear, sender=ArticlePage, dispatch_uid="dateline-popular-unpublished")
    # Publishing can set an embargo on a live article, which must leave the lists too.
    page_published.connect(popular_lists_clear, sender=ArticlePage, dispatch_uid="dateline-popular-published")
    post_delete.connect(popular_lists_clear, sender=ArticlePage, dispatch_uid="dateline-popular-deleted")
