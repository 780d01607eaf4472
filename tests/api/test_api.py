"""The read API: lists, filters, errors, ETags, ninjs, embargo, rate limit and query counts."""

import datetime
import json

import pytest
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.DATELINE_BASE_URL = BASE


def _json(response, status=200):
    assert response.status_code == status, (response.status_code, response.content[:500])
    return json.loads(response.content)


def test_article_list_and_detail(client):
    image = f.make_image()
    article = f.make_article(
        "Harbour bridge reopens",
        tags=["Harbour"],
        lead_image=image,
        authors=[f.make_author("Ana Ruiz")],
        contributors=[("Lena Park", "Busan, South Korea")],
        corrections=[("correction", "An earlier version misstated the cost.")],
        body=[("paragraph", '<p>The bridge opened. <a href="/world/">More</a></p>')],
        dateline_place="PORT CALLOWAY",
    )
    data = _json(client.get("/api/articles"))
    (item,) = data["items"]
    assert item["id"] == article.pk and item["url"] == BASE + article.article_path()
    assert item["authors"] == [{"slug": "ana-ruiz", "name": "Ana Ruiz", "url": f"{BASE}/authors/ana-ruiz/", "role": "reporter"}]
    assert item["tags"] == ["Harbour"] and item["section"]["slug"] == article.section.slug
    assert item["image"]["url"].startswith(BASE) and item["image"]["width"] == 1200
    assert data["page"] == 1 and data["next"] is None and data["previous"] is None
    detail = _json(client.get(item["api_url"].removeprefix(BASE)))
    assert f'href="{BASE}/world/"' in detail["body_html"]
    assert detail["contributors"] == [{"name": "Lena Park", "place": "Busan, South Korea", "role": "reporting"}]
    assert detail["corrections"][0]["text"] == "An earlier version misstated the cost."
    assert detail["dateline"].startswith("PORT CALLOWAY, ")


def test_filters_and_pagination(client):
    now = timezone.now()
    world, sport = f.make_section("World"), f.make_section("Sport")
    ana, bo = f.make_author("Ana Ruiz"), f.make_author("Bo Chen")
    a = f.make_article("A", section=world, authors=[ana], tags=["Harbour"], published_at=now - datetime.timedelta(days=3))
    b = f.make_article("B", section=sport, authors=[bo], tags=["Harbour"], published_at=now - datetime.timedelta(days=2))
    c = f.make_article("C", section=sport, authors=[ana], published_at=now - datetime.timedelta(days=1))

    def ids(query):
        return [i["id"] for i in _json(client.get("/api/articles", query))["items"]]

    assert ids({}) == [c.pk, b.pk, a.pk]
    assert ids({"section": "sport"}) == [c.pk, b.pk]
    assert ids({"tag": "harbour"}) == [b.pk, a.pk]
    assert ids({"author": "ana-ruiz"}) == [c.pk, a.pk]
    assert ids({"since": (now - datetime.timedelta(days=2, hours=1)).isoformat()}) == [c.pk, b.pk]
    first = _json(client.get("/api/articles", {"page_size": 2}))
    assert [i["id"] for i in first["items"]] == [c.pk, b.pk]
    assert first["next"] == f"{BASE}/api/articles?page_size=2&page=2"
    second = _json(client.get(first["next"].removeprefix(BASE)))
    assert [i["id"] for i in second["items"]] == [a.pk] and second["previous"] and second["next"] is None


@pytest.mark.parametrize(
    "query,message",
    [
        ({"since": "yesterday"}, "since"),
        ({"since": "2026-11-25T08:00:00"}, "time zone"),
        ({"since": "0.5"}, "RFC 3339"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"section": "bad slug!"}, "section"),
        ({"tag": "a\x00b"}, "tag"),
    ],
)
def test_bad_filter_values_are_400_with_a_message(client, query, message):
    f.make_article()
    data = _json(client.get("/api/articles", query), 400)
    assert message in data["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles?section=no-such-section",
        "/api/articles?tag=no-such-tag",
        "/api/articles?author=nobody",
        "/api/articles/999999",
        "/api/articles/999999/ninjs",
        "/api/sections/nowhere",
        "/api/authors/nobody",
    ],
)
def test_unknown_things_are_404(client, path):
    f.make_article()
    assert "detail" in _json(client.get(path), 404)


def test_embargoed_and_unpublished_are_absent(client):
    visible = f.make_article("Visible")
    embargoed = f.make_article("Embargoed", embargo_until=timezone.now() + datetime.timedelta(hours=2))
    draft = f.make_article("Draft", publish=False)
    assert [i["id"] for i in _json(client.get("/api/articles"))["items"]] == [visible.pk]
    for hidden in (embargoed, draft):
        for suffix in ("", "/ninjs", "/related"):
            assert client.get(f"/api/articles/{hidden.pk}{suffix}").status_code == 404


