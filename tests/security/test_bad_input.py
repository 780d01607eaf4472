"""Bad input from outside: property tests over the beacon, the request log and the WXR parser.

No input crashes a parser, gets a 500, or makes memory grow without bound.
bench/fuzz.py runs the same parsers under atheris for longer.
"""

from __future__ import annotations

import io
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.analytics.beacon import BeaconMiddleware, parse_body
from dateline.analytics.services import referrer_domain
from dateline.importers.wordpress.parser import WXRError, wxr_read
from dateline.operations.logging import query_names, redact_path

BEACON_STATUSES = {204, 400, 404, 405, 429, 503}


@given(st.binary(max_size=2048))
def test_the_beacon_body_parser_never_raises(raw):
    """Any bytes give a valid (article, referrer) pair or None."""
    parsed = parse_body(raw)
    if parsed is not None:
        assert 0 < parsed[0] < 2**62 and len(parsed[1]) <= 300


@given(st.text(max_size=500))
def test_referrer_domains_are_plain_host_names(raw):
    """Whatever a page sends as its referrer, what is stored is a short plain host name or nothing."""
    domain = referrer_domain(raw)
    assert len(domain) <= 120 and not set(domain) - set("abcdefghijklmnopqrstuvwxyz0123456789.-")


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["POST", "GET", "PUT", "POST", "POST"]),
    body=st.binary(max_size=1500),
    length=st.one_of(st.none(), st.text(max_size=12), st.integers(-5, 5000).map(str)),
    agent=st.text(max_size=300),
    forwarded=st.text(max_size=100),
)
def test_the_beacon_endpoint_answers_every_request_without_a_500(method, body, length, agent, forwarded, settings):
    """Any method, body, Content-Length, user agent or forwarding header gets one of the documented answers."""
    settings.DATELINE_BEHIND_PROXY = True
    seen = {}

    def start_response(status, headers):
        seen["status"] = int(status.split()[0])

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/v/",
        "CONTENT_LENGTH": str(len(body)) if length is None else length,
        "wsgi.input": io.BytesIO(body),
        "HTTP_USER_AGENT": agent,
        "HTTP_X_FORWARDED_FOR": forwarded,
        "REMOTE_ADDR": "198.51.100.3",
    }
    BeaconMiddleware(lambda e, s: pytest.fail("beacons must not reach Django"))(environ, start_response)
    assert seen["status"] in BEACON_STATUSES


@given(st.text(max_size=600), st.text(max_size=600))
def test_log_redaction_is_bounded_and_drops_addresses(path, query):
    """Redacted paths stay short and keep no e-mail address; only short query names are kept."""
    redacted = redact_path(path)
    assert len(redacted) <= 300
    names = query_names(query)
    assert len(names) <= 20 and all(len(n) <= 40 for n in names)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_given_to_the_wxr_parser_give_records_or_a_wxr_error(raw):
    """A WordPress export that is not one is refused with WXRError, never another exception."""
    try:
        for _ in wxr_read(io.BytesIO(raw)):
            pass
    except WXRError:
        pass


WXR_HEAD = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
    "<channel><wp:wxr_version>1.2</wp:wxr_version>"
)


def wxr_items(raw: bytes):
    try:
        return [record for kind, record in wxr_read(io.BytesIO(raw)) if kind == "item"]
    except WXRError:
        return None


def test_an_export_cannot_read_files_from_the_server(tmp_path):
    """An external entity (XXE) in an export is not resolved: the file's contents never reach an article."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS")
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"{WXR_HEAD}<item><title>&xxe;</title><content:encoded>&xxe;</content:encoded>"
        "<wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item></channel></rss>"
    ).encode()
    items = wxr_items(raw)
    assert items is None or all("TOP-SECRET" not in repr(item) for item in items)


def test_an_entity_bomb_does_not_blow_up_memory():
    """A 'billion laughs' export is refused or read without expanding: memory stays under 50 MB."""
    entities = '<!ENTITY lol0 "lolololololololololol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>'
        f"{WXR_HEAD}<item><title>&lol9;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        "</item></channel></rss>"
    ).encode()
    tracemalloc.start()
    try:
        items = wxr_items(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    assert items is None or all(len(repr(item)) < 100_000 for item in items)


@pytest.mark.django_db
def test_a_referrer_with_a_broken_ip_address_still_counts_the_view():
    """Found by the property test above: 'http://[x' made urlsplit raise, and the beacon answered 503."""
    from dateline.analytics import services
    from tests import factories as f

    article = f.make_article("Lighthouse keeper retires after forty years")
    services.visible_articles.forget()
    result = services.article_view_record(
        article_id=article.pk, client="198.51.100.4", user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        referrer="http://[x",
    )
    assert result.outcome == services.COUNTED


def test_a_client_cannot_dodge_rate_limits_with_a_made_up_forwarded_address(rf, settings):
    """Behind a proxy the limit keys on the address the proxy added (the last), not one the client wrote."""
    from dateline.core.ratelimit import client_address

    settings.DATELINE_BEHIND_PROXY = True
    request = rf.get("/search/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50", REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == "203.0.113.50"
    settings.DATELINE_BEHIND_PROXY = False
    assert client_address(request) == "127.0.0.1"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=800))
def test_comment_text_renders_without_script_capable_markup(text):
    """Whatever a reader types, the comment's HTML holds no script element, handler or javascript: link."""
    from bench.fuzz_more import UNSAFE_HTML
    from dateline.comments.models import Comment

    assert not UNSAFE_HTML.search(str(Comment(body=text).body_html()))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["article", "parent", "token", "body", "name", "email", "url", "homepage", "notify", "x"]),
        st.text(max_size=300),
        max_size=9,
    ),
    accept=st.sampled_from(["application/json", "text/html", ""]),
)
def test_the_comment_endpoint_never_answers_500(client, fields, accept):
    """Any form posted to /comments/post/ gets a clear answer (2xx, 3xx or 4xx), never a server error."""
    response = client.post("/comments/post/", fields, HTTP_ACCEPT=accept)
    assert response.status_code < 500
