"""Serving a Wagtail page on dateline's lean reader routes.

Wagtail's own routing walks the page tree (about seven queries at depth four);
reader URLs are resolved by Django's URLconf and one indexed lookup instead,
then handed to the page's own ``serve()`` so templates, previews and Wagtail's
``before_serve_page`` hooks (view restrictions) behave as usual.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from wagtail import hooks

from dateline import conf


def reader_cache_headers(response: HttpResponse, *, last_modified=None) -> HttpResponse:
    """Cache-Control and Last-Modified fit for a shared page cache."""
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=conf.get("PAGE_MAX_AGE"))
    if last_modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def serve_page(request, page, *, route: str, last_modified=None) -> HttpResponse:
    request.dateline_route = route
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    response = page.serve(request)
    if hasattr(response, "render") and not response.is_rendered:
        response = response.render()
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
        return response
    return reader_cache_headers(response, last_modified=last_modified)
