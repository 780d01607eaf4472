"""The embedded page cache: a WSGI layer that answers repeat reader requests from memory.

It sits in front of Django (``dateline/project/wsgi.py``) and, for each
``GET``/``HEAD`` of a reader page by a reader without a session, serves the
page it stored earlier, in the encoding the browser accepts (brotli, gzip or
none), without entering Django. Everything dynamic on a page is fetched by the
browser, so a stored page is the same for every reader: the view beacon posts
to its own endpoint, and comment forms fetch their token.

What is never stored: anything but a ``200`` HTML response; a response that
sets a cookie, says ``private``, ``no-store`` or ``no-cache``, lacks
``public``, or varies on ``Cookie``. What always goes to Django: other methods,
requests carrying a session or messages cookie or an ``Authorization`` header,
and the paths in :attr:`PageCacheMiddleware.pass_prefixes` (admin, comments,
the beacon, static and media files). A page lives for its ``s-maxage`` or
``max-age`` (``DATELINE_PAGE_MAX_AGE``), or until a purge
(:mod:`dateline.pagecache.journal`) names its path.

HTML that passes through uncached is still compressed for browsers that accept
it, so Django never has to.
"""

from __future__ import annotations

import gzip
import time
from functools import lru_cache

from dateline import conf
from dateline.pagecache.journal import ALL, JournalReader, journal_path
from dateline.pagecache.store import (
    MIN_COMPRESS_BYTES,
    Entry,
    MemoryStore,
    brotli,
    compress_variants,
    etag_for,
)

HIT_HEADER = "X-Page-Cache"
MAX_BODY = 2_000_000


