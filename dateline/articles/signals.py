"""Signal wiring: used only to keep caches and denormalised fields right (see STYLE.md)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.articles import services


def _on_change(sender, **kwargs):
    services.article_lists_clear()


def _on_move(sender, instance, **kwargs):
    from wagtail.models import Page

    from dateline.articles.models import ArticlePage

    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first() or instance.path
    for article_id in ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True):
        services.article_section_sync(article_id=article_id)
    services.article_lists_clear()


def connect():
    from dateline.articles.models import ArticlePage, HomePage, SectionPage

    for model in (ArticlePage, SectionPage, HomePage):
        page_published.connect(_on_change, sender=model, dispatch_uid=f"dateline-published-{model.__name__}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"dateline-unpublished-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"dateline-deleted-{model.__name__}")
    post_page_move.connect(_on_move, dispatch_uid="dateline-moved")
