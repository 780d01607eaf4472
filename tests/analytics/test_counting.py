"""Counting views: one per reader per article per day, no crawlers, nothing lost between flushes."""

import datetime
import io

import pytest
from django.utils import timezone

from dateline.analytics import services
from dateline.analytics.beacon import BeaconMiddleware, parse_body
from dateline.analytics.models import (
    ArticleViewsDaily,
    ArticleViewsHourly,
    ArticleViewsTotal,
    ReferrerDaily,
    ViewBuffer,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def fresh_process_state():
    services.visible_articles.forget()
    services.rate_limiter.__init__()
    yield


def beacon(body: bytes | str, *, method="POST", user_agent=BROWSER, client="203.0.113.7", length=None):
    """Send one request through the WSGI wrapper, as the server would; returns the status code."""
    body = body.encode() if isinstance(body, str) else body
    seen = {}

    def start_response(status, headers):
        seen["status"] = int(status.split()[0])

    def django_app(environ, start_response):  # pragma: no cover - must not be reached
        raise AssertionError("beacons must not reach Django")

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/v/",
        "CONTENT_LENGTH": str(len(body) if length is None else length),
        "wsgi.input": io.BytesIO(body),
        "HTTP_USER_AGENT": user_agent,
        "REMOTE_ADDR": client,
    }
    BeaconMiddleware(django_app)(environ, start_response)
    return seen["status"]


def total_views(article):
    services.views_flush()
    return ArticleViewsTotal.objects.filter(article_id=article.pk).values_list("views", flat=True).first() or 0


def test_a_readers_view_is_counted():
    """A browser's beacon for a published article is accepted and counted after the flush."""
    article = f.make_article()
    assert beacon(f"a={article.pk}&r=https://news.example.org/path?q=1") == 204
    assert total_views(article) == 1
    assert ArticleViewsHourly.objects.get(article_id=article.pk).views == 1
    assert ArticleViewsDaily.objects.get(article_id=article.pk).views == 1
    assert ReferrerDaily.objects.get(article_id=article.pk).domain == "news.example.org"


def test_crawlers_are_not_counted():
    """A crawler's beacon is answered but never counted."""
    article = f.make_article()
    assert beacon(f"a={article.pk}", user_agent=GOOGLEBOT) == 204
    assert beacon(f"a={article.pk}", user_agent="") == 204
    assert total_views(article) == 0
    assert not ViewBuffer.objects.exists()


def test_one_reader_twice_in_a_day_counts_once():
    """The same reader (address and browser) reading twice on one day is one view; another reader is another."""
    article = f.make_article()
    for _ in range(3):
        assert beacon(f"a={article.pk}") == 204
    assert beacon(f"a={article.pk}", client="198.51.100.9") == 204
    assert total_views(article) == 2


def test_the_same_reader_counts_again_the_next_day():
    """De-duplication is per day: tomorrow's visit is a new view."""
    article = f.make_article()
    now = timezone.now()
    for at in (now, now + datetime.timedelta(days=1)):
        services.article_view_record(article_id=article.pk, client="203.0.113.7", user_agent=BROWSER, at=at)
    assert total_views(article) == 2


def test_no_personal_data_is_kept():
    """Only a salted hash of the reader is stored, and the salt is not in the database."""
    article = f.make_article()
    beacon(f"a={article.pk}")
    row = ViewBuffer.objects.get()
    assert "203.0.113.7" not in row.visitor and len(row.visitor) == 32
    from django.db import connection

    tables = connection.introspection.table_names()
    salt = services.visitor_salt(timezone.localdate())
    with connection.cursor() as cursor:
        for table in (t for t in tables if t.startswith("analytics_")):
            cursor.execute(f'SELECT * FROM "{table}"')
            assert not any(salt in str(value) for r in cursor.fetchall() for value in r)


@pytest.mark.parametrize(
    ("body", "method", "length", "expected"),
    [
        ("a=abc", "POST", None, 400),
        ("", "POST", None, 400),
        ("a=" + "9" * 2000, "POST", None, 400),
        (b"\xff\xfe", "POST", None, 400),
        ("a=1", "GET", None, 405),
        ("a=1", "POST", "nope", 400),
        ("a=-5", "POST", None, 400),
        ("a=999999", "POST", None, 404),
    ],
)
def test_bad_beacons_are_refused_without_errors(body, method, length, expected):
    """Malformed, oversized, wrong-method and unknown-article beacons get a 4xx and count nothing."""
    assert beacon(body, method=method, length=length) == expected
    assert not ViewBuffer.objects.exists()


