"""Site search: ranking with freshness, snippets, filters, pagination, no results, and bad input."""

import datetime
import re

import pytest
from django.utils import timezone

from dateline.search.backends import (
    SQLiteFTSSearchBackend,
    WagtailSearchBackend,
    query_terms,
    search_backend,
)
from dateline.search.selectors import highlight
from tests import factories as f

pytestmark = pytest.mark.django_db


def _titles(response):
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a></h3>', response.content.decode())


def test_finds_published_articles_with_highlighted_snippets(client):
    f.make_article("Harbour bridge reopens", dek="Traffic returns to the harbour crossing after two years.")
    f.make_article("Council budget passes", dek="A quiet vote on spending.")
    response = client.get("/search/", {"q": "harbour"})
    assert response.status_code == 200
    assert _titles(response) == ["Harbour bridge reopens"]
    html = response.content.decode()
    assert "Traffic returns to the <mark>harbour</mark> crossing" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_headline_matches_rank_above_body_matches_and_fresh_above_stale(client):
    """Relevance first (a headline match beats a passing mention); among equals, the newer story."""
    now = timezone.now()
    f.make_article("Budget news", dek="Something about a lighthouse, in passing.", published_at=now - datetime.timedelta(hours=1))
    f.make_article("Lighthouse restored", dek="The lighthouse keeper returns to the lighthouse.", published_at=now - datetime.timedelta(days=30))
    f.make_article("Lighthouse reopened", dek="The lighthouse keeper returns to the lighthouse.", published_at=now - datetime.timedelta(days=2))
    assert _titles(client.get("/search/", {"q": "lighthouse"})) == ["Lighthouse reopened", "Lighthouse restored", "Budget news"]


def test_embargoed_and_unpublished_are_never_found(client):
    f.make_article("Visible ferry story")
    f.make_article("Embargoed ferry story", embargo_until=timezone.now() + datetime.timedelta(hours=2))
    f.make_article("Draft ferry story", publish=False)
    withdrawn = f.make_article("Withdrawn ferry story")
    withdrawn.unpublish()
    assert _titles(client.get("/search/", {"q": "ferry"})) == ["Visible ferry story"]


def test_section_and_date_filters(client):
    now = timezone.now()
    world, sport = f.make_section("World"), f.make_section("Sport")
    f.make_article("Regatta in the bay", section=sport, published_at=now - datetime.timedelta(days=10))
    f.make_article("Regatta diplomacy", section=world, published_at=now - datetime.timedelta(days=1))
    assert _titles(client.get("/search/", {"q": "regatta", "section": "sport"})) == ["Regatta in the bay"]
    since = (now - datetime.timedelta(days=3)).date().isoformat()
    assert _titles(client.get("/search/", {"q": "regatta", "date_from": since})) == ["Regatta diplomacy"]
    until = (now - datetime.timedelta(days=5)).date().isoformat()
    assert _titles(client.get("/search/", {"q": "regatta", "date_to": until})) == ["Regatta in the bay"]


def test_pagination_keeps_the_query(client, settings):
    settings.DATELINE_SEARCH_PER_PAGE = 2
    for i in range(5):
        f.make_article(f"Tram line {i}")
    first = client.get("/search/", {"q": "tram"})
    assert len(_titles(first)) == 2
    assert 'href="/search/?q=tram&amp;page=2"' in first.content.decode()
    seen = _titles(first) + _titles(client.get("/search/", {"q": "tram", "page": 2})) + _titles(client.get("/search/", {"q": "tram", "page": 3}))
    assert sorted(seen) == [f"Tram line {i}" for i in range(5)]


def test_no_results_page_is_clear(client):
    f.make_article("Harbour bridge reopens")
    response = client.get("/search/", {"q": "zeppelin", "section": "world"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No stories match “zeppelin”" in html and "Search all sections and dates" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        '"',
        "harbour AND OR NOT",
        "NEAR(harbour bridge)",
        'title:harbour OR body:"x',
        "*",
        "a" * 10_000,
        "harbour\x00bridge",
        "'; DROP TABLE articles_articlepage; --",
        "(((((",
        "^harbour -bridge +x",
        "ハーバー 港",
        "💥🚢",
        "%_%",
    ],
)
def test_any_query_never_errors(client, query):
    """Whatever a reader types, the page answers 200."""
    f.make_article("Harbour bridge reopens")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("params", [{"date_from": "yesterday"}, {"date_to": "2026-13-45"}, {"section": "nope"}, {"page": "x"}, {"date_from": "2026-05-02", "date_to": "2026-05-01"}])
