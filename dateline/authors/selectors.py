"""Reads about authors."""

from django.db.models import QuerySet

from dateline.authors.models import AuthorPage


def author_list_for_index() -> QuerySet[AuthorPage]:
    return AuthorPage.objects.live().select_related("photo").order_by("title")
