"""Reads for feeds: what a feed is about (site, section, author, tag) and its newest articles."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from dateline.articles.models import ArticleByline, ArticlePage, SectionPage
from dateline.articles.selectors import tag_get
from dateline.authors.models import AuthorPage
from dateline.images.models import NewsRendition

FEED_IMAGE_SPEC = "fill-1200x675"


@dataclass(frozen=True)
class FeedScope:
    """What one feed covers: the whole site (kind "site"), or one section, author or tag."""

    kind: str
    slug: str = ""
    title: str = ""
    path: str = "/"
    obj: object = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.slug}"


SCOPE_KINDS = ("site", "section", "author", "tag")


def feed_scope_get(*, kind: str, slug: str = "") -> FeedScope:
    """The scope named by a feed URL; Http404 when the section, author or tag does not exist."""
    if kind == "site":
        return FeedScope(kind="site")
    if kind == "section":
        section = SectionPage.objects.live().filter(slug=slug, depth=3).only("title", "slug").first()
        if section is not None:
            return FeedScope(kind=kind, slug=slug, title=section.title, path=f"/{section.slug}/", obj=section)
    elif kind == "author":
        author = AuthorPage.objects.live().filter(slug=slug).only("title", "slug").first()
        if author is not None:
            return FeedScope(kind=kind, slug=slug, title=author.title, path=f"/authors/{author.slug}/", obj=author)
    elif kind == "tag":
        tag = tag_get(slug=slug)
        if tag is not None:
            return FeedScope(kind=kind, slug=slug, title=tag.name, path=f"/tags/{tag.slug}/", obj=tag)
    raise Http404(f"No such {kind}")


def article_queryset_for_scope(*, scope: FeedScope) -> QuerySet[ArticlePage]:
    """Published articles in the scope (never embargoed or unpublished ones), newest first."""
    articles = ArticlePage.objects.published()
    if scope.kind == "section":
        articles = articles.in_section(scope.obj)
    elif scope.kind == "author":
        articles = articles.by_author(scope.obj)
    elif scope.kind == "tag":
        articles = articles.tagged(scope.obj)
    return articles.newest_first()


def article_list_for_feed(*, scope: FeedScope, limit: int, full_content: bool) -> list[ArticlePage]:
    """The newest articles of a feed, with bylines, tags and the lead image's rendition loaded."""
    articles = article_queryset_for_scope(scope=scope).select_related("section", "lead_image")
    if not full_content:
        articles = articles.defer_streamfields()
    articles = articles.prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("author").order_by("sort_order")),
        "tags",
        Prefetch("lead_image__renditions", queryset=NewsRendition.objects.filter(filter_spec=FEED_IMAGE_SPEC)),
    )
    return list(articles[:limit])


FEED_FILES = ("rss.xml", "atom.xml", "feed.json")


def feed_paths_for_page(page) -> list[str]:
    """The feeds that show ``page`` (what a front-end cache must purge when it is published,
    unpublished, moved or deleted): the site's, and its section's, authors' and tags' for an
    article; a section's or an author's own. Reads an article's tags and bylines (two queries),
    so call it before a delete."""
    from dateline.articles.models import ArticlePage

    scopes = [""]
    if isinstance(page, ArticlePage):
        if page.section_id:
            scopes.append(f"section/{page.section.slug}/")
        scopes += [f"author/{slug}/" for slug in page.bylines.values_list("author__slug", flat=True)]
        scopes += [f"tag/{slug}/" for slug in page.tags.values_list("slug", flat=True)]
    elif isinstance(page, SectionPage) and page.depth == 3:
        scopes.append(f"section/{page.slug}/")
    elif isinstance(page, AuthorPage):
        scopes.append(f"author/{page.slug}/")
    return [f"/feeds/{scope}{name}" for scope in scopes for name in FEED_FILES]
