"""Signal wiring: cached sitemaps go stale when a page they list is published, unpublished, moved or deleted."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.sitemaps import services


def _on_change(sender, **kwargs):
    services.sitemaps_clear()


def connect():
    from dateline.articles.models import ArticlePage, SectionPage
    from dateline.authors.models import AuthorPage

    for model in (ArticlePage, SectionPage, AuthorPage):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"dateline-sitemaps-published-{model.__name__}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"dateline-sitemaps-unpublished-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"dateline-sitemaps-deleted-{model.__name__}")
    post_page_move.connect(_on_change, dispatch_uid="dateline-sitemaps-moved")
