"""A WSGI client for the page cache layer in front of Django, as `dateline serve` composes them."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass

import pytest
from django.core.handlers.wsgi import WSGIHandler


class _TestHandler(WSGIHandler):
    """Django's WSGI handler, minus the closing of database connections (tests run in a transaction)."""

    def __call__(self, environ, start_response):
        from django.core import signals
        from django.db import close_old_connections

        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            result = super().__call__(environ, start_response)
            body = b"".join(result)
            result.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return [body]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    set_cookies: list[str]

    @property
    def cache(self) -> str:
        return self.headers.get("x-page-cache", "")

    @property
    def text(self) -> str:
        body = self.body
        encoding = self.headers.get("content-encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        return body.decode()


class LayerClient:
    def __init__(self, app):
        self.app = app

    def request(self, path: str, *, method: str = "GET", headers: dict | None = None, body: bytes = b"") -> Answer:
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)) if body else "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded" if body else "",
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"], captured["headers"] = status, response_headers

        result = self.app(environ, start_response)
        data = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        header_map = {}
        cookies = []
        for name, value in captured["headers"]:
            if name.lower() == "set-cookie":
                cookies.append(value)
            header_map[name.lower()] = value
        return Answer(int(captured["status"].split()[0]), header_map, data, cookies)

    def get(self, path, **kwargs) -> Answer:
        return self.request(path, **kwargs)


@pytest.fixture
def journal_file(tmp_path, monkeypatch):
    """Every purge in this test goes to a journal of its own."""
    path = tmp_path / "purges"
    monkeypatch.setattr("dateline.pagecache.journal.journal_path", lambda: path)
    return path


@pytest.fixture
def layered(journal_file):
    """A client of one server process: Django behind the page cache layer."""
    from dateline.analytics.beacon import BeaconMiddleware
    from dateline.pagecache.wsgi import PageCacheMiddleware

    return LayerClient(PageCacheMiddleware(BeaconMiddleware(_TestHandler()), journal=str(journal_file)))


@pytest.fixture
def second_process(journal_file):
    """Another server process's layer, sharing only the purge journal."""
    from dateline.analytics.beacon import BeaconMiddleware
    from dateline.pagecache.wsgi import PageCacheMiddleware

    return LayerClient(PageCacheMiddleware(BeaconMiddleware(_TestHandler()), journal=str(journal_file)))
