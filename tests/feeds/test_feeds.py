"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, sections, authors and tags."""

import datetime
import json

import feedparser
import pytest
from django.utils import timezone

from dateline.articles.models import ArticlePage
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"
FORMATS = ["rss.xml", "atom.xml", "feed.json"]


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.DATELINE_BASE_URL = BASE


def _scoped_paths(article):
    section = article.section.slug
    author = article.bylines.first().author.slug
    return {
        "site": "/feeds/{}",
        "section": f"/feeds/section/{section}/{{}}",
        "author": f"/feeds/author/{author}/{{}}",
        "tag": "/feeds/tag/harbour/{}",
    }


def _parse(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if path.endswith(".json"):
        return response, json.loads(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize("scope", ["site", "section", "author", "tag"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_feed_parses_and_lists_the_article(client, scope, fmt):
    """Each feed parses without errors and carries title, link, dates, authors, categories, summary and a stable id."""
    article = f.make_article(
        "Harbour bridge reopens",
        tags=["Harbour"],
        authors=[f.make_author("Ana Ruiz"), f.make_author("Bo Chen")],
        dek="Two years later, traffic returns.",
    )
    path = _scoped_paths(article)[scope].format(fmt)
    response, parsed = _parse(client, path)
    link = BASE + article.article_path()
    stable_id = f"urn:uuid:{article.translation_key}"
    if fmt == "feed.json":
        assert response["Content-Type"].startswith("application/feed+json")
        assert parsed["version"] == "https://jsonfeed.org/version/1.1"
        assert parsed["title"] and parsed["feed_url"] == BASE + path and parsed["home_page_url"].startswith(BASE)
        (item,) = parsed["items"]
        assert item["id"] == stable_id and item["url"] == link
        assert item["title"] == "Harbour bridge reopens"
        assert item["content_text"] == "Two years later, traffic returns." == item["summary"]
        assert item["date_published"].startswith(str(timezone.localtime(article.published_at).year))
        assert [a["name"] for a in item["authors"]] == ["Ana Ruiz", "Bo Chen"]
        assert item["authors"][0]["url"] == f"{BASE}/authors/ana-ruiz/"
        assert "Harbour" in item["tags"] and article.section.title in item["tags"]
        return
    (entry,) = parsed.entries
    assert entry.title == "Harbour bridge reopens"
    assert entry.link == link
    assert entry.id == stable_id
    assert entry.summary == "Two years later, traffic returns."
    assert entry.published_parsed is not None
    assert {t.term for t in entry.tags} >= {"Harbour", article.section.title}
    assert [a.get("name") for a in entry.authors] == ["Ana Ruiz", "Bo Chen"]
    assert parsed.feed.link.startswith(BASE)


def test_embargoed_unpublished_and_future_articles_never_appear(client):
    """Only what readers may see is syndicated, on every feed of every scope."""
    visible = f.make_article("Visible story", tags=["Harbour"])
    f.make_article("Embargoed story", tags=["Harbour"], embargo_until=timezone.now() + datetime.timedelta(hours=3))
    f.make_article("Draft story", tags=["Harbour"], publish=False)
    unpublished = f.make_article("Withdrawn story", tags=["Harbour"])
    unpublished.unpublish()
    for template in _scoped_paths(visible).values():
        for fmt in FORMATS:
            body = client.get(template.format(fmt)).content.decode()
            assert "Visible story" in body
            for hidden in ("Embargoed story", "Draft story", "Withdrawn story"):
                assert hidden not in body, (template, fmt, hidden)


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/section/no-such-section/rss.xml",
        "/feeds/author/nobody/atom.xml",
        "/feeds/tag/no-such-tag/feed.json",
        "/feeds/planet/earth/rss.xml",
    ],
)
def test_unknown_scopes_are_404(client, path):
    f.make_article()
    assert client.get(path).status_code == 404


def test_full_content_setting_puts_the_body_in_every_format(client, settings):
    """With DATELINE_FEED_FULL_CONTENT the article body travels, with absolute links."""
    settings.DATELINE_FEED_FULL_CONTENT = True
    f.make_article(body=[("paragraph", '<p>The whole story, <a href="/world/">more</a>.</p>')])
    rss = feedparser.parse(client.get("/feeds/rss.xml").content)
    assert "The whole story" in rss.entries[0].content[0].value
    assert f'href="{BASE}/world/"' in rss.entries[0].content[0].value
    atom = feedparser.parse(client.get("/feeds/atom.xml").content)
    assert "The whole story" in atom.entries[0].content[0].value
    item = json.loads(client.get("/feeds/feed.json").content)["items"][0]
    assert "The whole story" in item["content_html"] and "content_text" not in item


def test_summary_only_by_default(client):
    f.make_article(body=[("paragraph", "<p>Secret body text.</p>")])
    for fmt in FORMATS:
        assert "Secret body text" not in client.get(f"/feeds/{fmt}").content.decode()


def test_lead_image_is_an_enclosure_and_image(client):
    """The lead image goes out as the RSS enclosure, the Atom enclosure link and JSON Feed's image."""
    f.make_article(lead_image=f.make_image())
    rss = feedparser.parse(client.get("/feeds/rss.xml").content)
    (enclosure,) = rss.entries[0].enclosures
    assert enclosure.href.startswith(f"{BASE}/") and enclosure.type == "image/jpeg"
    atom = feedparser.parse(client.get("/feeds/atom.xml").content)
    assert atom.entries[0].enclosures[0].href == enclosure.href
    item = json.loads(client.get("/feeds/feed.json").content)["items"][0]
    assert item["image"] == enclosure.href and item["attachments"][0]["url"] == enclosure.href


def test_newest_first_and_limited(client, settings):
    settings.DATELINE_FEED_ITEMS = 3
    now = timezone.now()
    for i in range(5):
        f.make_article(f"Story {i}", published_at=now - datetime.timedelta(hours=5 - i))
    titles = [e.title for e in feedparser.parse(client.get("/feeds/rss.xml").content).entries]
    assert titles == ["Story 4", "Story 3", "Story 2"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_conditional_get_answers_304(client, fmt):
    """A reader polling with the ETag or Last-Modified it has gets an empty 304."""
    f.make_article()
    first = client.get(f"/feeds/{fmt}")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"/feeds/{fmt}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(f"/feeds/{fmt}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_publishing_refreshes_the_cached_feed(client):
    """Feeds are cached, and publishing an article clears them."""
    f.make_article("First story")
    etag = client.get("/feeds/rss.xml")["ETag"]
    f.make_article("Second story")
    response = client.get("/feeds/rss.xml", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "Second story" in response.content.decode()


def test_links_follow_the_request_host_without_a_base_url(client, settings):
    """`dateline serve --port 8123` gives feeds that link to port 8123."""
    settings.DATELINE_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    article = f.make_article()
    parsed = feedparser.parse(client.get("/feeds/rss.xml", HTTP_HOST="127.0.0.1:8123").content)
    assert parsed.entries[0].link == "http://127.0.0.1:8123" + article.article_path()


@pytest.mark.parametrize("count", [1, 10])
def test_feed_queries(client, django_assert_num_queries, count):
    """Building a feed costs the same queries for 1 or 10 articles; a cached feed costs one lookup of its scope."""
    section = f.make_section("World")
    image = f.make_image()
    for _ in range(count):
        f.make_article(section=section, lead_image=image, tags=["Harbour"], authors=[f.make_author("Ana Ruiz"), f.make_author("Bo Chen")])
    client.get("/feeds/section/world/rss.xml")  # make the renditions once
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(5):
        assert client.get("/feeds/section/world/rss.xml").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/feeds/section/world/rss.xml").status_code == 200
    assert ArticlePage.objects.count() == count


def test_every_page_advertises_its_feeds(client):
    """Each page's head names the site's RSS, Atom and JSON feeds, and its own section, author or tag feeds."""
    article = f.make_article(tags=["Harbour"])
    types = ('type="application/rss+xml"', 'type="application/atom+xml"', 'type="application/feed+json"')
    pages = {
        "/": "/feeds/rss.xml",
        article.article_path(): "/feeds/atom.xml",
        f"/{article.section.slug}/": f"/feeds/section/{article.section.slug}/rss.xml",
        "/authors/ana-ruiz/": "/feeds/author/ana-ruiz/feed.json",
        "/tags/harbour/": "/feeds/tag/harbour/atom.xml",
    }
    for path, feed in pages.items():
        html = client.get(path).content.decode()
        head = html.split("</head>")[0]
        assert all(t in head for t in types), path
        assert f'href="{feed}"' in head, (path, feed)
        assert client.get(feed).status_code == 200


@pytest.fixture
def purged():
    """Every path sent to the page caches (front-end and embedded) through reader_pages_changed."""
    from dateline.core.purge import reader_pages_changed

    heard: list[str] = []

    def receiver(sender, paths, reason, **kwargs):
        heard.extend(paths)

    reader_pages_changed.connect(receiver, dispatch_uid="test-feeds-purged")
    yield heard
    reader_pages_changed.disconnect(dispatch_uid="test-feeds-purged")


def test_publishing_unpublishing_and_correcting_purge_the_feeds_that_show_the_article(purged, django_capture_on_commit_callbacks):
    """The front-end cache's copies of the site's, the section's, the authors' and the tags' feeds are
    purged through the same signal as the article's page, on publish, on a correction and on unpublish."""
    from dateline.articles.models import ArticleCorrection

    with django_capture_on_commit_callbacks(execute=True):
        article = f.make_article("Harbour bridge reopens", tags=["Harbour"])
    author = article.bylines.first().author
    expected = {
        f"/feeds/{scope}{name}"
        for scope in ("", f"section/{article.section.slug}/", f"author/{author.slug}/", "tag/harbour/")
        for name in ("rss.xml", "atom.xml", "feed.json")
    }
    assert expected <= set(purged)
    assert article.article_path() in purged  # the same path as the page cache's own purge

    purged.clear()
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections.add(ArticleCorrection(kind="correction", text="It reopened on Tuesday.", published_at=timezone.now()))
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert expected <= set(purged)

    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert expected <= set(purged)