def test_etag_and_304(client):
    f.make_article()
    for path in ("/api/articles", "/api/sections", "/api/authors"):
        first = client.get(path)
        assert first["ETag"]
        assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    article_path = f"/api/articles/{_json(client.get('/api/articles'))['items'][0]['id']}"
    etag = client.get(article_path)["ETag"]
    assert client.get(article_path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    f.make_article("Another")
    assert client.get("/api/articles", HTTP_IF_NONE_MATCH=client.get("/api/sections")["ETag"]).status_code == 200


def test_ninjs_2(client):
    """The ninjs document carries the required uri and the fields a news partner reads, with ninjs 2.0 names."""
    article = f.make_article("Harbour bridge reopens", kicker="Transport", dek="Traffic returns.", tags=["Harbour"], lead_image=f.make_image(), dateline_place="PORT CALLOWAY")
    item = _json(client.get(f"/api/articles/{article.pk}/ninjs"))
    assert item["uri"] == BASE + article.article_path()
    assert item["standard"] == {"name": "ninjs", "version": "2.0", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}
    assert item["type"] == "text" and item["representationtype"] == "full" and item["pubstatus"] == "usable"
    assert {"role": "main", "value": "Harbour bridge reopens"} in item["headlines"]
    assert item["descriptions"] == [{"role": "summary", "contenttype": "text/plain", "value": "Traffic returns."}]
    assert item["bodies"][0]["contenttype"] == "text/html" and item["bodies"][0]["wordcount"] > 0
    assert item["by"] == "Ana Ruiz" and item["located"] == "PORT CALLOWAY"
    assert {"name": "Harbour", "rel": "tag", "uri": f"{BASE}/tags/harbour/"} in item["subjects"]
    assert item["renditions"][0]["href"].startswith(BASE)
    assert datetime.datetime.fromisoformat(item["firstcreated"]) <= datetime.datetime.fromisoformat(item["versioncreated"])
    allowed = {
        "uri", "type", "representationtype", "profile", "version", "firstcreated", "versioncreated", "contentcreated",
        "embargoed", "pubstatus", "urgency", "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
        "descriptions", "bodies", "headlines", "people", "organisations", "places", "subjects", "events", "objects",
        "infosources", "title", "by", "slugline", "located", "renditions", "associations", "altids", "trustindicators",
        "standard", "genres", "rightsinfo",
    }  # fmt: skip
    assert set(item) <= allowed, set(item) - allowed


def test_sections_and_authors(client):
    article = f.make_article(authors=[f.make_author("Ana Ruiz", job_title="Reporter")])
    sections = _json(client.get("/api/sections"))
    assert [s["slug"] for s in sections] == [article.section.slug]
    assert sections[0]["feeds"]["rss"] == f"{BASE}/feeds/section/{article.section.slug}/rss.xml"
    assert _json(client.get(f"/api/sections/{article.section.slug}"))["title"] == article.section.title
    authors = _json(client.get("/api/authors"))
    assert [a["slug"] for a in authors["items"]] == ["ana-ruiz"]
    assert _json(client.get("/api/authors/ana-ruiz"))["articles_url"] == f"{BASE}/api/articles?author=ana-ruiz"


def test_most_read_and_related(client):
    """Most-read comes from the readership counts (embargoed left out); related falls back to the section's latest."""
    from dateline.analytics import services

    hour = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=2)
    a = f.make_article("Most read")
    b = f.make_article("Also read", section=a.section)
    hidden = f.make_article("Embargoed", section=a.section, embargo_until=timezone.now() + datetime.timedelta(hours=2))
    for article, count in ((a, 50), (b, 20), (hidden, 90)):
        services.article_views_history_add(article_id=article.pk, hourly={hour: count})
    data = _json(client.get("/api/articles/most-read", {"days": 7, "limit": 5}))
    assert [i["id"] for i in data["items"]] == [a.pk, b.pk]
    related = _json(client.get(f"/api/articles/{a.pk}/related"))
    assert [i["id"] for i in related["items"]] == [b.pk]


def test_page_size_is_capped(client, settings):
    settings.DATELINE_API_MAX_PAGE_SIZE = 2
    for _ in range(3):
        f.make_article()
    data = _json(client.get("/api/articles", {"page_size": 500}))
    assert data["page_size"] == 2 and len(data["items"]) == 2 and data["next"]


def test_rate_limit(client, settings):
    settings.DATELINE_API_RATE_LIMIT = 3
    codes = [client.get("/api/sections").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("count", [1, 10])
def test_article_list_queries(client, django_assert_num_queries, count):
    image = f.make_image()
    for _ in range(count):
        f.make_article(lead_image=image, tags=["Harbour"], authors=[f.make_author("Ana Ruiz"), f.make_author("Bo Chen")])
    client.get("/api/articles")
    with django_assert_num_queries(5):
        data = _json(client.get("/api/articles"))
    assert len(data["items"]) == count
