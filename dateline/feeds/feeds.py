"""The site's feeds: Django's ``Feed`` configured for news, in RSS 2.0, Atom 1.0 and JSON Feed 1.1.

``ArticleFeed`` is the extension point: subclass it and change attributes
(``feed_type``, ``image_spec``) or methods (``item_description``) to change
what every feed says. One instance serves one request, so the request (for
absolute URLs when ``DATELINE_BASE_URL`` is empty) can live on it.
"""

from __future__ import annotations

import mimetypes

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure

from dateline import conf
from dateline.core.absolute import absolute_url, absolutize_html
from dateline.feeds.generators import JSONFeed, NewsAtomFeed, NewsRssFeed
from dateline.feeds.selectors import FEED_IMAGE_SPEC, FeedScope, article_list_for_feed

FORMATS = {"rss": NewsRssFeed, "atom": NewsAtomFeed, "json": JSONFeed}
FILE_NAMES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}


def feed_path(*, fmt: str, scope_kind: str = "site", slug: str = "") -> str:
    """The URL path of a feed: ``/feeds/rss.xml``, ``/feeds/section/world/atom.xml``…"""
    if scope_kind == "site":
        return f"/feeds/{FILE_NAMES[fmt]}"
    return f"/feeds/{scope_kind}/{slug}/{FILE_NAMES[fmt]}"


class ArticleFeed(Feed):
    """Newest published articles of a scope (site, section, author or tag)."""

    image_spec = FEED_IMAGE_SPEC

    def __init__(self, *, request, scope: FeedScope, fmt: str):
        super().__init__()
        self.request = request
        self.scope = scope
        self.fmt = fmt
        self.feed_type = FORMATS[fmt]
        self.full_content = conf.get("FEED_FULL_CONTENT")
        self.language = conf.get("LANGUAGE_CODE")

    def _abs(self, path: str) -> str:
        return absolute_url(path, request=self.request)

    # -- the feed ---------------------------------------------------------------------

    def get_object(self, request, *args, **kwargs):
        return self.scope

    def title(self, scope):
        site = conf.get("SITE_NAME")
        return f"{site}: {scope.title}" if scope.title else site

    def description(self, scope):
        if scope.kind == "site":
            return conf.get("SITE_TAGLINE")
        noun = {"section": "in", "author": "by", "tag": "about"}[scope.kind]
        return f"The latest stories {noun} {scope.title} from {conf.get('SITE_NAME')}"

    subtitle = description

    def link(self, scope):
        return self._abs(scope.path)

    def feed_url(self, scope):
        return self._abs(feed_path(fmt=self.fmt, scope_kind=scope.kind, slug=scope.slug))

    def feed_guid(self, scope):
        return self.feed_url(scope)

    def items(self, scope):
        return article_list_for_feed(scope=scope, limit=conf.get("FEED_ITEMS"), full_content=self.full_content)

    # -- each article -----------------------------------------------------------------

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.dek or article.title

    def item_link(self, article):
        return self._abs(article.article_path())

    def item_guid(self, article):
        # The page's translation key never changes, whatever happens to its URL or the site's address.
        return f"urn:uuid:{article.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(filter(None, [article.published_at, article.last_published_at, article.updated_at]))

    def item_author_name(self, article):
        return ", ".join(b.author.title for b in article.bylines.all()) or None

    def item_categories(self, article):
        names = [article.section.title] if article.section_id and article.section else []
        return names + sorted(t.name for t in article.tags.all())

    def _rendition(self, article):
        if not article.lead_image_id:
            return None
        return article.lead_image.get_rendition(self.image_spec)

    def item_enclosures(self, article):
        rendition = self._rendition(article)
        if rendition is None:
            return []
        mime = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(self._abs(rendition.url), str(self._size(rendition)), mime)]

    @staticmethod
    def _size(rendition) -> int:
        try:
            return rendition.file.size
        except (OSError, ValueError):
            return 0

    def item_extra_kwargs(self, article):
        rendition = self._rendition(article)
        extra = {
            "authors": [
                {"name": b.author.title, "url": self._abs(f"/authors/{b.author.slug}/")} for b in article.bylines.all()
            ],
            "summary": article.dek,
            "image": self._abs(rendition.url) if rendition else "",
        }
        if self.full_content:
            extra["content_html"] = absolutize_html(self.item_content_html(article), request=self.request)
        return extra

    def item_content_html(self, article) -> str:
        """The article's body as HTML (the dek first, then the blocks, then credits)."""
        parts = [str(block) for block in article.body]
        return "".join(parts)
