"""Sitemaps and robots.txt: valid against the sitemaps.org and Google News schemas, paged, embargo-proof."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from dateline.articles.models import ArticlePage
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"
XSD = Path(__file__).resolve().parent / "xsd"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.DATELINE_BASE_URL = BASE


def _schema(name):
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def _body(response) -> bytes:
    """Child sitemaps are streamed; the index, the news sitemap and robots.txt are not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def _valid(client, path, schema):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    doc = etree.fromstring(_body(response))
    xsd = _schema(schema)
    assert xsd.validate(doc), (path, xsd.error_log)
    return doc


def _locs(doc):
    return [e.text for e in doc.iterfind(".//sm:loc", NS)]


def test_index_and_children_validate_and_list_every_kind_of_page(client):
    """The index names article, section, author and tag sitemaps; each validates and lists its pages."""
    article = f.make_article("Harbour bridge reopens", tags=["Harbour"])
    index = _valid(client, "/sitemap.xml", "siteindex.xsd")
    children = _locs(index)
    assert children == [f"{BASE}/sitemaps/{name}-1.xml" for name in ("articles", "sections", "authors", "tags")]
    assert all(e.text for e in index.iterfind(".//sm:lastmod", NS))
    urls = set()
    for child in children:
        urls |= set(_locs(_valid(client, child.removeprefix(BASE), "sitemap.xsd")))
    author = article.bylines.first().author
    assert {
        BASE + article.article_path(),
        f"{BASE}/{article.section.slug}/",
        f"{BASE}/authors/{author.slug}/",
        f"{BASE}/tags/harbour/",
    } <= urls


def test_lastmod_is_the_last_update(client):
    """An article's lastmod is its last update when there is one, else when it was published."""
    article = f.make_article()
    updated = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=5)
    ArticlePage.objects.filter(pk=article.pk).update(updated_at=updated)
    doc = _valid(client, "/sitemaps/articles-1.xml", "sitemap.xsd")
    lastmod = doc.find(".//sm:lastmod", NS).text
    assert datetime.datetime.fromisoformat(lastmod) == updated


