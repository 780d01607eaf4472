"""The view beacon's endpoint: a small WSGI app in front of Django.

Beacons are the hottest write path on the site, so they skip Django's URL
routing and middleware: this wrapper answers ``POST DATELINE_BEACON_PATH``
itself and hands every other request to Django unchanged.

Answers: 204 when the view was recorded or deliberately not counted (a
crawler, a repeat view); 400 for a malformed or oversized body; 404 for an
unknown or unpublished article; 405 for other methods; 429 over the rate
limit; 503 when the database cannot take the write. Never a 500.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from dateline import conf

logger = logging.getLogger("dateline.analytics.beacon")
MAX_BODY = 1024

_STATUS = {
    204: "204 No Content",
    400: "400 Bad Request",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    429: "429 Too Many Requests",
    503: "503 Service Unavailable",
}


def _respond(start_response, status: int, extra=()):
    headers = [("Content-Length", "0"), ("Cache-Control", "no-store"), *extra]
    start_response(_STATUS[status], headers)
    return [b""]


def client_address(environ) -> str:
    if conf.get("BEHIND_PROXY"):
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return environ.get("REMOTE_ADDR", "")[:64]


def parse_body(raw: bytes) -> tuple[int, str] | None:
    """(article id, referrer) from ``a=<id>&r=<referrer>``, or None when malformed."""
    try:
        fields = parse_qs(raw.decode("ascii"), strict_parsing=True, max_num_fields=4)
        article_id = int(fields["a"][0])
    except (UnicodeDecodeError, ValueError, KeyError, IndexError):
        return None
    if not 0 < article_id < 2**62:
        return None
    return article_id, fields.get("r", [""])[0][:300]


def beacon_answer(environ) -> tuple[int, list[tuple[str, str]]]:
    """Decide a beacon's answer from a WSGI environ: (status, extra headers). Records the view."""
    from django.db import close_old_connections

    from dateline.analytics import services

    if environ.get("REQUEST_METHOD") != "POST":
        return 405, [("Allow", "POST")]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 400, []
    if length <= 0 or length > MAX_BODY:
        return 400, []
    parsed = parse_body(environ["wsgi.input"].read(length))
    if parsed is None:
        return 400, []
    article_id, referrer = parsed
    try:
        result = services.article_view_record(
            article_id=article_id,
            client=client_address(environ),
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            referrer=referrer,
        )
    except Exception:
        logger.exception("A view could not be recorded")
        close_old_connections()
        return 503, [("Retry-After", "5")]
    if result.outcome == services.RATE_LIMITED:
        return 429, [("Retry-After", "60")]
    if result.outcome == services.UNKNOWN:
        return 404, []
    return 204, []


def handle_beacon(environ, start_response):
    status, extra = beacon_answer(environ)
    return _respond(start_response, status, extra)


class BeaconMiddleware:
    """WSGI middleware: beacons are answered here, everything else goes to Django."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == conf.get("BEACON_PATH"):
            return handle_beacon(environ, start_response)
        return self.app(environ, start_response)
