"""Signal wiring: cached feeds go stale when anything they show is published, unpublished or deleted."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.feeds import services


def _on_change(sender, **kwargs):
    services.feeds_clear()


def connect():
    from dateline.articles.models import ArticlePage, SectionPage
    from dateline.authors.models import AuthorPage

    for model in (ArticlePage, SectionPage, AuthorPage):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"dateline-feeds-published-{model.__name__}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"dateline-feeds-unpublished-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"dateline-feeds-deleted-{model.__name__}")
    post_page_move.connect(_on_change, dispatch_uid="dateline-feeds-moved")
