"""Sitemap and robots.txt views: parse the URL, fetch or build the cached XML, answer conditionally."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse

from dateline import conf
from dateline.core.absolute import base_url
from dateline.core.cache import cached
from dateline.core.conditional import conditional_response
from dateline.sitemaps.services import SITEMAPS_CACHE
from dateline.sitemaps.sitemaps import SITEMAPS, news_sitemap_xml, sitemap_index_xml, urlset_xml

XML = "application/xml; charset=utf-8"


def _cached_xml(request, key: str, build) -> str:
    base = base_url(request=request)
    suffix = hashlib.blake2b(f"{key}|{base}|{conf.get('SITEMAP_PAGE_SIZE')}".encode(), digest_size=12).hexdigest()
    return cached(SITEMAPS_CACHE, lambda: build(base), timeout=conf.get("DISTRIBUTION_CACHE_SECONDS"), key_suffix=suffix)


def sitemap_index(request):
    def build(base):
        entries = []
        for name, cls in SITEMAPS.items():
            sitemap = cls()
            for page in range(1, sitemap.num_pages() + 1):  # none for an empty kind
                entries.append((f"/sitemaps/{name}-{page}.xml", sitemap.page_lastmod(page)))
        return sitemap_index_xml(base=base, entries=entries)

    return conditional_response(request, HttpResponse(_cached_xml(request, "index", build), content_type=XML))


def sitemap_page(request, name: str, page: int):
    cls = SITEMAPS.get(name)
    if cls is None or page < 1:
        raise Http404("No such sitemap")
    sitemap = cls()

    def build(base):
        # "" (cached too) for a page past the end.
        return urlset_xml(base=base, urls=sitemap.urls(page)) if page <= sitemap.num_pages() else ""

    xml = _cached_xml(request, f"{name}-{page}", build)
    if not xml:
        raise Http404("No such sitemap page")
    return conditional_response(request, HttpResponse(xml, content_type=XML))


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
