# ruff: noqa: B008  (django-ninja declares parameters with Query()/Path() defaults)
"""The read API on django-ninja: parse the query, call a selector, serialise. OpenAPI at /api/schema.

Every 200 carries an ETag and answers 304 to a matching If-None-Match; bad
parameters get 400 with a message, unknown sections, tags, authors and
articles 404; each client address is held to ``DATELINE_API_RATE_LIMIT``
requests a minute (429 with Retry-After).
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError
from ninja.throttling import BaseThrottle
from pydantic import AwareDatetime, TypeAdapter, WithJsonSchema
from pydantic import ValidationError as PydanticValidationError

from dateline import conf
from dateline.analytics.selectors import article_list_popular
from dateline.api import schemas, selectors
from dateline.api.serializers import ArticleSerializer, author_data, section_data
from dateline.core.absolute import absolute_url
from dateline.core.conditional import conditional_response
from dateline.core.ratelimit import rate_limit_exceeded

SLUG = r"^[-\w]+$"
MAX_ID = 2**53
MAX_PAGE = 10_000


class ClientRateThrottle(BaseThrottle):
    """DATELINE_API_RATE_LIMIT requests a minute per client address, read at call time."""

    def allow_request(self, request) -> bool:
        self._wait = rate_limit_exceeded(request, scope="api", per_minute=conf.get("API_RATE_LIMIT"))
        return not self._wait

    def wait(self):
        return float(self._wait or 60)


class ReadAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            response = conditional_response(request, response)
        return response


api = ReadAPI(
    title=f"{conf.DEFAULTS['SITE_NAME']} read API",
    version="1.0",
    description="Published articles, sections, authors, most-read and related lists. Articles also as IPTC ninjs 2.0.",
    openapi_url="/schema",
    docs_url="/docs",
    urls_namespace="api",
    throttle=[ClientRateThrottle()],
)


@api.exception_handler(ValidationError)
def _bad_request(request, exc):
    messages = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        messages.append(f"{where}: {error.get('msg', 'invalid value')}")
    return api.create_response(request, {"detail": "; ".join(messages) or "Bad request."}, status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


def _page_size(page_size: int | None) -> int:
    """The page size asked for, capped at DATELINE_API_MAX_PAGE_SIZE (the response says what was used)."""
    return min(page_size or conf.get("API_PAGE_SIZE"), conf.get("API_MAX_PAGE_SIZE"))


# Declared as an RFC 3339 string in the OpenAPI description, parsed here so numbers are not taken for timestamps.
SinceParam = Annotated[str | None, WithJsonSchema({"type": "string", "format": "date-time", "maxLength": 64})]
_RFC3339_START = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}")
_AWARE = TypeAdapter(AwareDatetime)


def _parse_since(raw: str | None) -> datetime.datetime | None:
    """An RFC 3339 time with its zone; numbers, bare dates and zone-less times are refused with a message."""
    if raw is None:
        return None
    message = "since: give an RFC 3339 time with a time zone, for example 2026-11-25T08:00:00Z."
    if not _RFC3339_START.match(raw):
        raise HttpError(400, message)
    try:
        moment = _AWARE.validate_strings(raw, strict=True)
    except PydanticValidationError:
        raise HttpError(400, message) from None
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # year 1 or 9999 pushed past the calendar by its offset
        return datetime.datetime.min.replace(tzinfo=datetime.UTC) if moment.year < 5000 else datetime.datetime.max.replace(tzinfo=datetime.UTC)


def _page_links(request, *, page: int, has_next: bool) -> dict:
    params = {k: v for k, v in request.GET.items() if k != "page"}

    def link(number):
        return absolute_url(request.path, request=request) + "?" + urlencode({**params, "page": number})

    return {"next": link(page + 1) if has_next else None, "previous": link(page - 1) if page > 1 else None}


# -- articles ---------------------------------------------------------------------------


@api.get("/articles", response={200: schemas.ArticlePage, **ERRORS}, tags=["articles"])
def list_articles(
    request,
    section: str | None = Query(None, pattern=SLUG, max_length=100, description="A section's slug."),
    tag: str | None = Query(None, pattern=SLUG, max_length=100, description="A tag's slug."),
    author: str | None = Query(None, pattern=SLUG, max_length=100, description="An author's slug."),
    since: SinceParam = Query(None, description="Only articles first published at or after this time (RFC 3339, with a time zone)."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int | None = Query(None, ge=1, le=1000, description="Articles per page; more than DATELINE_API_MAX_PAGE_SIZE is capped to it."),
):
    """Published articles, newest first."""
    size = _page_size(page_size)
    filters = selectors.ArticleFilters(section=section, tag=tag, author=author, since=_parse_since(since))
    items, has_next = selectors.article_list_filtered(filters=filters, offset=(page - 1) * size, limit=size)
    serializer = ArticleSerializer(request=request)
    return {"items": [serializer.summary(a) for a in items], "page": page, "page_size": size, **_page_links(request, page=page, has_next=has_next)}


@api.get("/articles/most-read", response={200: schemas.ArticleList, **ERRORS}, tags=["articles"])
def most_read(request, days: int = Query(7, ge=1, le=365), limit: int = Query(10, ge=1, le=50)):
    """The most-read published articles of the last ``days`` days."""
    ids = [card.pk for card in article_list_popular(days=days, limit=limit)]
    serializer = ArticleSerializer(request=request)
    return {"items": [serializer.summary(a) for a in selectors.article_list_by_ids(ids=ids)]}


@api.get("/articles/{article_id}", response={200: schemas.ArticleDetail, **ERRORS}, tags=["articles"])
def get_article(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published article with its body, credits and corrections."""
    return ArticleSerializer(request=request).detail(selectors.article_get_published(article_id=article_id))


