"""The shipped nginx configuration: valid, caches reader pages, and is purged by dateline's backend."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.nginxutil import nginx_binary, nginx_render, nginx_running, nginx_test

pytestmark = pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (apt-get install nginx-light)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Upstream(ThreadingHTTPServer):
    """Stands in for `dateline serve`: each answer says how many times the page was rendered."""

    daemon_threads = True

    def __init__(self):
        self.renders: dict[str, int] = {}
        self.gone: set[str] = set()
        self.seen_encodings: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server: Upstream = self.server
        path = self.path
        server.seen_encodings.append(self.headers.get("Accept-Encoding", ""))
        if path in server.gone:
            body, status, headers = b"<p>gone</p>", 404, []
        else:
            server.renders[path] = server.renders.get(path, 0) + 1
            body, status = f"<p>{path} render {server.renders[path]}</p>".encode(), 200
            headers = [("Cache-Control", "public, max-age=60")]
            if path.startswith("/private/"):
                headers = [("Cache-Control", "private, no-cache")]
            if path.startswith("/cookie/"):
                headers.append(("Set-Cookie", "csrftoken=one-readers-token"))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    upstream = Upstream()
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    folder = tmp_path_factory.mktemp("nginx")
    port, purge_port = _free_port(), _free_port()
    conf = nginx_render(folder=folder, upstream=f"127.0.0.1:{upstream.server_port}", port=port,
                        purge_port=purge_port, data_dir=folder, workers=1)
    with nginx_running(conf, port=port):
        yield {"upstream": upstream, "port": port, "purge_port": purge_port, "conf": conf}
    upstream.shutdown()


def _get(port, path, headers=None) -> tuple[int, str, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "news.example.org", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def test_the_shipped_config_passes_nginx_t(stack):
    result = nginx_test(stack["conf"])
    assert result.returncode == 0, result.stderr


def test_pages_are_cached_per_encoding(stack):
    port = stack["port"]
    assert _get(port, "/world/")[1] == "<p>/world/ render 1</p>"
    status, body, headers = _get(port, "/world/")
    assert body == "<p>/world/ render 1</p>" and headers["X-Cache"] == "HIT"
    assert _get(port, "/world/", {"Accept-Encoding": "gzip, deflate, br"})[1] == "<p>/world/ render 2</p>"
    assert _get(port, "/world/", {"Accept-Encoding": "br;q=1, gzip"})[1] == "<p>/world/ render 2</p>"
    assert "br" in stack["upstream"].seen_encodings


def test_sessions_private_pages_and_cookies_are_never_cached(stack):
    port = stack["port"]
    _get(port, "/sport/")
    assert _get(port, "/sport/", {"Cookie": "csrftoken=x; sessionid=abc"})[1].endswith("render 2</p>")
    assert _get(port, "/sport/")[1].endswith("render 1</p>")  # the editor's copy was not stored
    _get(port, "/private/page/")
    assert _get(port, "/private/page/")[1].endswith("render 2</p>")
    _get(port, "/cookie/page/")
    status, body, headers = _get(port, "/cookie/page/")
    assert body.endswith("render 2</p>")
    assert _get(port, "/admin/")[2].get("X-Cache") is None


def test_dateline_purges_through_the_refresh_listener(stack, settings):
    """Wagtail's front-end cache call with dateline's RefreshBackend replaces the cached page, and a gone page turns 404."""
    from dateline.pagecache.services import pages_purge_frontend

    port = stack["port"]
    settings.DATELINE_BASE_URL = "https://news.example.org"
    settings.DATELINE_PURGE_URLS = f"http://127.0.0.1:{stack['purge_port']}"
    assert _get(port, "/business/")[1].endswith("render 1</p>")
    assert _get(port, "/business/", {"Accept-Encoding": "gzip"})[1].endswith("render 2</p>")
    assert _get(port, "/business/")[1].endswith("render 1</p>")
    pages_purge_frontend(paths=["/business/"])  # refreshes the br, gzip and plain copies: renders 3, 4, 5
    status, body, headers = _get(port, "/business/")
    assert body.endswith("render 5</p>") and headers["X-Cache"] == "HIT"  # replaced in place, still cached
    assert _get(port, "/business/", {"Accept-Encoding": "gzip"})[1].endswith("render 4</p>")
    stack["upstream"].gone.add("/business/")
    pages_purge_frontend(paths=["/business/"])
    assert _get(port, "/business/")[0] == 404


def test_the_refresh_listener_is_loopback_only(stack):
    conf = stack["conf"].parent.joinpath("site.conf").read_text()
    refresh_server = conf.split("The refresh listener")[1]
    assert "listen 127.0.0.1:" in refresh_server and "deny all;" in refresh_server
