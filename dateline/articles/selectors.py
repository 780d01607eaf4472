"""Reads for reader pages: one function per question, each with a fixed number of queries.

Lists that appear on many pages (the header's sections, the front page, the
latest articles) are cached as plain :class:`Card` data under versioned keys;
``dateline.articles.services.article_lists_clear`` makes them stale when an
article is published, unpublished, moved or deleted.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from dateline import conf
from dateline.articles.models import (
    ArticleByline,
    ArticlePage,
    HomePage,
    SectionPage,
)
from dateline.core.cache import Lazy, cached
from dateline.core.pagination import Listing, paginate
from dateline.core.prepared import PreparedQuery
from dateline.images.models import NewsRendition

CARD_IMAGE_SPEC = "fill-480x270"

# Names of the cached values; each has its clear function in services.py.
NAV_CACHE = "articles:nav"
LATEST_CACHE = "articles:latest"
HOME_CACHE = "articles:home"


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    slug: str


@dataclass(frozen=True)
class Card:
    """What a list needs to show an article, with no database behind it."""

    pk: int
    url: str
    title: str
    kicker: str
    dek: str
    byline: str
    section_title: str
    section_url: str
    published_at: datetime.datetime
    image_url: str = ""
    image_alt: str = ""
    image_width: int = 0
    image_height: int = 0
    comment_count: int = 0


# -- the few pages above the articles ---------------------------------------------


def live_pages_of(model: type[Page]) -> QuerySet:
    """``model``'s live pages (the home page, the sections), found through its own small table.

    Filtering on ``depth`` alone makes SQLite scan ``wagtailcore_page``, which
    holds every article (no index on ``depth``): 955 ms for the home page at a
    million articles. Restricting to the ids in the page type's own table lets it
    start from those few rows; PostgreSQL plans both the same.
    """
    return model.objects.live().filter(pk__in=model.objects.order_by().values("pk"))


def home_page_get() -> HomePage | None:
    """The site's front page: the first live home page at the top of the tree."""
    return live_pages_of(HomePage).filter(depth=2).first()


# -- the header -----------------------------------------------------------------


def section_list_for_nav() -> tuple[NavItem, ...]:
    def compute():
        sections = live_pages_of(SectionPage).filter(depth=3, show_in_menus=True).order_by("path")
        return tuple(NavItem(title=s.title, url=f"/{s.slug}/", slug=s.slug) for s in sections.only("title", "slug"))

    return cached(NAV_CACHE, compute, timeout=conf.get("LIST_CACHE_SECONDS"), local=True)


def site_chrome_key(*, path: str) -> str:
    """What the header's and footer's HTML depend on, besides settings, as a fragment key.

    That is the sections themselves (a digest of the cached list, so the HTML
    changes exactly when the list does), which link is the current page (only a
    home, search or section page marks one, so every article shares one copy),
    and today's date (the masthead's date and the copyright year). Rendering the
    two from cached HTML instead of looping over the sections took about 0.5 ms
    off each reader page (issue 8).
    """
    nav = section_list_for_nav()
    current = path if path in {"/", "/search/"} or any(item.url == path for item in nav) else ""
    digest = hashlib.blake2b("\n".join(f"{item.url}\t{item.title}" for item in nav).encode(), digest_size=8).hexdigest()
    return f"{digest}:{current}:{timezone.localdate().isoformat()}"


# -- cards ------------------------------------------------------------------------


def _card_queryset(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    # The approved-comment count comes along in the same query (a denormalised column of the comments app).
    return queryset.for_listing().annotate(card_comment_count=F("discussion__comment_count")).prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("author").order_by("sort_order")),
        Prefetch("lead_image__renditions", queryset=NewsRendition.objects.filter(filter_spec=CARD_IMAGE_SPEC)),
    )


def card_from_article(article: ArticlePage) -> Card:
    image = {}
    if article.lead_image_id:
        rendition = article.lead_image.get_rendition(CARD_IMAGE_SPEC)
        image = {
            "image_url": rendition.url,
            "image_alt": article.image_alt,
            "image_width": rendition.width,
            "image_height": rendition.height,
        }
    names = [b.author.title for b in article.bylines.all()]
    section = article.section
    return Card(
        pk=article.pk,
        url=article.article_path(),
        title=article.title,
        kicker=article.kicker,
        dek=article.dek,
        byline=_join_names(names),
        section_title=section.title if section else "",
        section_url=f"/{section.slug}/" if section else "",
        published_at=article.published_at,
        comment_count=getattr(article, "card_comment_count", None) or 0,
        **image,
    )


def _join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def cards_from_queryset(queryset: QuerySet[ArticlePage]) -> list[Card]:
    return [card_from_article(a) for a in _card_queryset(queryset)]


# -- lists ------------------------------------------------------------------------


def article_list_latest(*, limit: int, section: SectionPage | None = None, exclude_pk: int | None = None) -> list[Card]:
    """The newest published articles, site-wide or in one section (cached)."""

    def compute():
        qs = ArticlePage.objects.published()
        if section is not None:
            qs = qs.in_section(section)
        # One spare so the caller's own article can be left out.
        return cards_from_queryset(qs.newest_first()[: limit + 1])

    suffix = f"s{section.pk if section else 0}:n{limit}"
    cards = cached(LATEST_CACHE, compute, timeout=conf.get("LIST_CACHE_SECONDS"), key_suffix=suffix)
    return [c for c in cards if c.pk != exclude_pk][:limit]


