"""Signal wiring: sitemaps go stale when a page they list is published, unpublished, moved or deleted.

The index and news sitemap cached here (``sitemaps_clear``) are rebuilt at once, and a child
sitemap's ETag changes with them; the copies a front-end cache holds (nginx, a CDN) are purged
through the same signal as reader pages (:func:`dateline.core.purge.reader_pages_changed_send`),
naming the sitemaps that list the page or take a lastmod from it.
"""

from django.db.models.signals import post_delete, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core.purge import reader_pages_changed_send
from dateline.sitemaps import services


def _on_change(sender, instance=None, **kwargs):
    from dateline.sitemaps.sitemaps import sitemap_paths_for_page

    services.sitemaps_clear()
    if instance is not None:
        reason = "published" if kwargs.get("signal") is page_published else "unpublished"
        reader_pages_changed_send(paths=sitemap_paths_for_page(instance.specific), reason=reason)


def _before_delete(sender, instance, **kwargs):
    from dateline.sitemaps.sitemaps import sitemap_paths_for_page

    reader_pages_changed_send(paths=sitemap_paths_for_page(instance), reason="deleted")


def _on_delete(sender, **kwargs):
    services.sitemaps_clear()


def _on_move(sender, instance, **kwargs):
    from dateline.sitemaps.sitemaps import sitemap_paths_for_page

    services.sitemaps_clear()
    reader_pages_changed_send(paths=sitemap_paths_for_page(instance.specific), reason="moved")


def connect():
    from dateline.articles.models import ArticlePage, HomePage, SectionPage
    from dateline.authors.models import AuthorPage

    for model in (ArticlePage, SectionPage, AuthorPage, HomePage):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"dateline-sitemaps-published-{model.__name__}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"dateline-sitemaps-unpublished-{model.__name__}")
        # Before the delete: its tags and bylines are still there to say which sitemaps listed it.
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"dateline-sitemaps-deleting-{model.__name__}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"dateline-sitemaps-deleted-{model.__name__}")
    post_page_move.connect(_on_move, dispatch_uid="dateline-sitemaps-moved")