def test_bad_filters_are_explained_not_500(client, params):
    f.make_article("Harbour bridge reopens")
    response = client.get("/search/", {"q": "harbour", **params})
    assert response.status_code == 200
    assert _titles(response) == ["Harbour bridge reopens"]


def test_rate_limit_answers_429(client, settings):
    settings.DATELINE_SEARCH_RATE_LIMIT = 2
    f.make_article("Harbour bridge reopens")
    codes = [client.get("/search/", {"q": "harbour"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_query_terms_strip_search_syntax(settings):
    assert query_terms('Harbour AND "bridge"* NEAR(x)') == ["harbour", "and", "bridge", "near", "x"]
    settings.DATELINE_SEARCH_MAX_QUERY_LENGTH = 20
    assert query_terms("a" * 100) == ["a" * 20]


def test_highlight_escapes_html():
    snippet = str(highlight("<b>Harbour</b> & the bridge", ["harbour"]))
    assert snippet == "&lt;b&gt;<mark>Harbour</mark>&lt;/b&gt; &amp; the bridge"


def test_both_backends_agree(settings):
    """The fast path (SQLite FTS5 or PostgreSQL's index table) and Wagtail's own search find the same articles."""
    from django.db import connection

    from dateline.search.backends import SearchFilters

    for i in range(3):
        f.make_article(f"Orchard harvest {i}")
    f.make_article("Unrelated")
    fallback = WagtailSearchBackend().search(terms=["orchard"], filters=SearchFilters(), offset=0, limit=10)
    assert len(fallback) == 3
    if connection.vendor == "sqlite":
        assert isinstance(search_backend(), SQLiteFTSSearchBackend)
        fast = SQLiteFTSSearchBackend().search(terms=["orchard"], filters=SearchFilters(), offset=0, limit=10)
        assert sorted(fast) == sorted(fallback)
    if connection.vendor == "postgresql":
        assert search_backend().search(terms=["orchard"], filters=SearchFilters(), offset=0, limit=10) == fallback


@pytest.mark.parametrize("count", [1, 10])
def test_search_page_queries(client, django_assert_num_queries, count):
    """A results page costs the same queries for 1 or 10 hits."""
    image = f.make_image()
    for i in range(count):
        f.make_article(f"Harbour story {i}", lead_image=image)
    client.get("/search/", {"q": "harbour"})
    # The candidates (FTS5 bm25 on SQLite, ts_rank on PostgreSQL) and their join to the articles are two queries.
    with django_assert_num_queries(6):
        response = client.get("/search/", {"q": "harbour"})
    assert len(_titles(response)) == count


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_ranks_common_words_among_the_newest_entries_and_rare_ones_everywhere(client, monkeypatch, vendor):
    """A word filling the window of newest index entries is ranked there; one too rare to fill it is
    looked for in the whole index, so an old article with a rare word is still found (SQLite FTS5
    and PostgreSQL's index table alike)."""
    from django.db import connection

    from dateline.search.backends import PostgresIndexSearchBackend

    if connection.vendor != vendor:
        pytest.skip(f"the {vendor} backend's window")
    backend = {"sqlite": SQLiteFTSSearchBackend, "postgresql": PostgresIndexSearchBackend}[vendor]
    assert isinstance(search_backend(), backend)
    monkeypatch.setattr(backend, "WINDOW", 2)
    monkeypatch.setattr(backend, "WINDOW_MIN_MATCHES", 2)
    f.make_article("Lighthouse keeper retires", dek="Harbour news.")
    for i in range(3):
        f.make_article(f"Harbour story {i}")
    assert _titles(client.get("/search/", {"q": "lighthouse"})) == ["Lighthouse keeper retires"]
    assert sorted(_titles(client.get("/search/", {"q": "harbour"}))) == ["Harbour story 1", "Harbour story 2"]
