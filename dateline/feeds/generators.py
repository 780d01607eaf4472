"""Feed formats on Django's feed generator: RSS 2.0 and Atom 1.0 with the extras a news feed needs, and JSON Feed 1.1.

Every item may carry, beyond Django's own fields (passed by
``ArticleFeed.item_extra_kwargs``):

* ``content_html``: the full article (``content:encoded`` in RSS, ``<content>`` in Atom);
* ``authors``: every byline as ``{"name", "url"}`` (Django's generators know one author);
* ``image``: the lead image's absolute URL;
* ``summary``: the plain-text dek.
"""

from __future__ import annotations

import json

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed, rfc3339_date

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with ``content:encoded`` for full text and ``dc:creator`` for each byline."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = CONTENT_NS
        attrs["xmlns:dc"] = DC_NS
        attrs["xmlns:media"] = MEDIA_NS
        return attrs

    def add_item_elements(self, handler, item):
        authors = item.get("authors") or []
        super().add_item_elements(handler, {**item, "author_name": None, "author_email": None})
        for author in authors:
            handler.addQuickElement("dc:creator", author["name"])
        if item.get("image"):
            handler.addQuickElement("media:content", "", {"url": item["image"], "medium": "image"})
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with one ``<author>`` per byline and ``<content type="html">`` for full text."""

    def add_item_elements(self, handler, item):
        authors = item.get("authors") or []
        super().add_item_elements(handler, {**item, "author_name": None})
        for author in authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author.get("url"):
                handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JSONFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def as_dict(self) -> dict:
        feed = {
            "version": self.version,
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
        }
        if self.feed.get("description"):
            feed["description"] = self.feed["description"]
        if self.feed.get("language"):
            feed["language"] = self.feed["language"]
        if self.feed.get("icon"):
            feed["icon"] = self.feed["icon"]
        feed["items"] = [self._item(item) for item in self.items]
        return feed

    def _item(self, item: dict) -> dict:
        entry = {"id": item["unique_id"] or item["link"], "url": item["link"], "title": item["title"]}
        if item.get("content_html"):
            entry["content_html"] = item["content_html"]
        else:
            entry["content_text"] = item.get("summary") or item["title"]
        if item.get("summary"):
            entry["summary"] = item["summary"]
        if item.get("image"):
            entry["image"] = item["image"]
        if item["pubdate"] is not None:
            entry["date_published"] = rfc3339_date(item["pubdate"])
        if item["updateddate"] is not None:
            entry["date_modified"] = rfc3339_date(item["updateddate"])
        if item.get("authors"):
            entry["authors"] = [{k: v for k, v in a.items() if v} for a in item["authors"]]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        if item["enclosures"]:
            entry["attachments"] = [
                {"url": e.url, "mime_type": e.mime_type, **({"size_in_bytes": int(e.length)} if str(e.length).isdigit() and int(e.length) else {})}
                for e in item["enclosures"]
            ]
        return entry

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, separators=(",", ":")))
