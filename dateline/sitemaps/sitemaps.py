"""Sitemaps: an index, child sitemaps cut by key ranges, and the Google News sitemap, written with bounded memory.

Django's ``django.contrib.sitemaps`` builds a dict per URL and renders a
template over the whole page, and its index asks every item for its lastmod;
at 100,000 articles that took seconds and hundreds of megabytes. These classes
keep its shape (a class per kind of page, configured by attributes, with
``rows()``, ``location()`` and ``lastmod()``), but:

* child sitemap ``n`` of a kind lists the rows whose key (the page id; for
  tags, the tag id) lies in ``[(n-1)×S, n×S)``, ``S`` being
  ``DATELINE_SITEMAP_PAGE_SIZE``: keys are unique, so it never holds more than
  ``S`` URLs, it is read with a range scan of the primary key (no ``OFFSET``),
  and an article stays in the same child sitemap for good (a purge can name it,
  and old children keep their lastmod). Numbers may skip: a range with nothing
  published is left out of the index and answers 404;
* rows are tuples of the columns a URL needs, read in chunks, never model
  instances; URLs are built from the stored slugs (no ``get_url`` per page);
* the index asks one aggregate query per kind for each child's URL count and
  lastmod;
* the XML is written as the rows are read, so the views can stream it.

Subclass :class:`PagedSitemap` and add it to :data:`SITEMAPS` to list another
kind of page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from dateline import conf
from dateline.articles.models import ArticlePage, HomePage, SectionPage
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


@dataclass(frozen=True)
class ChildSitemap:
    """One child sitemap as the index lists it."""

    number: int
    urls: int
    lastmod: datetime.datetime | None


class PagedSitemap:
    """One kind of page, listed in child sitemaps cut by key ranges of ``DATELINE_SITEMAP_PAGE_SIZE``."""

    name = ""

    def page_size(self) -> int:
        return max(1, int(conf.get("SITEMAP_PAGE_SIZE")))

    def key_range(self, number: int) -> tuple[int, int]:
        """Keys listed by child sitemap ``number``: from the first, up to but not including the second."""
        size = self.page_size()
        return (number - 1) * size, number * size

    def rows(self, *, number: int | None = None) -> Iterable[tuple]:
        """Tuples ordered by their first value, the key; only child sitemap ``number``'s when given."""
        raise NotImplementedError

    def location(self, row) -> str:
        raise NotImplementedError

    def lastmod(self, row) -> datetime.datetime | None:
        return None

    def children(self, *, number: int | None = None) -> list[ChildSitemap]:
        """The child sitemaps with something in them (just ``number``'s when given), with URL count and lastmod.

        This reads every row, which suits the small kinds; a large kind
        overrides it with one aggregate query.
        """
        size = self.page_size()
        counts: dict[int, int] = {}
        latest: dict[int, datetime.datetime | None] = {}
        for row in self.rows(number=number):
            n = row[0] // size + 1
            counts[n] = counts.get(n, 0) + 1
            latest[n] = newest(latest.get(n), self.lastmod(row))
        return [ChildSitemap(number=n, urls=counts[n], lastmod=latest[n]) for n in sorted(counts)]

    def urls(self, number: int) -> Iterator[tuple[str, datetime.datetime | None]]:
        for row in self.rows(number=number):
            yield self.location(row), self.lastmod(row)

    def _in_range(self, queryset: QuerySet, number: int | None, field: str = "pk") -> QuerySet:
        if number is None:
            return queryset
        low, high = self.key_range(number)
        return queryset.filter(**{f"{field}__gte": low, f"{field}__lt": high})


class ArticleSitemap(PagedSitemap):
    name = "articles"

    def published(self, number: int | None = None) -> QuerySet:
        return self._in_range(ArticlePage.objects.published().order_by(), number)

    def rows(self, *, number=None):
        return (
            self.published(number)
            .order_by("pk")
            .values_list("pk", "section_id", "published_at", "slug", "last_published_at", "updated_at")
            .iterator(chunk_size=CHUNK)
        )

    def location(self, row):
        return article_path_from(section_slug=self._section_slugs().get(row[1]), published_at=row[2], slug=row[3])

    def lastmod(self, row):
        return newest(row[2], row[4], row[5])

    def children(self, *, number=None):
        # One GROUP BY over the key ranges, in the database, rather than every row in Python.
        grouped = (
            self.published(number)
            .annotate(child=F("pk") / self.page_size() + 1)
            .values("child")
            .annotate(urls=Count("pk"), a=Max("published_at"), b=Max("last_published_at"), c=Max("updated_at"))
            .order_by("child")
        )
        return [ChildSitemap(number=g["child"], urls=g["urls"], lastmod=newest(g["a"], g["b"], g["c"])) for g in grouped]

    def _section_slugs(self) -> dict[int, str]:
        if not hasattr(self, "_sections"):
            self._sections = dict(SectionPage.objects.order_by().values_list("pk", "slug"))
        return self._sections


