"""Sitemap and robots.txt views: parse the URL, fetch or build the cached XML (or stream a child), answer conditionally."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, StreamingHttpResponse

from dateline import conf
from dateline.core.absolute import base_url
from dateline.core.cache import cache_version, cached
from dateline.core.conditional import conditional_response
from dateline.sitemaps.services import SITEMAPS_CACHE
from dateline.sitemaps.sitemaps import SITEMAPS, news_sitemap_xml, sitemap_index_xml, urlset_chunks

XML = "application/xml; charset=utf-8"


def _cached_xml(request, key: str, build) -> str:
    base = base_url(request=request)
    suffix = hashlib.blake2b(f"{key}|{base}|{conf.get('SITEMAP_PAGE_SIZE')}".encode(), digest_size=12).hexdigest()
    return cached(SITEMAPS_CACHE, lambda: build(base), timeout=conf.get("DISTRIBUTION_CACHE_SECONDS"), key_suffix=suffix)


def sitemap_index(request):
    def build(base):
        entries = [
            (f"/sitemaps/{name}-{child.number}.xml", child.lastmod)
            for name, cls in SITEMAPS.items()
            for child in cls().children()  # none for an empty kind
        ]
        return sitemap_index_xml(base=base, entries=entries)

    return conditional_response(request, HttpResponse(_cached_xml(request, "index", build), content_type=XML))


def sitemap_page(request, name: str, page: int):
    """One child sitemap, streamed as it is read (up to 50,000 URLs: megabytes never held at once)."""
    cls = SITEMAPS.get(name)
    if cls is None or page < 1:
        raise Http404("No such sitemap")
    sitemap = cls()
    summary = sitemap.children(number=page)
    if not summary:
        raise Http404("No such sitemap page")  # a urlset must hold at least one URL
    child = summary[0]
    base = base_url(request=request)
    # What the body depends on, without building it: what it lists (count, newest change) and every
    # publish, unpublish or move since (the cache version), so a 304 costs one aggregate query.
    state = f"{cache_version(SITEMAPS_CACHE)}|{base}|{sitemap.page_size()}|{name}|{page}|{child.urls}|{child.lastmod}"
    etag = '"' + hashlib.blake2b(state.encode(), digest_size=16).hexdigest() + '"'
    chunks = (chunk.encode() for chunk in urlset_chunks(base=base, urls=sitemap.urls(page)))
    response = StreamingHttpResponse(chunks, content_type=XML)
    return conditional_response(request, response, etag=etag, last_modified=child.lastmod)


def news_sitemap(request):
    xml = _cached_xml(request, "news", lambda base: news_sitemap_xml(base=base))
    return conditional_response(request, HttpResponse(xml, content_type=XML))


def robots_txt(request):
    """Crawlers may read everything but the admin, the view beacon, the comment endpoints and search results."""
    base = base_url(request=request)
    beacon = "/" + conf.get("BEACON_PATH").strip("/") + "/"
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {beacon}",
        "Disallow: /comments/",
        "Disallow: /search/",
        "",
        f"Sitemap: {base}/sitemap.xml",
        f"Sitemap: {base}/sitemap-news.xml",
        "",
    ]
    return conditional_response(request, HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))