@lru_cache(maxsize=256)
def encoding_for(accept_encoding: str) -> str:
    """The best encoding we store that the client accepts: ``br``, ``gzip`` or ``identity``."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        params = params.replace(" ", "")
        if params in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            continue
        accepted.add(name.strip())
    if "br" in accepted:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return "identity"


def _max_age(cache_control: str) -> int:
    """Seconds a shared cache may keep the page (``s-maxage``, else ``max-age``), 0 when it may not."""
    directives = {}
    for part in cache_control.lower().split(","):
        name, _, value = part.strip().partition("=")
        directives[name] = value.strip('"')
    if "public" not in directives or {"private", "no-store", "no-cache"} & directives.keys():
        return 0
    for name in ("s-maxage", "max-age"):
        if name in directives:
            try:
                return max(0, int(directives[name]))
            except ValueError:
                return 0
    return 0


class PageCacheMiddleware:
    """WSGI layer: serve stored reader pages, store new ones, compress HTML on the way out.

    Subclass to change what passes straight through (``pass_prefixes``,
    ``bypass_cookies``) or how big the store may grow (``max_bytes``).
    """

    pass_prefixes: tuple[str, ...] = ("/admin/", "/comments/", "/static/", "/media/", "/documents/", "/__")
    bypass_cookies: tuple[str, ...] = ("sessionid", "messages")

    def __init__(self, app, *, max_bytes: int | None = None, journal: str | None = None):
        self.app = app
        self._max_bytes = max_bytes
        self._journal_path = journal
        self._store = None
        self._journal = None
        self._purged_at: dict[str, int] = {}  # path -> journal sequence of its latest purge

    # -- state made on first use, after Django's settings are ready ----------------

    @property
    def store(self) -> MemoryStore:
        if self._store is None:
            self._store = MemoryStore(max_bytes=self._max_bytes or conf.get("PAGE_CACHE_MB") * 1024 * 1024)
        return self._store

    @property
    def journal(self) -> JournalReader:
        if self._journal is None:
            from pathlib import Path

            self._journal = JournalReader(Path(self._journal_path) if self._journal_path else journal_path())
        return self._journal

    def _sync(self) -> None:
        purged = self.journal.poll()
        if purged:
            self.store.purge(purged)
            for path in purged:
                self._purged_at[path] = self.journal.sequence

    # -- the request ------------------------------------------------------------------

    def passes_through(self, environ) -> bool:
        """Whether this request must go to Django untouched by the cache."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return True
        path = environ.get("PATH_INFO", "")
        if path.startswith(self.pass_prefixes) or path == conf.get("BEACON_PATH"):
            return True
        if environ.get("HTTP_AUTHORIZATION"):
            return True
        cookie = environ.get("HTTP_COOKIE")
        if cookie:
            from django.conf import settings

            names = {settings.SESSION_COOKIE_NAME, *self.bypass_cookies}
            for part in cookie.split(";"):
                if part.split("=", 1)[0].strip() in names:
                    return True
        return False

    def __call__(self, environ, start_response):
        if not conf.get("PAGE_CACHE"):
            return self._compressing(environ, start_response)
        if self.passes_through(environ):
            return self._compressing(environ, start_response)
        self._sync()
        key = self._key(environ)
        now = time.monotonic()
        entry = self.store.get(key, now=now)
        if entry is not None:
            return self._serve(entry, environ, start_response, now=now, state="hit")
        return self._fill(key, environ, start_response)

    @staticmethod
    def _key(environ) -> str:
        host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower()
        query = environ.get("QUERY_STRING", "")
        return f"{host}{environ.get('PATH_INFO', '')}?{query}"

    def _serve(self, entry: Entry, environ, start_response, *, now: float, state: str):
        encoding = encoding_for(environ.get("HTTP_ACCEPT_ENCODING", ""))
        if encoding not in entry.bodies:
            encoding = "identity"
        etag = entry.etag if encoding == "identity" else f'{entry.etag[:-1]}-{encoding}"'
        headers = list(entry.headers)
        headers.append(("Vary", entry.vary))
        headers.append(("ETag", etag))
        headers.append((HIT_HEADER, state))
        if state == "hit":
            headers.append(("Age", str(int(now - entry.stored_at))))
        if environ.get("HTTP_IF_NONE_MATCH", "") in (etag, f"W/{etag}"):
            start_response("304 Not Modified", [h for h in headers if h[0] != "Content-Type"])
            return [b""]
        body = entry.bodies[encoding]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(body))))
        start_response(entry.status, headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return [body]

    def _fill(self, key: str, environ, start_response):
        """A miss: let Django answer, store the answer when it may be shared, then serve it."""
        sequence_before = self.journal.sequence
        started_at = time.monotonic()
        answer = self._call_inner(environ, start_response)
        if not isinstance(answer, tuple):
            return answer  # not HTML of known length: handed on as it came
        status, headers, body = answer
        max_age = self._storable(environ, status, headers, body)
        path = environ.get("PATH_INFO", "")
        self._sync()
        purged_meanwhile = max(self._purged_at.get(path, 0), self._purged_at.get(ALL, 0)) > sequence_before
        entry = self._entry(status, headers, body, path=path, now=started_at, max_age=max_age)
        if max_age and not purged_meanwhile:
            self.store.put(key, entry)
        if len(self._purged_at) > 10_000:
            self._purged_at = {ALL: self.journal.sequence}
        return self._serve(entry, environ, start_response, now=started_at, state="miss" if max_age else "pass")

    def _call_inner(self, environ, start_response):
        """Django's answer as (status, headers, body) when it is HTML of known length, else its iterable."""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return captured.setdefault("written", []).append

        result = self.app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if not self._bufferable(headers):
            start_response(status, headers)
            return _Passthrough(result)
        try:
            body = b"".join([*captured.get("written", []), *result])
        finally:
            _close(result)
        return status, headers, body

    @staticmethod
    def _bufferable(headers) -> bool:
        """HTML with a known length: safe to read whole (streamed responses are left alone)."""
        content_type = length = encoded = None
        for name, value in headers:
            lower = name.lower()
            if lower == "content-type":
                content_type = value
            elif lower == "content-length":
                length = value
            elif lower == "content-encoding":
                encoded = value
        if encoded or not content_type or not content_type.startswith("text/html") or length is None:
            return False
        try:
            return int(length) <= MAX_BODY
        except ValueError:
            return False

    def _storable(self, environ, status: str, headers, body: bytes) -> int:
        """Seconds this response may be kept, or 0 when it must not be stored."""
        if not status.startswith("200") or environ.get("REQUEST_METHOD") != "GET":
            return 0
        cache_control = ""
        for name, value in headers:
            lower = name.lower()
            if lower == "set-cookie":
                return 0
            if lower == "vary" and ("cookie" in value.lower() or "*" in value):
                return 0
            if lower == "cache-control":
                cache_control = value
        return _max_age(cache_control)

    @staticmethod
    def _entry(status, headers, body, *, path, now, max_age) -> Entry:
        kept, vary = [], ["Accept-Encoding"]
        for name, value in headers:
            lower = name.lower()
            if lower in ("content-length", "content-encoding", "etag"):
                continue
            if lower == "vary":
                vary.extend(v.strip() for v in value.split(",") if v.strip().lower() != "accept-encoding")
                continue
            kept.append((name, value))
        bodies = compress_variants(body) if max_age else {"identity": body}
        return Entry(
            status=status, headers=kept, vary=", ".join(dict.fromkeys(vary)), bodies=bodies,
            etag=etag_for(body), path=path, stored_at=now, expires_at=now + max_age,
        )

    def _compressing(self, environ, start_response):
        """Pass a request to Django; compress an HTML answer for a browser that accepts it.

        HTML comes back as a one-item list even uncompressed: granian sends a list in one
        piece and streams any other iterable from its blocking thread, chunk by chunk.
        """
        if environ.get("REQUEST_METHOD") == "HEAD":
            return self.app(environ, start_response)
        encoding = encoding_for(environ.get("HTTP_ACCEPT_ENCODING", ""))
        answer = self._call_inner(environ, start_response)
        if not isinstance(answer, tuple):
            return answer
        status, headers, body = answer
        if encoding != "identity" and len(body) >= MIN_COMPRESS_BYTES:
            if encoding == "br" and brotli is not None:
                body = brotli.compress(body, quality=4, mode=brotli.MODE_TEXT)
            else:
                encoding = "gzip"
                body = gzip.compress(body, compresslevel=5, mtime=0)
            kept = [(n, v) for n, v in headers if n.lower() not in ("content-length", "etag", "vary")]
            vary = [v for n, v in headers if n.lower() == "vary"]
            kept.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
            kept.append(("Content-Encoding", encoding))
            kept.append(("Content-Length", str(len(body))))
            headers = kept
        start_response(status, headers)
        return [body]


def _close(result) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()  # Django's request_finished: database connections go back, per CONN_MAX_AGE


class _Passthrough:
    """The inner app's iterable, handed on untouched (its close() still reaches Django)."""

    def __init__(self, result):
        self._result = result

    def __iter__(self):
        return iter(self._result)

    def close(self):
        _close(self._result)
