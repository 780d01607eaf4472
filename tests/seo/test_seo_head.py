"""Structured data and sharing tags: NewsArticle, BreadcrumbList, Organization, WebSite, ProfilePage, OpenGraph."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from dateline.seo.structured import json_ld
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.DATELINE_BASE_URL = BASE


def _documents(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {d["@type"]: d for d in (json.loads(x) for x in found)}


def _meta(html, key):
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def _canonical(html):
    (href,) = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    return href


def test_article_news_article_json_ld(client):
    """NewsArticle carries every field Google's news surfaces read."""
    long_title = "Harbour bridge reopens " + "after a very long repair " * 8
    image = f.make_image()
    reporter = f.make_author("Ana Ruiz")
    article = f.make_article(
        long_title,
        dek="Two years later, traffic returns.",
        authors=[reporter, f.make_author("Bo Chen")],
        contributors=[("Lena Park", "Busan, South Korea")],
        corrections=[("correction", "An earlier version misstated the cost."), ("update", "Traffic resumed at 6 a.m.")],
        tags=["Harbour", "Transport"],
        lead_image=image,
        dateline_place="PORT CALLOWAY",
    )
    html = client.get(article.article_path()).content.decode()
    canonical = BASE + article.article_path()
    assert _canonical(html) == canonical
    ld = _documents(html)["NewsArticle"]
    assert ld["@context"] == "https://schema.org"
    assert len(ld["headline"]) <= 110 and ld["headline"].startswith("Harbour bridge reopens")
    assert ld["description"] == "Two years later, traffic returns."
    assert ld["image"][0]["url"].startswith(BASE + "/") and ld["image"][0]["width"] == 1200
    assert datetime.datetime.fromisoformat(ld["datePublished"]) == article.published_at.replace(microsecond=0)
    assert datetime.datetime.fromisoformat(ld["dateModified"]) >= datetime.datetime.fromisoformat(ld["datePublished"])
    assert ld["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "url": f"{BASE}/authors/ana-ruiz/"},
        {"@type": "Person", "name": "Bo Chen", "url": f"{BASE}/authors/bo-chen/"},
    ]
    assert ld["contributor"] == [{"@type": "Person", "name": "Lena Park"}]
    assert ld["publisher"]["@type"] == "NewsMediaOrganization" and ld["publisher"]["name"] == "The Dateline Courier"
    assert ld["publisher"]["logo"]["url"].startswith(BASE + "/") and ld["publisher"]["logo"]["url"].endswith(".png")
    assert ld["dateline"].startswith("PORT CALLOWAY, ")
    assert ld["articleSection"] == article.section.title
    assert ld["keywords"] == ["Harbour", "Transport"]
    assert ld["mainEntityOfPage"] == canonical
    assert ld["correction"] == [
        {"@type": "CorrectionComment", "text": "An earlier version misstated the cost.", "datePublished": ld["correction"][0]["datePublished"]}
    ]


def test_article_breadcrumbs_and_sharing_tags(client):
    article = f.make_article("Harbour bridge reopens", tags=["Harbour"], lead_image=f.make_image())
    html = client.get(article.article_path()).content.decode()
    crumbs = _documents(html)["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", article.section.title, "Harbour bridge reopens"]
    assert [c["item"] for c in crumbs] == [f"{BASE}/", f"{BASE}/{article.section.slug}/", BASE + article.article_path()]
    assert _meta(html, "og:type") == ["article"]
    assert _meta(html, "og:title") == ["Harbour bridge reopens"]
    assert _meta(html, "og:url") == [BASE + article.article_path()]
    assert _meta(html, "og:image")[0].startswith(BASE + "/")
    assert _meta(html, "article:published_time") and _meta(html, "article:section") == [article.section.title]
    assert _meta(html, "twitter:card") == ["summary_large_image"]


def test_home_has_organization_and_website_with_search_action(client):
    f.make_article()
    html = client.get("/").content.decode()
    docs = _documents(html)
    assert docs["NewsMediaOrganization"]["logo"]["url"].startswith(BASE)
    action = docs["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{BASE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert _canonical(html) == f"{BASE}/"


def test_author_page_is_a_profile_page(client):
    author = f.make_author("Ana Ruiz", job_title="Harbour reporter", bio="Covers the port.\n\nSecond paragraph.")
    f.make_article(authors=[author])
    html = client.get("/authors/ana-ruiz/").content.decode()
    profile = _documents(html)["ProfilePage"]
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == "Ana Ruiz" and profile["mainEntity"]["jobTitle"] == "Harbour reporter"
    assert profile["mainEntity"]["url"] == f"{BASE}/authors/ana-ruiz/" == _canonical(html)


def test_every_reader_page_has_an_absolute_canonical(client):
    """Home, section (and its second page), article, author index, author and tag pages."""
    article = f.make_article(tags=["Harbour"])
    section = article.section.slug
    expected = {
        "/": "/",
        f"/{section}/": f"/{section}/",
        article.article_path(): article.article_path(),
        "/authors/": "/authors/",
        "/authors/ana-ruiz/": "/authors/ana-ruiz/",
        "/tags/harbour/": "/tags/harbour/",
        "/tags/harbour/?utm_source=x": "/tags/harbour/",
    }
    for path, canonical in expected.items():
        assert _canonical(client.get(path).content.decode()) == BASE + canonical, path


def test_second_page_canonical_keeps_the_page_number(client, settings):
    settings.DATELINE_ARTICLES_PER_PAGE = 1
    article = f.make_article()
    f.make_article(section=article.section)
    html = client.get(f"/{article.section.slug}/?page=2").content.decode()
    assert _canonical(html) == f"{BASE}/{article.section.slug}/?page=2"


def test_script_closing_tags_inside_json_ld_are_escaped(client):
    """A headline with </script> cannot end the JSON-LD block early."""
    article = f.make_article("Odd </script><script>alert(1)</script> headline", dek="A & B <b>")
    html = client.get(article.article_path()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert all("<" not in b for b in blocks)
    assert _documents(html)["NewsArticle"]["headline"].startswith("Odd </script>")
    assert json.loads(json_ld({"x": "</script>"})) == {"x": "</script>"}


def test_no_inline_executable_script(client):
    """Every <script> on a reader page is either external or JSON-LD data."""
    article = f.make_article(lead_image=f.make_image())
    for path in ("/", article.article_path(), "/authors/ana-ruiz/"):
        html = client.get(path).content.decode()
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert 'type="application/ld+json"' in attrs or ("src=" in attrs and not body.strip()), (path, attrs)


def test_embargoed_article_page_is_not_served(client):
    article = f.make_article(embargo_until=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(article.article_path()).status_code == 404
