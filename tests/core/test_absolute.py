"""Absolute URLs: the configured base URL, else the address the request came to."""

from django.test import RequestFactory

from dateline.core.absolute import absolute_url, absolutize_html, base_url


def test_configured_base_url_wins_over_the_request(settings):
    """DATELINE_BASE_URL is the canonical address whatever host the request used."""
    settings.DATELINE_BASE_URL = "https://news.example.org/"
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8123")
    assert absolute_url("/world/", request=request) == "https://news.example.org/world/"


def test_empty_base_url_follows_the_request(settings):
    """With no base URL, links follow the host and port the site is served on."""
    settings.DATELINE_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8123")
    assert base_url(request=request) == "http://127.0.0.1:8123"
    assert absolute_url("world/", request=request) == "http://127.0.0.1:8123/world/"


def test_without_a_request_the_serve_address_is_used(settings):
    """The CLI and tasks have no request: the address `dateline serve` listens on."""
    settings.DATELINE_BASE_URL = ""
    settings.DATELINE_HOST = "127.0.0.1"
    settings.DATELINE_PORT = 8124
    assert absolute_url("/x/") == "http://127.0.0.1:8124/x/"


def test_absolute_urls_pass_through(settings):
    settings.DATELINE_BASE_URL = "https://news.example.org"
    assert absolute_url("https://cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    assert absolute_url("//cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"


def test_html_links_and_images_become_absolute(settings):
    """Root-relative href and src in feed HTML get the base URL; other links are left alone."""
    settings.DATELINE_BASE_URL = "https://news.example.org"
    html = '<a href="/world/">w</a><img src="/media/a.jpg"><a href="https://x.org/">x</a><a href="//y.org/">y</a>'
    out = absolutize_html(html)
    assert 'href="https://news.example.org/world/"' in out
    assert 'src="https://news.example.org/media/a.jpg"' in out
    assert 'href="https://x.org/"' in out and 'href="//y.org/"' in out
