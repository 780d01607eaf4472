"""Conditional GET for machine-read responses (feeds, sitemaps, the API).

Feed readers and crawlers poll; answering "nothing changed" with an empty 304
saves them and us the body. The ETag is a hash of the body (cheap next to
building it, and the body itself usually comes from the cache), Last-Modified
the newest change the response shows when the caller knows it.
"""

from __future__ import annotations

import datetime
import hashlib

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from dateline import conf


def conditional_response(
    request,
    response: HttpResponse,
    *,
    last_modified: datetime.datetime | None = None,
    max_age: int | None = None,
    etag: str | None = None,
) -> HttpResponse:
    """Add ETag, Last-Modified and Cache-Control to a 200, and answer 304 when the client is current.

    A streamed response has no body to hash yet: it is answered conditionally
    only when the caller gives its ``etag`` (a quoted string).
    """
    if response.status_code != 200 or (response.streaming and etag is None):
        return response
    if etag is not None:
        response["ETag"] = etag
    elif not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=conf.get("PAGE_MAX_AGE") if max_age is None else max_age)
    if request.method not in ("GET", "HEAD"):
        return response
    return get_conditional_response(request, etag=response["ETag"], last_modified=timestamp, response=response)
