"""Sitemaps: an index, paged child sitemaps, and the Google News sitemap, written with bounded memory.

Django's ``django.contrib.sitemaps`` builds a dict per URL and renders a
template over the whole page, and its index asks every item for its lastmod;
at 100,000 articles that took seconds and hundreds of megabytes. These classes
keep its shape (a class per kind of page, configured by attributes, with
``items()``, ``location()`` and ``lastmod()``), but read rows as tuples in
chunks and write XML as they go, so memory stays flat whatever the page size.

Subclass :class:`PagedSitemap` and add it to :data:`SITEMAPS` to list another
kind of page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from dateline import conf
from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag, HomePage, SectionPage
from dateline.authors.models import AuthorPage

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_WINDOW = datetime.timedelta(days=2)  # Google News lists articles from the last two days only
NEWS_MAX_URLS = 1000  # and at most 1,000 per news sitemap
CHUNK = 2000


def w3c_datetime(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def newest(*moments) -> datetime.datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def article_path_from(*, section_slug: str | None, published_at: datetime.datetime, slug: str) -> str:
    """The same path as ``ArticlePage.article_path()``, from plain values (no model instance)."""
    day = timezone.localtime(published_at).date()
    return f"/{section_slug or 'news'}/{day:%Y/%m/%d}/{slug}/"


class PagedSitemap:
    """One kind of page, listed in child sitemaps of at most ``DATELINE_SITEMAP_PAGE_SIZE`` URLs."""

    name = ""

    def items(self) -> QuerySet:
        """A values_list queryset with a deterministic order; each row becomes one URL."""
        raise NotImplementedError

    def location(self, row) -> str:
        raise NotImplementedError

    def lastmod(self, row) -> datetime.datetime | None:
        return None

    def page_size(self) -> int:
        return max(1, int(conf.get("SITEMAP_PAGE_SIZE")))

    def num_pages(self) -> int:
        """Child sitemaps needed; 0 when there is nothing to list (a urlset must hold at least one URL)."""
        return -(-self.items().count() // self.page_size())

    def page_rows(self, page: int) -> Iterator:
        start = (page - 1) * self.page_size()
        return self.items()[start : start + self.page_size()].iterator(chunk_size=CHUNK)

    def page_lastmod(self, page: int) -> datetime.datetime | None:
        latest = None
        for row in self.page_rows(page):
            latest = newest(latest, self.lastmod(row))
        return latest

    def urls(self, page: int) -> Iterator[tuple[str, datetime.datetime | None]]:
        for row in self.page_rows(page):
            yield self.location(row), self.lastmod(row)


class ArticleSitemap(PagedSitemap):
    name = "articles"

    def items(self):
        return (
            ArticlePage.objects.published()
            .order_by("pk")
            .values_list("section__slug", "published_at", "slug", "last_published_at", "updated_at")
        )

    def location(self, row):
        return article_path_from(section_slug=row[0], published_at=row[1], slug=row[2])

    def lastmod(self, row):
        return newest(row[1], row[3], row[4])

    def page_lastmod(self, page):
        # Three maxima over the page's rows in the database, rather than every row in Python.
        start = (page - 1) * self.page_size()
        window = ArticlePage.objects.published().order_by("pk")[start : start + self.page_size()]
        maxima = window.aggregate(a=Max("published_at"), b=Max("last_published_at"), c=Max("updated_at"))
        return newest(*maxima.values())


class SectionSitemap(PagedSitemap):
    """The front page and the section fronts."""

    name = "sections"

    def items(self):
        return (
            Page.objects.live()
            .filter(Q(depth=2, content_type=ContentType.objects.get_for_model(HomePage)) | Q(depth=3, content_type=ContentType.objects.get_for_model(SectionPage)))
            .order_by("path")
            .values_list("slug", "last_published_at", "pk", "depth")
        )

    def location(self, row):
        return "/" if row[3] == 2 else f"/{row[0]}/"

    def lastmod(self, row):
        if row[3] == 2:
            return newest(row[1], *self._newest_article().values())
        return newest(row[1], self._newest_article().get(row[2]))

    def _newest_article(self) -> dict:
        if not hasattr(self, "_newest"):
            self._newest = dict(
                ArticlePage.objects.published().order_by().values_list("section").annotate(m=Max("published_at")).values_list("section", "m")
            )
        return self._newest


class AuthorSitemap(PagedSitemap):
    name = "authors"

    def items(self):
        return AuthorPage.objects.live().order_by("slug").values_list("slug", "last_published_at", "pk")

    def location(self, row):
        return f"/authors/{row[0]}/"

    def lastmod(self, row):
        return newest(row[1], self._newest_article().get(row[2]))

    def _newest_article(self) -> dict:
        if not hasattr(self, "_newest"):
            published = ArticlePage.objects.published().values("pk")
            self._newest = dict(
                ArticleByline.objects.filter(article__in=published)
                .order_by()
                .values_list("author")
                .annotate(m=Max("article__published_at"))
                .values_list("author", "m")
            )
        return self._newest


class TagSitemap(PagedSitemap):
    """Tags with at least one published article; lastmod is their newest article."""

    name = "tags"

    def items(self):
        published = ArticlePage.objects.published().values("pk")
        return (
            ArticleTag.objects.filter(content_object__in=published)
            .values_list("tag__slug")
            .annotate(m=Max("content_object__published_at"))
            .order_by("tag__slug")
            .values_list("tag__slug", "m")
        )

    def location(self, row):
        return f"/tags/{row[0]}/"

    def lastmod(self, row):
        return row[1]


#: The child sitemaps, in the order the index lists them.
SITEMAPS: dict[str, type[PagedSitemap]] = {
    cls.name: cls for cls in (ArticleSitemap, SectionSitemap, AuthorSitemap, TagSitemap)
}


# -- writing XML ---------------------------------------------------------------------


def _loc(base: str, path: str) -> str:
    return escape(base + path)


def sitemap_index_xml(*, base: str, entries: Iterable[tuple[str, datetime.datetime | None]]) -> str:
    """``entries`` are (path of a child sitemap, its lastmod)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for path, lastmod in entries:
        out.append(f"<sitemap><loc>{_loc(base, path)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
        out.append("</sitemap>\n")
    out.append("</sitemapindex>\n")
    return "".join(out)


def urlset_xml(*, base: str, urls: Iterable[tuple[str, datetime.datetime | None]]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<urlset xmlns="{SITEMAP_NS}">\n']
    for path, lastmod in urls:
        out.append(f"<url><loc>{_loc(base, path)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
        out.append("</url>\n")
    out.append("</urlset>\n")
    return "".join(out)


def news_language() -> str:
    """Google News wants an ISO 639 code (``en``), with zh-cn and zh-tw as the only regional forms."""
    code = conf.get("LANGUAGE_CODE").lower().replace("_", "-")
    if code in ("zh-cn", "zh-tw"):
        return code
    if code.startswith("zh-hans"):
        return "zh-cn"
    if code.startswith("zh-hant"):
        return "zh-tw"
    return code.split("-")[0]


def news_rows(*, now: datetime.datetime | None = None) -> Iterator[tuple]:
    """Articles first published in the last two days (and visible), newest first, at most 1,000."""
    now = now or timezone.now()
    return (
        ArticlePage.objects.published(at=now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .newest_first()
        .values_list("section__slug", "published_at", "slug", "title")[:NEWS_MAX_URLS]
        .iterator(chunk_size=CHUNK)
    )


def news_sitemap_xml(*, base: str, now: datetime.datetime | None = None) -> str:
    name = escape(conf.get("SITE_NAME"))
    language = news_language()
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for section_slug, published_at, slug, title in news_rows(now=now):
        path = article_path_from(section_slug=section_slug, published_at=published_at, slug=slug)
        out.append(
            f"<url><loc>{_loc(base, path)}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name><news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{w3c_datetime(published_at)}</news:publication_date>"
            f"<news:title>{escape(title)}</news:title></news:news></url>\n"
        )
    out.append("</urlset>\n")
    return "".join(out)
