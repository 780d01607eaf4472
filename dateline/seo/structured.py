"""Structured data (schema.org JSON-LD) and sharing tags (OpenGraph, Twitter) for reader pages.

Each function builds plain dicts from what the page's context already holds,
so the tags cost no extra queries. :class:`PageMetadata` is the extension
point: subclass it and set ``DATELINE_…`` nothing; override a method and point
the ``seo_head`` tag at it (``seo_head metadata_class=…``) to change what a
site says about itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils import timezone

from dateline import conf
from dateline.core.absolute import absolute_url

HEADLINE_MAX = 110  # Google's limit for NewsArticle.headline
SHARE_IMAGE_SPEC = "fill-1200x675"


def json_ld(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped so ``</script>`` cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def headline(text: str, limit: int = HEADLINE_MAX) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def iso(moment) -> str:
    return moment.replace(microsecond=0).isoformat() if moment else ""


@dataclass
class Head:
    """What ``{% seo_head %}`` prints: a canonical URL, meta tags and JSON-LD documents."""

    canonical: str = ""
    meta: list[tuple[str, str, str]] = field(default_factory=list)  # (attribute, name, content)
    documents: list[dict] = field(default_factory=list)
    robots: str = ""


#: The rendered head of each article page, keyed on its live revision; cleared with the
#: article fragments (``dateline.articles.services.article_fragment_clear``), since it
#: shows authors', sections' and tags' names too.
ARTICLE_HEAD_CACHE = "seo:article-head"


class _ReadOnUse:
    """The page's context, with values the page reads lazily (dateline.core.cache.Lazy) read on first ``get``.

    Only what the head uses is read: the home page's front, say, stays unread
    while its rendered fragment is cached. type(), not isinstance(): isinstance()
    would evaluate Django's lazy csrf_token and set its cookie.
    """

    def __init__(self, context: dict, lazy_type):
        self._context, self._lazy = context, lazy_type

    def get(self, key, default=None):
        value = self._context.get(key, default)
        return value() if type(value) is self._lazy else value


class PageMetadata:
    """Builds the head for one reader page from its template context."""

    def __init__(self, *, request, context):
        from dateline.core.cache import Lazy

        self.request = request
        self.context = _ReadOnUse(context, Lazy)

    def abs(self, path: str) -> str:
        return absolute_url(path, request=self.request)

    # -- the publisher ------------------------------------------------------------

    def logo_url(self) -> str:
        configured = conf.get("PUBLISHER_LOGO_URL")
        return self.abs(configured or static("seo/logo.png"))

    def organization(self) -> dict:
        return {
            "@type": "NewsMediaOrganization",
            "@id": self.abs("/#organization"),
            "name": conf.get("SITE_NAME"),
            "url": self.abs("/"),
            "logo": {"@type": "ImageObject", "url": self.logo_url()},
        }

    def website(self) -> dict:
        return {
            "@type": "WebSite",
            "@id": self.abs("/#website"),
            "name": conf.get("SITE_NAME"),
            "url": self.abs("/"),
            "description": conf.get("SITE_TAGLINE"),
            "inLanguage": conf.get("LANGUAGE_CODE"),
            "publisher": {"@id": self.abs("/#organization")},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": self.abs("/search/") + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            },
        }

    # -- pages ---------------------------------------------------------------------

    def canonical_path(self) -> str:
        explicit = self.context.get("canonical_path")
        if explicit:
            return explicit
        page = self.context.get("page")
        if page is not None and hasattr(page, "article_path"):
            return page.article_path()
        path = self.request.path
        listing = self.context.get("listing")
        if listing is not None and getattr(listing, "page_number", 1) > 1:
            path += f"?page={listing.page_number}"
        return path

    def build(self) -> Head:
        from dateline.articles.models import ArticlePage, HomePage
        from dateline.authors.models import AuthorPage

        page = self.context.get("page")
        head = Head(canonical=self.abs(self.canonical_path()))
        head.robots = self.context.get("robots", "")
        title = self.context.get("share_title") or (page.seo_title or page.title if page is not None else "") or conf.get("SITE_NAME")
        description = self.context.get("share_description") or ""
        og_type = "website"
        image = None
        if isinstance(page, ArticlePage):
            og_type = "article"
            description = page.search_description or page.dek
            image = self.share_image(page)
            head.documents += [self.news_article(page, image), self.breadcrumbs(page)]
            head.meta += self.article_meta(page)
        elif isinstance(page, HomePage):
            title = conf.get("SITE_NAME")
            description = conf.get("SITE_TAGLINE")
            head.documents += [self.organization(), self.website()]
        elif isinstance(page, AuthorPage):
            og_type = "profile"
            description = page.job_title or description
            head.documents.append(self.profile_page(page, head.canonical))
        elif page is not None:
            description = page.search_description or getattr(page, "intro", "") or description
        head.meta = self.share_meta(og_type=og_type, title=title, description=description, url=head.canonical, image=image) + head.meta
        return head

    def share_image(self, article) -> dict | None:
        if not article.lead_image_id:
            return None
        rendition = article.lead_image.get_rendition(SHARE_IMAGE_SPEC)
        return {"url": self.abs(rendition.url), "width": rendition.width, "height": rendition.height, "alt": article.image_alt}

    def share_meta(self, *, og_type, title, description, url, image) -> list[tuple[str, str, str]]:
        meta = [
            ("property", "og:site_name", conf.get("SITE_NAME")),
            ("property", "og:type", og_type),
            ("property", "og:title", title),
            ("property", "og:url", url),
        ]
        if description:
            meta.append(("property", "og:description", description))
        if image:
            meta += [
                ("property", "og:image", image["url"]),
                ("property", "og:image:width", str(image["width"])),
                ("property", "og:image:height", str(image["height"])),
                ("property", "og:image:alt", image["alt"]),
            ]
        meta.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
        if conf.get("TWITTER_SITE"):
            meta.append(("name", "twitter:site", conf.get("TWITTER_SITE")))
        meta.append(("name", "twitter:title", title))
        if description:
            meta.append(("name", "twitter:description", description))
        if image:
            meta += [("name", "twitter:image", image["url"]), ("name", "twitter:image:alt", image["alt"])]
        return meta

    # -- articles ------------------------------------------------------------------

    def _modified(self, article):
        updated = self.context.get("last_updated_at")
        return updated or article.last_published_at or article.published_at

    def article_meta(self, article) -> list[tuple[str, str, str]]:
        meta = [("property", "article:published_time", iso(article.published_at))]
        modified = self._modified(article)
        if modified:
            meta.append(("property", "article:modified_time", iso(modified)))
        if article.section_id and article.section:
            meta.append(("property", "article:section", article.section.title))
        for byline in self.context.get("bylines", []):
            meta.append(("property", "article:author", self.abs(f"/authors/{byline.author.slug}/")))
        for tag in self.context.get("article_tags", []):
            meta.append(("property", "article:tag", tag.name))
        return meta

    def person(self, author) -> dict:
        return {"@type": "Person", "name": author.title, "url": self.abs(f"/authors/{author.slug}/")}

    def news_article(self, article, image) -> dict:
        canonical = self.abs(article.article_path())
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": canonical + "#article",
            "mainEntityOfPage": canonical,
            "url": canonical,
            "headline": headline(article.title),
            "datePublished": iso(article.published_at),
            "dateModified": iso(self._modified(article)),
            "author": [self.person(b.author) for b in self.context.get("bylines", [])],
            "publisher": self.organization(),
            "inLanguage": conf.get("LANGUAGE_CODE"),
        }
        if article.dek:
            data["description"] = article.dek
        if image:
            data["image"] = [{"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}]
        contributors = []
        for credit in self.context.get("contributors", []):
            person = {"@type": "Person", "name": credit.name}
            if credit.author_id:
                person["url"] = self.abs(f"/authors/{credit.author.slug}/")
            contributors.append(person)
        if contributors:
            data["contributor"] = contributors
        if article.dateline_place:
            day = article.shown_dateline_date
            data["dateline"] = f"{article.dateline_place}, {day:%B} {day.day}, {day.year}"
        if article.section_id and article.section:
            data["articleSection"] = article.section.title
        tags = [t.name for t in self.context.get("article_tags", [])]
        if tags:
            data["keywords"] = tags
        corrections = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": iso(c.published_at)}
            for c in self.context.get("corrections", [])
            if c.kind == "correction"
        ]
        if corrections:
            data["correction"] = corrections
        return data

    def breadcrumbs(self, article) -> dict:
        items = [("Home", self.abs("/"))]
        if article.section_id and article.section:
            items.append((article.section.title, self.abs(f"/{article.section.slug}/")))
        items.append((headline(article.title), self.abs(article.article_path())))
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(items, 1)
            ],
        }

    # -- authors -------------------------------------------------------------------

    def profile_page(self, author, canonical) -> dict:
        person = self.person(author)
        if author.job_title:
            person["jobTitle"] = author.job_title
        if author.bio:
            person["description"] = author.bio_paragraphs()[0] if author.bio_paragraphs() else author.bio
        if author.photo_id and author.photo:
            person["image"] = self.abs(author.photo.get_rendition("fill-240x240").url)
        person["worksFor"] = {"@id": self.abs("/#organization")}
        return {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": canonical,
            "dateModified": iso(author.last_published_at or timezone.now()),
            "mainEntity": person,
        }