def _listing(queryset: QuerySet[ArticlePage], *, page_number: int) -> Listing:
    listing = paginate(_card_queryset(queryset.newest_first()), page_number=page_number, per_page=conf.get("ARTICLES_PER_PAGE"))
    listing.items = [card_from_article(a) for a in listing.items]
    return listing


def article_list_for_section(*, section: SectionPage, page_number: int = 1) -> Listing:
    return _listing(ArticlePage.objects.published().in_section(section), page_number=page_number)


def article_list_for_author(*, author, page_number: int = 1) -> Listing:
    return _listing(ArticlePage.objects.published().by_author(author), page_number=page_number)


def article_list_for_tag(*, tag: Tag, page_number: int = 1) -> Listing:
    return _listing(ArticlePage.objects.published().tagged(tag), page_number=page_number)


def tag_get(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


# -- the front page -------------------------------------------------------------------


@dataclass(frozen=True)
class FrontSection:
    title: str
    url: str
    cards: list[Card]


def home_front(*, home: HomePage) -> dict:
    """The lead story, the next few, and the latest from each section (cached)."""

    def compute():
        published = ArticlePage.objects.published()
        lead = None
        if home.lead_article_id:
            lead = next(iter(cards_from_queryset(published.filter(pk=home.lead_article_id))), None)
        top = cards_from_queryset(published.newest_first()[:5])
        if lead is None and top:
            lead = top[0]
        top = [c for c in top if lead is None or c.pk != lead.pk][:4]
        shown = {c.pk for c in top} | ({lead.pk} if lead else set())
        per_section = conf.get("HOME_PER_SECTION")
        sections = []
        for section in live_pages_of(SectionPage).filter(depth=3).order_by("path"):
            cards = cards_from_queryset(published.in_section(section).exclude(pk__in=shown).newest_first()[:per_section])
            if cards:
                sections.append(FrontSection(title=section.title, url=f"/{section.slug}/", cards=cards))
        return {"lead": lead, "top": top, "sections": sections}

    return cached(HOME_CACHE, compute, timeout=conf.get("LIST_CACHE_SECONDS"), key_suffix=str(home.pk))


# -- one article ------------------------------------------------------------------------


#: Articles sharing a slug that a reader URL looks among for the one in its section.
READER_CANDIDATES = 5


def _reader_candidates(*, slug: str, at: datetime.datetime) -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published(at=at).filter(slug=slug).select_related("section", "lead_image")


#: The article route's one query. Unordered: an ORDER BY made Django hash every selected
#: column of the three joined tables while compiling, and compiling at all cost more than
#: running it, so it is compiled once per connection (dateline.core.prepared).
_ARTICLES_BY_SLUG = PreparedQuery(
    lambda slug, at: _reader_candidates(slug=slug, at=at).order_by()[: READER_CANDIDATES + 1],
    slug=str, at=datetime.datetime,
)


def article_get_for_reader(*, section_slug: str, slug: str) -> ArticlePage | None:
    """The published article with this slug, preferring the one in this section.

    Looking up by slug (indexed) rather than by tree path lets a moved article
    still be found at its old address and redirected to its new one.
    """
    now = timezone.now()
    # Unordered, then sorted here: a slug is almost always unique, and past READER_CANDIDATES
    # the database picks the newest. The query is compiled once per connection (issue 8).
    candidates = _ARTICLES_BY_SLUG(slug=slug, at=now)
    if len(candidates) > READER_CANDIDATES:
        candidates = list(_reader_candidates(slug=slug, at=now).order_by("-published_at")[:READER_CANDIDATES])
    candidates.sort(key=lambda article: article.published_at, reverse=True)
    for article in candidates:
        if article.section and article.section.slug == section_slug:
            return article
    return candidates[0] if candidates else None


def article_detail_context(*, article: ArticlePage) -> dict:
    """Everything the article page shows about the article itself (not the slots).

    Each value is read on first use only: the page keeps the rendered article in
    a fragment cache (``article-main``), and a cached copy reads none of them.
    """
    bylines = Lazy(lambda: list(article.bylines.select_related("author").order_by("sort_order")))
    corrections = Lazy(lambda: list(article.corrections.order_by("published_at")))
    return {
        "last_updated_at": Lazy(lambda: article.last_updated_from(corrections())),
        "bylines": bylines,
        "byline_names": Lazy(lambda: _join_names([b.author.title for b in bylines()])),
        "contributors": Lazy(lambda: list(article.contributors.order_by("sort_order"))),
        "corrections": corrections,
        "article_tags": Lazy(lambda: list(article.tags.order_by("name"))),
        "now": timezone.now(),
    }


# -- where an article shows ---------------------------------------------------------------


def article_reader_paths(*, article: ArticlePage) -> list[str]:
    """The reader pages that show this article: its own page, the front page, its section
    front, and its tag and author pages (what a page cache must purge when it changes).

    Reads the tags and bylines as stored (two queries), so call it before a delete.
    """
    paths = {article.article_path(), "/"}
    if article.section_id:
        paths.add(f"/{article.section.slug}/")
    paths.update(f"/tags/{slug}/" for slug in article.tags.values_list("slug", flat=True))
    paths.update(f"/authors/{slug}/" for slug in article.bylines.values_list("author__slug", flat=True))
    return sorted(paths)
