"""Reads for the read API: filtered, paginated published articles with what their JSON needs.

Everything starts from ``ArticlePage.objects.published()``, so embargoed and
unpublished articles are absent from every list and every detail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from dateline.articles.models import ArticleByline, ArticlePage, SectionPage
from dateline.articles.selectors import live_pages_of, tag_get
from dateline.authors.models import AuthorPage
from dateline.images.models import NewsRendition

API_IMAGE_SPEC = "fill-1200x675"


@dataclass(frozen=True)
class ArticleFilters:
    section: str | None = None
    tag: str | None = None
    author: str | None = None
    since: datetime.datetime | None = None


def _with_relations(queryset: QuerySet[ArticlePage], *, body: bool = False) -> QuerySet[ArticlePage]:
    queryset = queryset.select_related("section", "lead_image")
    if not body:
        queryset = queryset.defer_streamfields()
    return queryset.prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("author").order_by("sort_order")),
        "tags",
        "corrections",
        Prefetch("lead_image__renditions", queryset=NewsRendition.objects.filter(filter_spec=API_IMAGE_SPEC)),
    )


def article_list_filtered(*, filters: ArticleFilters, offset: int, limit: int) -> tuple[list[ArticlePage], bool]:
    """One page of published articles, newest first, and whether another page follows.

    Raises Http404 naming the section, tag or author that does not exist.
    """
    articles = ArticlePage.objects.published()
    if filters.section:
        section = SectionPage.objects.live().filter(slug=filters.section, depth=3).first()
        if section is None:
            raise Http404(f"No section '{filters.section}'.")
        articles = articles.in_section(section)
    if filters.tag:
        tag = tag_get(slug=filters.tag)
        if tag is None:
            raise Http404(f"No tag '{filters.tag}'.")
        articles = articles.tagged(tag)
    if filters.author:
        author = AuthorPage.objects.live().filter(slug=filters.author).first()
        if author is None:
            raise Http404(f"No author '{filters.author}'.")
        articles = articles.by_author(author)
    if filters.since:
        articles = articles.filter(published_at__gte=filters.since)
    rows = list(_with_relations(articles.newest_first())[offset : offset + limit + 1])
    return rows[:limit], len(rows) > limit


def article_list_by_ids(*, ids: list[int]) -> list[ArticlePage]:
    """Published articles with these ids, in the order given."""
    found = {a.pk: a for a in _with_relations(ArticlePage.objects.published().filter(pk__in=ids))} if ids else {}
    return [found[pk] for pk in ids if pk in found]


def article_get_published(*, article_id: int, body: bool = True) -> ArticlePage:
    article = _with_relations(ArticlePage.objects.published().filter(pk=article_id), body=body).first()
    if article is None:
        raise Http404(f"No published article {article_id}.")
    return article


def section_list() -> QuerySet[SectionPage]:
    return live_pages_of(SectionPage).filter(depth=3).order_by("path")


def section_get(*, slug: str) -> SectionPage:
    section = section_list().filter(slug=slug).first()
    if section is None:
        raise Http404(f"No section '{slug}'.")
    return section


def author_list(*, offset: int, limit: int) -> tuple[list[AuthorPage], bool]:
    rows = list(AuthorPage.objects.live().select_related("photo").order_by("title", "pk")[offset : offset + limit + 1])
    return rows[:limit], len(rows) > limit


def author_get(*, slug: str) -> AuthorPage:
    author = AuthorPage.objects.live().select_related("photo").filter(slug=slug).first()
    if author is None:
        raise Http404(f"No author '{slug}'.")
    return author