class SectionSitemap(PagedSitemap):
    """The front page and the section fronts."""

    name = "sections"

    def rows(self, *, number=None):
        pages = Page.objects.live().filter(
            Q(depth=2, content_type=ContentType.objects.get_for_model(HomePage))
            | Q(depth=3, content_type=ContentType.objects.get_for_model(SectionPage))
        )
        return self._in_range(pages, number).order_by("pk").values_list("pk", "slug", "last_published_at", "depth")

    def location(self, row):
        return "/" if row[3] == 2 else f"/{row[1]}/"

    def lastmod(self, row):
        if row[3] == 2:
            return newest(row[2], *self._newest_article().values())
        return newest(row[2], self._newest_article().get(row[0]))

    def _newest_article(self) -> dict:
        if not hasattr(self, "_newest"):
            self._newest = dict(
                ArticlePage.objects.published().order_by().values_list("section").annotate(m=Max("published_at")).values_list("section", "m")
            )
        return self._newest


class AuthorSitemap(PagedSitemap):
    name = "authors"

    def rows(self, *, number=None):
        return self._in_range(AuthorPage.objects.live(), number).order_by("pk").values_list("pk", "slug", "last_published_at")

    def location(self, row):
        return f"/authors/{row[1]}/"

    def lastmod(self, row):
        return newest(row[2], self._newest_article().get(row[0]))

    def _newest_article(self) -> dict:
        if not hasattr(self, "_newest"):
            # From the articles' side, so the newest date comes from an index, not the article rows.
            # Grouping by ``author + 0`` keeps SQLite from walking the bylines by their author index
            # instead, which looks up every article row (the whole table) to read its date.
            self._newest = dict(
                ArticlePage.objects.published()
                .filter(bylines__isnull=False)
                .order_by()
                .annotate(who=F("bylines__author") + 0)
                .values_list("who")
                .annotate(m=Max("published_at"))
                .values_list("who", "m")
            )
        return self._newest


class TagSitemap(PagedSitemap):
    """Tags with at least one published article, keyed by tag id; lastmod is their newest article."""

    name = "tags"

    def rows(self, *, number=None):
        # From the articles' side, so the newest date comes from an index, not the article rows.
        tagged = ArticlePage.objects.published().filter(tagged_items__tag_id__isnull=False).order_by()
        published = self._in_range(tagged, number, field="tagged_items__tag_id")
        return (
            published.values_list("tagged_items__tag_id", "tagged_items__tag__slug")
            .annotate(m=Max("published_at"))
            .order_by("tagged_items__tag_id")
            .values_list("tagged_items__tag_id", "tagged_items__tag__slug", "m")
        )

    def location(self, row):
        return f"/tags/{row[1]}/"

    def lastmod(self, row):
        return row[2]


#: The child sitemaps, in the order the index lists them.
SITEMAPS: dict[str, type[PagedSitemap]] = {
    cls.name: cls for cls in (ArticleSitemap, SectionSitemap, AuthorSitemap, TagSitemap)
}


def sitemap_child_number(*, name: str, key: int) -> int:
    """The child sitemap of kind ``name`` that lists the row with this key (a page id, or a tag id)."""
    return key // SITEMAPS[name]().page_size() + 1


def sitemap_paths_for_page(page) -> list[str]:
    """The sitemaps that list ``page`` or take a lastmod from it (what a front-end cache must purge
    when it is published, unpublished, moved or deleted): the index, the news sitemap, and the
    child sitemaps of the page and, for an article, of its section, the front page, its authors
    and its tags. Reads an article's tags and bylines (two queries), so call it before a delete."""

    def child(name: str, key: int) -> str:
        return f"/sitemaps/{name}-{sitemap_child_number(name=name, key=key)}.xml"

    paths = ["/sitemap.xml", "/sitemap-news.xml"]
    if isinstance(page, ArticlePage):
        paths.append(child("articles", page.pk))
        if page.section_id:
            paths.append(child("sections", page.section_id))
        home = HomePage.objects.filter(depth=2).order_by("path").values_list("pk", flat=True).first()
        if home:
            paths.append(child("sections", home))
        paths += [child("authors", pk) for pk in page.bylines.values_list("author_id", flat=True)]
        paths += [child("tags", pk) for pk in page.tags.values_list("pk", flat=True)]
    elif isinstance(page, (SectionPage, HomePage)):
        paths.append(child("sections", page.pk))
    elif isinstance(page, AuthorPage):
        paths.append(child("authors", page.pk))
    return paths


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


def urlset_chunks(*, base: str, urls: Iterable[tuple[str, datetime.datetime | None]]) -> Iterator[str]:
    """A urlset, written ``CHUNK`` URLs at a time as ``urls`` is read (for a streamed response)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n'
    out: list[str] = []
    for path, lastmod in urls:
        out.append(f"<url><loc>{_loc(base, path)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
        out.append("</url>\n")
        if len(out) >= 3 * CHUNK:
            yield "".join(out)
            out = []
    out.append("</urlset>\n")
    yield "".join(out)


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
