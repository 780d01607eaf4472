"""Feed views: find the scope (404 when unknown), build or fetch the cached feed, answer conditionally."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse

from dateline import conf
from dateline.core.absolute import base_url
from dateline.core.cache import cached
from dateline.core.conditional import conditional_response
from dateline.feeds.feeds import ArticleFeed
from dateline.feeds.selectors import feed_scope_get
from dateline.feeds.services import FEEDS_CACHE


def feed_view(request, fmt: str, kind: str = "site", slug: str = ""):
    scope = feed_scope_get(kind=kind, slug=slug)

    def compute():
        feedgen = ArticleFeed(request=request, scope=scope, fmt=fmt).get_feed(scope, request)
        return feedgen.writeString("utf-8").encode("utf-8"), feedgen.content_type, feedgen.latest_post_date()

    # The base URL is part of the key: with DATELINE_BASE_URL empty, links follow the request's host.
    suffix = hashlib.blake2b(f"{fmt}|{scope.key}|{base_url(request=request)}".encode(), digest_size=12).hexdigest()
    content, content_type, latest = cached(
        FEEDS_CACHE, compute, timeout=conf.get("DISTRIBUTION_CACHE_SECONDS"), key_suffix=suffix
    )
    return conditional_response(request, HttpResponse(content, content_type=content_type), last_modified=latest)
