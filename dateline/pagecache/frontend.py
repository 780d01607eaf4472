"""Purging a front-end cache through Wagtail's front-end cache interface.

Wagtail's ``wagtail.contrib.frontend_cache`` sends purges to backends named in a
settings dict (Cloudflare, CloudFront, Azure, plain HTTP ``PURGE``).
Debian's nginx has no ``PURGE`` (that needs the third-party ngx_cache_purge),
so :class:`RefreshBackend` purges by refreshing: it asks a loopback-only nginx
listener for the page, and that listener always fetches a fresh copy from
dateline and stores it in place of the old one (``proxy_cache_bypass``), once
per encoding the cache keeps apart. A page that is gone comes back 404 and the
404 replaces it, for a minute. See deploy/nginx/dateline.conf.
"""

from __future__ import annotations

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger("dateline.pagecache")


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 301 is the refreshed answer, not somewhere to go


class RefreshBackend(BaseBackend):
    """Purge one URL by fetching it again through the cache's refresh listener.

    ``LOCATION`` is the listener (``http://127.0.0.1:8081``); ``ENCODINGS`` the
    ``Accept-Encoding`` values the cache keys apart (the shipped config keeps
    ``br``, ``gzip`` and none); ``TIMEOUT`` seconds per request.
    """

    encodings = ("br", "gzip", "")

    def __init__(self, params):
        params = dict(params)
        self.location = params.pop("LOCATION").rstrip("/")
        self.timeout = float(params.pop("TIMEOUT", 10))
        self.encodings = tuple(params.pop("ENCODINGS", self.encodings))
        super().__init__(params)
        self._opener = build_opener(_NoRedirects)

    def purge(self, url):
        parts = urlsplit(url)
        target = f"{self.location}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
        for encoding in self.encodings:
            headers = {"Host": parts.netloc, "User-Agent": f"dateline-purge (Wagtail {wagtail_version})"}
            if encoding:
                headers["Accept-Encoding"] = encoding
            try:
                with self._opener.open(Request(target, headers=headers), timeout=self.timeout) as response:
                    response.read()
            except HTTPError as exc:
                exc.close()
                if exc.code >= 500:
                    logger.error("Refreshing %s in the front-end cache answered %s", url, exc.code)
            except (URLError, OSError) as exc:
                logger.error("Could not refresh %s in the front-end cache at %s: %s", url, self.location, exc)
                return
