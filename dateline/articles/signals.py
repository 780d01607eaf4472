"""Signal wiring: used only to keep caches and denormalised fields right (see STYLE.md).

Publishing, unpublishing, moving or deleting a page clears the cached article
lists and tells the page caches which reader pages changed
(:func:`dateline.core.purge.reader_pages_changed_send`). A correction is
published with a new revision, so it purges through ``page_published``.
"""

from django.db.models.signals import post_delete, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from dateline.articles import services
from dateline.core.purge import reader_pages_changed_send


def reader_paths(page) -> list[str]:
    """The reader pages that show ``page`` (an article, a section front or the front page)."""
    from dateline.articles.models import ArticlePage, SectionPage
    from dateline.articles.selectors import article_reader_paths

    if isinstance(page, ArticlePage):
        return article_reader_paths(article=page)
    if isinstance(page, SectionPage) and page.depth == 3:
        return ["/", f"/{page.slug}/"]
    return ["/"]


def _on_change(sender, instance, **kwargs):
    from dateline.articles.models import ArticlePage

    services.article_lists_clear()
    if not isinstance(instance, ArticlePage):
        services.article_fragment_clear()  # a section's title shows on its articles
    reason = "published" if kwargs.get("signal") is page_published else "unpublished"
    reader_pages_changed_send(paths=reader_paths(instance), reason=reason)


def _before_delete(sender, instance, **kwargs):
    reader_pages_changed_send(paths=reader_paths(instance), reason="deleted")


def _on_delete(sender, instance, **kwargs):
    services.article_lists_clear()


def _on_named_thing_change(sender, **kwargs):
    """An author's or a tag's name shows on every article that carries it."""
    services.article_fragment_clear()


def _before_move(sender, instance, **kwargs):
    # The old addresses, while the page is still where it was.
    reader_pages_changed_send(paths=reader_paths(instance.specific), reason="moved")


def _on_move(sender, instance, **kwargs):
    from wagtail.models import Page

    from dateline.articles.models import ArticlePage

    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first() or instance.path
    for article_id in ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True):
        services.article_section_sync(article_id=article_id)
    services.article_lists_clear()
    moved = Page.objects.filter(pk=instance.pk).specific().first()
    if moved is not None:
        reader_pages_changed_send(paths=reader_paths(moved), reason="moved")


def connect():
    from dateline.articles.models import ArticlePage, HomePage, SectionPage

    for model in (ArticlePage, SectionPage, HomePage):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"dateline-published-{model.__name__}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"dateline-unpublished-{model.__name__}")
        # Before the delete: its tags and bylines are still there to say where it showed.
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"dateline-deleting-{model.__name__}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"dateline-deleted-{model.__name__}")
    from django.db.models.signals import post_save
    from taggit.models import Tag

    from dateline.authors.models import AuthorPage

    page_published.connect(_on_named_thing_change, sender=AuthorPage, dispatch_uid="dateline-author-published")
    post_save.connect(_on_named_thing_change, sender=Tag, dispatch_uid="dateline-tag-saved")
    pre_page_move.connect(_before_move, dispatch_uid="dateline-before-move")
    post_page_move.connect(_on_move, dispatch_uid="dateline-moved")