def test_unpublished_and_embargoed_articles_are_not_counted():
    """Views of drafts, unpublished and embargoed articles are refused."""
    draft = f.make_article(publish=False)
    embargoed = f.make_article(embargo_until=timezone.now() + datetime.timedelta(hours=3))
    gone = f.make_article()
    gone.unpublish()
    services.visible_articles.forget()
    for article in (draft, embargoed, gone):
        assert beacon(f"a={article.pk}") == 404
    assert not ViewBuffer.objects.exists()


def test_floods_from_one_client_are_rate_limited(settings):
    """Past the per-minute limit, one client's beacons get 429 and are not counted."""
    settings.DATELINE_VIEWS_RATE_LIMIT = 3
    articles = [f.make_article() for _ in range(5)]
    statuses = [beacon(f"a={a.pk}") for a in articles]
    assert statuses == [204, 204, 204, 429, 429]
    assert ViewBuffer.objects.count() == 3


def test_buffer_survives_a_restart_and_flushes_once():
    """Accepted views wait in the database: a restart loses none, and flushing twice counts them once."""
    article = f.make_article()
    for i in range(4):
        services.article_view_record(article_id=article.pk, client=f"198.51.100.{i}", user_agent=BROWSER)
    # A "restart": the process-level memos are gone; the buffer is still in the database.
    services.visible_articles.forget()
    services.crawlers.__init__()
    assert ViewBuffer.objects.filter(flushed=False).count() == 4
    assert services.views_flush() == 4
    assert services.views_flush() == 0
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 4


def test_pruning_keeps_history_in_daily_buckets(settings):
    """Old hourly buckets are dropped; daily buckets keep the views."""
    settings.DATELINE_VIEWS_HOURLY_DAYS = 90
    article = f.make_article()
    long_ago = timezone.now() - datetime.timedelta(days=120)
    services.article_view_record(article_id=article.pk, client="x", user_agent=BROWSER, at=long_ago)
    services.views_flush()
    assert services.views_prune()["hourly"] == 1
    assert ArticleViewsDaily.objects.get(article_id=article.pk).views == 1
    assert not ViewBuffer.objects.exists()


def test_seeded_history_adds_to_counted_views():
    """History seeded by an import joins the all-time total; seeding again replaces only the seeded part."""
    article = f.make_article()
    services.article_view_record(article_id=article.pk, client="x", user_agent=BROWSER)
    services.views_flush()
    services.article_views_seed_total(article_id=article.pk, views=500)
    services.article_views_seed_total(article_id=article.pk, views=700)
    total = ArticleViewsTotal.objects.get(article_id=article.pk)
    assert (total.views, total.seeded_views) == (701, 700)


def test_beacon_body_parser():
    """The body is a=<id>&r=<referrer>; anything else is malformed."""
    assert parse_body(b"a=12&r=example.org") == (12, "example.org")
    assert parse_body(b"a=12") == (12, "")
    assert parse_body(b"b=12") is None
    assert parse_body(b"a=1&a=2&a=3&a=4&a=5") is None


@pytest.mark.parametrize(
    ("raw", "domain"),
    [("https://www.Example.org/a?b=c", "example.org"), ("news.example.com", "news.example.com"), ("", ""), ("javascript:alert(1)", ""), ("https://ex ample.org", "")],
)
def test_referrers_keep_only_the_domain(raw, domain):
    """Referrers are reduced to a domain: no paths, queries or junk."""
    assert services.referrer_domain(raw) == domain


def test_beacon_through_djangos_urlconf(client):
    """Servers without dateline's WSGI wrapper (Django's own) answer the beacon the same way."""
    article = f.make_article()
    post = lambda body, **extra: client.post("/v/", data=body, content_type="application/x-www-form-urlencoded", **extra)  # noqa: E731
    assert post(f"a={article.pk}", HTTP_USER_AGENT=BROWSER).status_code == 204
    assert post(f"a={article.pk}", HTTP_USER_AGENT=GOOGLEBOT).status_code == 204
    assert post("a=junk", HTTP_USER_AGENT=BROWSER).status_code == 400
    assert client.get("/v/").status_code == 405
    assert total_views(article) == 1