@api.get("/articles/{article_id}/ninjs", response={200: dict, **ERRORS}, tags=["articles"])
def get_article_ninjs(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published article as IPTC ninjs 2.0."""
    return ArticleSerializer(request=request).ninjs(selectors.article_get_published(article_id=article_id))


@api.get("/articles/{article_id}/related", response={200: schemas.ArticleList, **ERRORS}, tags=["articles"])
def related(request, article_id: int = Path(..., ge=1, le=MAX_ID), limit: int = Query(6, ge=1, le=20)):
    """'Related Posts' for an article, as shown under it."""
    from dateline.related.selectors import article_list_related

    article = selectors.article_get_published(article_id=article_id, body=False)
    ids = [card.pk for card in article_list_related(article=article, limit=limit)]
    serializer = ArticleSerializer(request=request)
    return {"items": [serializer.summary(a) for a in selectors.article_list_by_ids(ids=ids)]}


# -- sections and authors ------------------------------------------------------------------


@api.get("/sections", response={200: list[schemas.Section], **ERRORS}, tags=["sections"])
def list_sections(request):
    return [section_data(s, request=request) for s in selectors.section_list()]


@api.get("/sections/{slug}", response={200: schemas.Section, **ERRORS}, tags=["sections"])
def get_section(request, slug: str = Path(..., pattern=SLUG, max_length=100)):
    return section_data(selectors.section_get(slug=slug), request=request)


@api.get("/authors", response={200: schemas.AuthorPage, **ERRORS}, tags=["authors"])
def list_authors(request, page: int = Query(1, ge=1, le=MAX_PAGE), page_size: int | None = Query(None, ge=1, le=1000)):
    size = _page_size(page_size)
    items, has_next = selectors.author_list(offset=(page - 1) * size, limit=size)
    return {"items": [author_data(a, request=request) for a in items], "page": page, "page_size": size, **_page_links(request, page=page, has_next=has_next)}


@api.get("/authors/{slug}", response={200: schemas.Author, **ERRORS}, tags=["authors"])
def get_author(request, slug: str = Path(..., pattern=SLUG, max_length=100)):
    return author_data(selectors.author_get(slug=slug), request=request)
