"""Reads about imported WordPress objects: where an old WordPress ID lives now."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from dateline.importers.wordpress.models import ImportedObject


def imported_article_url(*, wp_id: str, kinds: tuple[str, ...]) -> str | None:
    """The reader URL of the visible article imported from WordPress post ``wp_id``, or None.

    When several WordPress sites were imported and share the ID, the most
    recently imported one wins.
    """
    from dateline.articles.models import ArticlePage

    if not wp_id.isdigit():
        return None
    article_type = ContentType.objects.get_for_model(ArticlePage)
    ids = list(
        ImportedObject.objects.filter(kind__in=kinds, wp_key=str(int(wp_id)), content_type=article_type)
        .order_by("-updated_at")
        .values_list("object_id", flat=True)[:5]
    )
    if not ids:
        return None
    articles = {a.pk: a for a in ArticlePage.objects.published().filter(pk__in=ids).select_related("section")}
    for pk in ids:
        if pk in articles:
            return articles[pk].article_path()
    return None
