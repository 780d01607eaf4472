"""The view beacon as a reader's browser sends it: Debian's Chromium, headless, against the live server.

Opening an article makes the page's beacon script POST ``a=<id>&r=<referrer>``
to DATELINE_BEACON_PATH; the view lands in the buffer. The same page opened
by a crawler's user agent sends the same beacon, which is answered but not
counted.

Headless Chromium says "HeadlessChrome" in its user agent, which crawler
detection rightly takes for a bot, so the reader's context sends the user
agent the same Chromium sends with a window: "Chrome/<version>".

The live server is Django's own, without the WSGI wrapper that answers
beacons in front of Django under `dateline serve`, so these tests need the
beacon path routed through Django's URLconf as well.
"""

from __future__ import annotations

import time

import pytest

from dateline import conf
from dateline.analytics import services
from dateline.analytics.models import ViewBuffer
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
WAIT_SECONDS = 5.0


@pytest.fixture(autouse=True)
def fresh_process_state():
    """The live server runs in this process: start each test with no memoised articles or rate counts."""
    services.visible_articles.forget()
    services.rate_limiter.__init__()
    yield
    services.visible_articles.forget()
    services.rate_limiter.__init__()


def reader_user_agent(browser) -> str:
    return f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{browser.version} Safari/537.36"


@pytest.fixture
def reader_page(browser):
    """A page in a context whose user agent is a reader's Chromium, not a headless one."""
    context = browser.new_context(user_agent=reader_user_agent(browser), viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _rows(article) -> int:
    return ViewBuffer.objects.filter(article_id=article.pk).count()


def _open_and_catch_beacon(page, url: str):
    """Open ``url`` and return the response to the beacon its script sends."""
    beacon_path = conf.get("BEACON_PATH")
    with page.expect_response(lambda r: r.url.split("?")[0].endswith(beacon_path), timeout=WAIT_SECONDS * 1000) as caught:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    return caught.value


def _wait_for_rows(article, *, at_least: int) -> int:
    deadline = time.monotonic() + WAIT_SECONDS
    while (n := _rows(article)) < at_least and time.monotonic() < deadline:
        time.sleep(0.1)
    return n


def test_opening_an_article_counts_one_view(reader_page, live_server):
    """A reader's Chromium opens an article; one view of that article arrives in the buffer."""
    article = f.make_article("A story readers open")
    assert _rows(article) == 0

    beacon = _open_and_catch_beacon(reader_page, live_server.url + article.article_path())

    assert beacon.request.method == "POST"
    assert beacon.status == 204, f"the beacon was answered {beacon.status}, not 204"
    assert _wait_for_rows(article, at_least=1) == 1
    row = ViewBuffer.objects.get(article_id=article.pk)
    assert row.flushed is False


def test_a_crawler_opening_the_same_article_is_not_counted(browser, reader_page, live_server):
    """After a reader's view, a Googlebot user agent opening the same page adds no row."""
    article = f.make_article("A story crawlers fetch")
    url = live_server.url + article.article_path()
    _open_and_catch_beacon(reader_page, url)
    assert _wait_for_rows(article, at_least=1) == 1

    crawler = browser.new_context(user_agent=GOOGLEBOT, viewport={"width": 1280, "height": 900})
    crawler.set_default_timeout(15_000)
    try:
        crawler_page = crawler.new_page()
        assert crawler_page.evaluate("() => navigator.userAgent") == GOOGLEBOT
        beacon = _open_and_catch_beacon(crawler_page, url)
        assert beacon.request.headers.get("user-agent") == GOOGLEBOT
        # 204 is "recorded or deliberately not counted": the server has decided by now.
        assert beacon.status == 204, f"the crawler's beacon was answered {beacon.status}, not 204"
    finally:
        crawler.close()

    assert _rows(article) == 1
    assert ViewBuffer.objects.count() == 1


def test_headless_chromium_as_it_comes_is_not_counted(page, live_server):
    """Unchanged, headless Chromium announces itself as "HeadlessChrome": a bot, not a reader."""
    article = f.make_article("A story a script fetches")
    assert "HeadlessChrome" in page.evaluate("() => navigator.userAgent")

    beacon = _open_and_catch_beacon(page, live_server.url + article.article_path())

    assert beacon.status == 204, f"the beacon was answered {beacon.status}, not 204"
    assert ViewBuffer.objects.count() == 0
