"""Reader pages: what they show, their headers, and how many queries they cost."""

import pytest
from django.utils import timezone

from dateline.articles.models import ArticlePage
from tests import factories as f

pytestmark = pytest.mark.django_db


def _get_warm(client, path):
    """Fetch once to fill the caches, as a page cache's first reader would."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


@pytest.mark.parametrize("count", [1, 20])
def test_home_page_queries(client, django_assert_num_queries, count):
    """The front page costs the same few queries whatever it shows."""
    for section_name in ("World", "Business", "Sport"):
        section = f.make_section(section_name)
        for _ in range(max(1, count // 3)):
            f.make_article(section=section, lead_image=f.make_image())
    _get_warm(client, "/")
    with django_assert_num_queries(1):
        response = client.get("/")
    assert response.status_code == 200


def test_home_page_lookup_starts_from_the_home_page_table(client):
    """The home page's one query must not walk every page: at a million articles that scan took 955 ms on SQLite.

    Checked on the plan, not on time: SQLite must start from ``articles_homepage``
    (its few rows) and reach ``wagtailcore_page`` by primary key.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the plan checked is SQLite's; PostgreSQL plans it from its statistics")
    f.make_article(section=f.make_section("World"))
    _get_warm(client, "/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries.captured_queries[0]["sql"])
        plan = [row[3] for row in cursor.fetchall()]
    assert not any(step.startswith("SCAN wagtailcore_page") for step in plan), plan


@pytest.mark.parametrize("count", [1, 20])
def test_section_page_queries(client, django_assert_num_queries, count):
    """A section front lists its newest stories in a fixed number of queries."""
    section = f.make_section("World")
    image = f.make_image()
    for _ in range(count):
        f.make_article(section=section, lead_image=image, authors=[f.make_author("Ana Ruiz"), f.make_author("Bo Chen")])
    _get_warm(client, "/world/")
    with django_assert_num_queries(4):
        response = client.get("/world/")
    assert response.content.decode().count('class="card card-wide"') == count


@pytest.mark.parametrize("count", [1, 5])
def test_article_page_queries(client, django_assert_num_queries, count):
    """An article page costs the same queries with one or many bylines, tags, credits and corrections."""
    image = f.make_image()
    article = f.make_article(
        "Harbour bridge reopens",
        authors=[f.make_author(f"Writer {i}") for i in range(count)],
        tags=[f"tag {i}" for i in range(count)],
        contributors=[(f"Person {i}", "Lisbon, Portugal") for i in range(count)],
        corrections=[("correction", f"Fix {i}") for i in range(count)],
        lead_image=image,
        body=[("paragraph", "<p>Text.</p>"), ("image", {"image": image, "caption": "", "credit": "", "alt": ""})] * count,
    )
    for _ in range(8):
        f.make_article(section=article.section, lead_image=image)
    _get_warm(client, article.article_path())
    # 1: the article. Its rendered part (body and images: "article-main"), its SEO head,
    # its comments and its related list all come from their caches.
    with django_assert_num_queries(1):
        response = client.get(article.article_path())
    assert response.status_code == 200
    from dateline.articles.services import article_fragment_clear

    article_fragment_clear()
    # The article's part and head rendered afresh: the article, its bylines, credits,
    # corrections and tags (4) and 1 for the body's images.
    with django_assert_num_queries(6):
        fresh = client.get(article.article_path())
    assert fresh.content == response.content


@pytest.mark.parametrize("count", [1, 20])
def test_author_page_queries(client, django_assert_num_queries, count):
    """An author page with their stories costs a fixed number of queries."""
    author = f.make_author("Ana Ruiz", photo=f.make_image())
    for _ in range(count):
        f.make_article(authors=[author], lead_image=f.make_image())
    _get_warm(client, "/authors/ana-ruiz/")
    with django_assert_num_queries(5):
        response = client.get("/authors/ana-ruiz/")
    assert response.content.decode().count('class="card card-wide"') == count


@pytest.mark.parametrize("count", [1, 20])
def test_tag_page_queries(client, django_assert_num_queries, count):
    """A tag page costs a fixed number of queries."""
    for _ in range(count):
        f.make_article(tags=["Harbour"])
    _get_warm(client, "/tags/harbour/")
    with django_assert_num_queries(3):
        client.get("/tags/harbour/")


def test_article_page_shows_the_model_page_in_order(client):
    """Header, article (kicker, headline, dek, byline, dateline, image, body, credit, corrections), slots, footer."""
    image = f.make_image("Cranes over the harbour", credit="Ana Ruiz")
    article = f.make_article(
        "Harbour bridge reopens after repairs",
        kicker="Transport",
        dek="Two years and 40 million later, traffic returns.",
        authors=[f.make_author("Ana Ruiz"), f.make_author("Bo Chen")],
        dateline_place="PORT CALLOWAY",
        lead_image=image,
        lead_image_caption="Cranes lift the last span into place.",
        contributors=[("Lena Park", "Busan, South Korea")],
        corrections=[("correction", "An earlier version misstated the cost.")],
        body=[("paragraph", "<p>The bridge opened at dawn.</p>"), ("pull_quote", {"quote": "We waited two years.", "attribution": "A commuter"})],
    )
    html = client.get(article.article_path()).content.decode()
    html = html[html.index("<body") :]  # the head's JSON-LD repeats some of the text
    order = [
        'class="site-header"',
        'class="kicker">Transport',
        "<h1 id=\"headline\" class=\"headline\">Harbour bridge reopens after repairs</h1>",
        'class="dek">Two years and 40 million later',
        'By <a href="/authors/ana-ruiz/" rel="author">Ana Ruiz</a> and <a href="/authors/bo-chen/" rel="author">Bo Chen</a>',
        "PORT CALLOWAY",
        "Cranes lift the last span into place.",
        "Ana Ruiz</span>",
        "The bridge opened at dawn.",
        "We waited two years.",
        "Lena Park contributed reporting from Busan, South Korea.",
        "An earlier version misstated the cost.",
        'class="slot slot-related"',
        'class="slot slot-comments"',
        'class="slot slot-sidebar"',
        'class="slot slot-footer"',
    ]
    positions = [html.find(marker) for marker in order]
    assert -1 not in positions, [m for m, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_comments_slot_shows_leave_a_reply_without_a_token(client):
    """The comments app fills the slot with "LEAVE A REPLY"; the cached HTML carries no form token."""
    article = f.make_article(section=f.make_section("World"))
    html = client.get(article.article_path()).content.decode()
    assert "LEAVE A REPLY" in html
    assert 'action="/comments/post/"' in html
    assert 'name="token" id="comment-token" value=""' in html


def test_reader_pages_carry_cache_headers(client):
    """Pages are cacheable by a shared cache and carry validators."""
    article = f.make_article()
    response = client.get(article.article_path())
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response.has_header("Last-Modified")
    assert response.has_header("ETag")
    again = client.get(article.article_path(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_logged_in_editor_pages_are_private(client, django_user_model):
    """A logged-in editor's page view is never stored by a shared cache."""
    article = f.make_article()
    client.force_login(django_user_model.objects.create_user("ed", password="x", is_staff=True))
    assert "private" in client.get(article.article_path())["Cache-Control"]


def test_slug_change_leaves_a_permanent_redirect(client, django_capture_on_commit_callbacks):
    """Changing a published article's slug keeps the old address working as a 301."""
    article = f.make_article("Council votes on budget", slug="council-votes")
    old = article.article_path()
    article.slug = "council-approves-budget"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    new = ArticlePage.objects.get(pk=article.pk).article_path()
    assert new != old
    response = client.get(old)
    assert response.status_code == 301 and response["Location"].endswith(new)
    assert client.get(new).status_code == 200


def test_wrong_date_or_moved_section_redirects_to_the_article(client):
    """A URL with the right slug but an old section or date sends readers to the one address."""
    article = f.make_article(slug="river-flood", section=f.make_section("World"))
    f.make_section("Local")
    for stale in ("/world/2001/01/01/river-flood/", "/local/2026/01/01/river-flood/"):
        response = client.get(stale)
        assert response.status_code == 301 and response["Location"] == article.article_path()


def test_tree_path_redirects_to_the_article_url(client):
    """Wagtail's own tree address for an article (/world/slug/) redirects to the dated URL."""
    article = f.make_article(slug="tree-path", section=f.make_section("World"))
    response = client.get("/world/tree-path/")
    assert response.status_code == 301 and response["Location"] == article.article_path()


@pytest.mark.parametrize(
    "path",
    ["/no-such-section/", "/world/2026/13/45/nothing/", "/tags/nothing/", "/authors/nobody/", "/world/?page=9999"],
)
def test_unknown_urls_get_the_designed_404(client, path):
    """Unknown addresses answer 404 with the site's own page."""
    f.make_section("World")
    response = client.get(path)
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "page=1e9", "page=%00", "page[]=1&page=2", "page=" + "9" * 50, "%ff=%fe"])
def test_malformed_query_strings_never_fail(client, query):
    """Odd query strings give a page (or a 404), never a server error."""
    f.make_article(section=f.make_section("World"))
    for path in ("/", "/world/", "/tags/x/", "/authors/"):
        assert client.get(f"{path}?{query}").status_code in (200, 404)


def test_pagination_links_older_and_newer(client, settings):
    """Section fronts page newest first with Older/Newer links and no total count."""
    settings.DATELINE_ARTICLES_PER_PAGE = 2
    section = f.make_section("World")
    now = timezone.now()
    titles = []
    for i in range(5):
        titles.append(f"Story {i}")
        f.make_article(f"Story {i}", section=section, published_at=now - timezone.timedelta(hours=i))
    first = client.get("/world/").content.decode().split("<footer")[0]
    assert "Story 0" in first and "Story 1" in first and "Story 2" not in first
    assert 'rel="next" href="/world/?page=2"' in first
    third = client.get("/world/?page=3").content.decode().split("<footer")[0]
    assert "Story 4" in third and 'rel="next"' not in third and 'rel="prev"' in third


def test_server_error_page_is_designed(client):
    """The 500 page is the site's own, not Django's default."""
    from django.test import RequestFactory

    from dateline.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_private_section_stays_private_on_lean_routes(client):
    """Wagtail's view restrictions still apply on dateline's lean reader routes."""
    from wagtail.models import PageViewRestriction

    section = f.make_section("Members")
    article = f.make_article(section=section)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="letmein")
    response = client.get(article.article_path())
    assert response.status_code == 200
    assert article.title not in response.content.decode()
    assert "password" in response.content.decode().lower()


@pytest.mark.parametrize("sharing", [3, 7])
def test_a_slug_shared_across_sections_serves_each_sections_article(client, sharing):
    """Articles sharing a slug: each section's URL serves its own, and a URL naming no such section redirects to the newest.

    Seven is past the five candidates the lookup reads unordered, so the ordered lookup is exercised too.
    """
    import datetime

    now = timezone.now()
    articles = [
        f.make_article(slug="same-slug", section=f.make_section(f"Desk {i}"), published_at=now - datetime.timedelta(days=i + 1))
        for i in range(sharing)
    ]
    for article in articles[:5]:  # the five newest
        response = client.get(article.article_path())
        assert response.status_code == 200 and response.context["page"].pk == article.pk
    response = client.get("/nowhere/2001/01/01/same-slug/")
    assert response.status_code == 301 and response["Location"] == articles[0].article_path()


def test_header_and_footer_are_cached_and_follow_the_sections(client, django_assert_num_queries):
    """The header and footer come from cached HTML, mark the current section, and change with the sections."""
    world = f.make_section("World")
    article = f.make_article("Ferries return to the strait", section=world)
    section_page = _get_warm(client, "/world/").content.decode()
    assert '<a href="/world/" aria-current="page">World</a>' in section_page
    page = _get_warm(client, article.article_path()).content.decode()
    assert 'aria-current="page"' not in page  # an article is none of the header's links
    assert page.count('<a href="/world/">World</a>') == 3  # header, the article's section, footer
    assert f"&copy; {timezone.localdate().year}" in page
    with django_assert_num_queries(1):  # the article only: the sections come from the cache
        client.get(article.article_path())

    f.make_section("Science")  # publishing a section clears the header's list
    page = client.get(article.article_path()).content.decode()
    assert page.count('<a href="/science/">Science</a>') == 2
