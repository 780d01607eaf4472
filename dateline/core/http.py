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
from dateline.core.cache import cache_clear, cached


def reader_cache_headers(response: HttpResponse, *, last_modified=None) -> HttpResponse:
    """Cache-Control and Last-Modified fit for a shared page cache."""
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=conf.get("PAGE_MAX_AGE"))
    if last_modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _serve_chain(page, request, args, kwargs):
    return page.serve(request, *args, **kwargs)


VIEW_RESTRICTIONS_CACHE = "core:view-restrictions-exist"


def view_restrictions_exist() -> bool:
    """Whether any page on the site has a view restriction (cached; cleared when one is saved or deleted)."""
    from wagtail.models import PageViewRestriction

    return cached(VIEW_RESTRICTIONS_CACHE, lambda: PageViewRestriction.objects.exists(), timeout=86400, local=True)


def view_restrictions_clear(**kwargs) -> None:
    cache_clear(VIEW_RESTRICTIONS_CACHE)


def _serve_through_hooks(page, request) -> HttpResponse:
    """What ``wagtail.views.serve`` does once it has found the page: on_serve_page and
    before_serve_page hooks (view restrictions live there), then ``page.serve()``.

    Wagtail's view-restriction check costs two queries per page; a news site
    rarely restricts anything, so the check is skipped while no restriction
    exists anywhere, which one cached flag answers.
    """
    from wagtail.wagtail_hooks import check_view_restrictions

    skip_restrictions = not view_restrictions_exist()
    chain = _serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if skip_restrictions and fn is check_view_restrictions:
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, [], {})


def _signed_in(request) -> bool:
    """Whether an editor is signed in, without touching the session of a reader who has none.

    Reading the session adds ``Vary: Cookie``, which would keep every reader's
    page out of shared caches; a request without a session cookie is a reader.
    """
    from django.conf import settings

    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def serve_page(request, page, *, route: str, last_modified=None) -> HttpResponse:
    request.dateline_route = route
    response = _serve_through_hooks(page, request)
    if hasattr(response, "render") and not response.is_rendered:
        response = response.render()
    if _signed_in(request):
        patch_cache_control(response, private=True, no_cache=True)
        return response
    return reader_cache_headers(response, last_modified=last_modified)