def test_children_split_at_the_page_size(client, settings):
    """With a page size of 2, child n lists the articles with ids in [2(n-1), 2n): at most two each, none
    repeated, none left out; the index names only children with something in them, with their lastmod."""
    settings.DATELINE_SITEMAP_PAGE_SIZE = 2
    articles = [f.make_article() for _ in range(5)]
    f.make_article().unpublish()  # leaves a hole in the ids
    index = _valid(client, "/sitemap.xml", "siteindex.xsd")
    article_pages = [u for u in _locs(index) if "/sitemaps/articles-" in u]
    expected = sorted({a.pk // 2 + 1 for a in articles})
    assert article_pages == [f"{BASE}/sitemaps/articles-{n}.xml" for n in expected]
    listed = []
    for url in article_pages:
        locs = _locs(_valid(client, url.removeprefix(BASE), "sitemap.xsd"))
        assert 1 <= len(locs) <= 2
        listed += locs
    assert sorted(listed) == sorted(BASE + a.article_path() for a in articles)
    assert client.get(f"/sitemaps/articles-{expected[-1] + 1}.xml").status_code == 404
    assert client.get("/sitemaps/articles-0.xml").status_code == 404
    assert client.get("/sitemaps/nonsense-1.xml").status_code == 404


def test_embargoed_and_unpublished_never_listed(client):
    visible = f.make_article("Visible", tags=["Harbour"])
    embargoed = f.make_article("Embargoed", tags=["Secret"], embargo_until=timezone.now() + datetime.timedelta(hours=1))
    draft = f.make_article("Draft", publish=False)
    withdrawn = f.make_article("Withdrawn")
    withdrawn.unpublish()
    bodies = "".join(
        _body(client.get(p)).decode()
        for p in ("/sitemaps/articles-1.xml", "/sitemaps/tags-1.xml", "/sitemap-news.xml")
    )
    assert visible.slug in bodies
    for hidden in (embargoed, draft, withdrawn):
        assert hidden.slug not in bodies
    assert "/tags/secret/" not in bodies


def test_news_sitemap_lists_only_the_last_two_days(client, settings):
    """Google News: articles first published in the last two days, with publication, language, date and title."""
    settings.DATELINE_LANGUAGE_CODE = "en-us"
    now = timezone.now()
    fresh = f.make_article("Fresh & new <story>", published_at=now - datetime.timedelta(hours=20))
    old = f.make_article("Old story", published_at=now - datetime.timedelta(days=2, hours=1))
    doc = _valid(client, "/sitemap-news.xml", "sitemap-with-news.xsd")
    assert _locs(doc) == [BASE + fresh.article_path()]
    news = doc.find(".//news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Dateline Courier"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new <story>"
    published = datetime.datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert abs((published - fresh.published_at).total_seconds()) < 1
    assert old.slug not in _body(client.get("/sitemap-news.xml")).decode()


def test_a_site_without_articles_has_a_valid_index(client):
    """The index lists only sitemaps with something in them (a urlset must hold a URL); the front page is always there."""
    index = _valid(client, "/sitemap.xml", "siteindex.xsd")
    assert _locs(index) == [f"{BASE}/sitemaps/sections-1.xml"]
    assert _locs(_valid(client, "/sitemaps/sections-1.xml", "sitemap.xsd")) == [f"{BASE}/"]
    assert client.get("/sitemaps/articles-1.xml").status_code == 404
    news = etree.fromstring(client.get("/sitemap-news.xml").content)
    assert news.tag == "{{{}}}urlset".format(NS["sm"]) and len(news) == 0


def test_robots_names_both_sitemaps_and_keeps_crawlers_out(client, settings):
    settings.DATELINE_BEACON_PATH = "/v/"
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in body and f"Sitemap: {BASE}/sitemap-news.xml" in body
    for path in ("/admin/", "/v/", "/comments/"):
        assert f"Disallow: {path}\n" in body


@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemaps/articles-1.xml", "/sitemap-news.xml", "/robots.txt"])
def test_conditional_get_answers_304(client, path):
    f.make_article()
    etag = client.get(path)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publishing_clears_the_cached_sitemaps(client, settings):
    """The cached index lists a newly published article's child at once; a child's old ETag no longer matches."""
    settings.DATELINE_SITEMAP_PAGE_SIZE = 1  # one article per child, so the index must change
    first = f.make_article()
    client.get("/sitemap.xml")
    etag = client.get(f"/sitemaps/articles-{first.pk + 1}.xml")["ETag"]
    second = f.make_article()
    assert f"/sitemaps/articles-{second.pk + 1}.xml" in client.get("/sitemap.xml").content.decode()
    assert second.slug in _body(client.get(f"/sitemaps/articles-{second.pk + 1}.xml")).decode()
    assert client.get(f"/sitemaps/articles-{first.pk + 1}.xml", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_sitemap_queries(client, django_assert_num_queries, count):
    """The index and an article sitemap cost the same queries for 1 or 10 articles; the cached index
    none, a child's 304 one (its count and lastmod)."""
    for _ in range(count):
        f.make_article(tags=["Harbour"])
    with django_assert_num_queries(6):  # one per kind, one more for the sections' and authors' newest articles
        client.get("/sitemap.xml")
    with django_assert_num_queries(3):
        etag = client.get("/sitemaps/articles-1.xml")
        etag = _body(etag) and etag["ETag"]
    with django_assert_num_queries(0):
        client.get("/sitemap.xml")
    with django_assert_num_queries(1):
        assert client.get("/sitemaps/articles-1.xml", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publishing_and_unpublishing_purge_the_sitemaps_that_list_the_article(settings, django_capture_on_commit_callbacks):
    """The index, the news sitemap and the children listing the article, its section, the front page,
    its authors and its tags are purged through the same signal as the article's page."""
    from dateline.core.purge import reader_pages_changed

    settings.DATELINE_SITEMAP_PAGE_SIZE = 1  # a child per id, so each child named is exact
    heard: list[str] = []

    def receiver(sender, paths, reason, **kwargs):
        heard.extend(paths)

    reader_pages_changed.connect(receiver, dispatch_uid="test-sitemaps-purged")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article = f.make_article("Harbour bridge reopens", tags=["Harbour"])
        author = article.bylines.first().author
        tag = article.tags.get()
        from dateline.articles.models import HomePage

        home = HomePage.objects.get(depth=2)
        expected = {
            "/sitemap.xml",
            "/sitemap-news.xml",
            f"/sitemaps/articles-{article.pk + 1}.xml",
            f"/sitemaps/sections-{article.section_id + 1}.xml",
            f"/sitemaps/sections-{home.pk + 1}.xml",
            f"/sitemaps/authors-{author.pk + 1}.xml",
            f"/sitemaps/tags-{tag.pk + 1}.xml",
        }
        assert expected <= set(heard)
        heard.clear()
        with django_capture_on_commit_callbacks(execute=True):
            article.unpublish()
        assert expected <= set(heard)
    finally:
        reader_pages_changed.disconnect(dispatch_uid="test-sitemaps-purged")
