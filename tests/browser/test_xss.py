"""XSS: a corpus of script injections put into every editor text field that reaches a reader page.

Headline, kicker, dek, dateline place, body rich text (through the same
whitelisting the admin's editor applies), lead image caption and credit,
contributor names, corrections, author name, job title and bio, section name,
tag name: each gets every payload, and the article, section, tag, author and
home pages are opened in Debian's Chromium. Nothing may run: no dialog opens,
no payload sets its marker on ``window``, and the page reports no error (a
Content-Security-Policy violation would be one: escaping must hold without it).

Reader input: approved comments whose name, website and text are the corpus
(the comment form's fields), and every payload typed into the search box (the
query comes back in the box, the title, and the results or no-results page,
whose hits show the hostile headlines, kickers and snippets) or sent in the
search's filters. The SEO title and search description (the page's head), the
API's JSON, the feeds and the sitemap are opened in the browser too, and a
payload in a missing page's path.
"""

from __future__ import annotations

import pytest

from dateline.project.settings.base import TASK_QUEUES
from tests import factories as f
from tests.security.xss_corpus import CORPUS, PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each payload, if it ran, would open a dialog and set window.__xss (tests/security/xss_corpus.py).


def editor_rich_text(html: str) -> str:
    """The body as the admin's editor would store it: Wagtail's whitelist applied."""
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter().to_database_format(f"<p>{html}</p>")


@pytest.fixture
def hostile_newsroom():
    section = f.make_section("Harbour " + PAYLOADS[1][:20])
    author = f.make_author("Sam " + PAYLOADS[2][:30], job_title=PAYLOADS[0][:120], bio=CORPUS)
    image = f.make_image(title="Boats " + PAYLOADS[4][:40], credit=PAYLOADS[1][:100])
    article = f.make_article(
        "Storm " + PAYLOADS[0][:60],
        section=section,
        authors=[author],
        kicker=PAYLOADS[3][:60],
        dek=CORPUS,
        dateline_place=PAYLOADS[10][:40],
        body=[("paragraph", editor_rich_text(CORPUS)), ("paragraph", "<p>" + PAYLOADS[6] + "</p>")],
        lead_image=image,
        lead_image_caption=CORPUS[:400],
        lead_image_credit=PAYLOADS[9][:200],
        tags=["xss" + PAYLOADS[1][:40]],
        contributors=[(PAYLOADS[0][:60], PAYLOADS[2][:60])],
        corrections=[("correction", CORPUS)],
        seo_title=PAYLOADS[9][:70],
        search_description=CORPUS[:300],
    )
    from dateline.comments.models import Comment
    from dateline.comments.services import comment_approve

    # Reader input: the comment form's fields, stored as a posted comment would be, then approved.
    comments = [
        Comment.objects.create(
            article=article, author_name=payload[:80], author_email=f"r{i}@example.org",
            author_url="javascript:window.__xss=1;alert(9)", body=CORPUS,
        )
        for i, payload in enumerate(PAYLOADS[:4])
    ]
    comment_approve(comment_ids=[c.pk for c in comments])
    return article, section, author


def test_nothing_injected_into_editor_fields_runs_on_reader_pages(page, live_server, hostile_newsroom):
    """Every reader page showing the hostile fields loads with no dialog, no marker and no page error."""
    article, section, author = hostile_newsroom
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tag_urls = [f"/tags/{slug}/" for slug in article.tags.values_list("slug", flat=True)]
    urls = ["/", article.url, section.url, author.url, *tag_urls]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
        links = page.locator("#xss-link")
        if links.count():
            links.first.click(timeout=2000)
            assert page.evaluate("window.__xss") is None, url
    # The text is shown as text: readers see the payload, not its effect.
    page.goto(live_server.url + article.url)
    assert "window.__xss=1" in page.inner_text("body")
    assert page.locator("li.comment").count() == 4  # the hostile comments are on the page, as text
    assert "window.__xss=1" in page.locator("li.comment").first.inner_text()
    assert dialogs == [], dialogs
    # Test images live in memory storage, so their files 404; any other error (a CSP refusal included) fails.
    assert [e for e in errors if not e.startswith("Failed to load resource")] == [], errors


def watch(page) -> tuple[list, list]:
    """Dialogs opened and errors logged by the page (each dialog is dismissed)."""
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return dialogs, errors


def _real_errors(errors: list[str]) -> list[str]:
    # Test images live in memory storage, so their files 404; any other error (a CSP refusal included) fails.
    return [e for e in errors if not e.startswith("Failed to load resource")]


@pytest.fixture
def searchable_hostile_newsroom(settings, request):
    """The hostile newsroom, indexed for search as it is published (the worker's task, run at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
    settings.DATELINE_SEARCH_RATE_LIMIT = 0
    return request.getfixturevalue("hostile_newsroom")


def test_nothing_typed_into_the_search_box_runs(page, live_server, searchable_hostile_newsroom):
    """Each payload typed into the search box, alone, with a word that finds the hostile article, and with one
    that finds nothing: the results and no-results pages echo it as text and nothing runs."""
    dialogs, errors = watch(page)
    seen = {"results": 0, "none": 0}
    # "storm" finds the hostile article on both backends (its hit shows the hostile headline, kicker and
    # snippet); with a payload after it, whether it still matches depends on how the backend splits words.
    for query in ["storm", *(q for payload in PAYLOADS for q in (payload, "storm " + payload, "zzqxv " + payload))]:
        page.goto(live_server.url + "/search/")
        page.fill('input[name="q"]', query)
        with page.expect_navigation():
            page.press('input[name="q"]', "Enter")
        assert page.evaluate("window.__xss") is None, query
        assert page.input_value('input[name="q"]') == query.strip(), query  # echoed intact, as text
        hits = page.locator("li.search-hit").count()
        seen["results" if hits else "none"] += 1
        if not hits:
            assert "No stories match" in page.inner_text("main")
        links = page.locator("#xss-link")
        if links.count():
            links.first.click(timeout=2000)
            assert page.evaluate("window.__xss") is None, query
    assert seen["results"] and seen["none"], seen
    assert dialogs == [], dialogs
    assert _real_errors(errors) == [], errors


def test_nothing_in_the_search_filters_or_a_missing_path_runs(page, live_server, searchable_hostile_newsroom):
    """Payloads sent straight in the URL (query, section, dates, page, a missing page's path) run nowhere."""
    from urllib.parse import quote, urlencode

    dialogs, errors = watch(page)
    for payload in PAYLOADS:
        params = {"q": payload, "section": payload, "date_from": payload, "date_to": payload, "page": payload}
        response = page.goto(live_server.url + "/search/?" + urlencode(params))
        assert response.status == 200
        assert page.evaluate("window.__xss") is None, payload
        response = page.goto(live_server.url + "/" + quote(payload, safe="") + "/")
        assert response.status == 404
        assert page.evaluate("window.__xss") is None, payload
    assert dialogs == [], dialogs
    assert _real_errors(errors) == [], errors


def test_nothing_in_the_api_feeds_or_sitemap_runs_when_opened(page, live_server, searchable_hostile_newsroom):
    """The API's JSON, the feeds and the news sitemap carry the hostile fields; opened in a browser, none runs."""
    article, section, author = searchable_hostile_newsroom
    dialogs, errors = watch(page)
    urls = [
        "/api/articles", f"/api/articles/{article.pk}", f"/api/articles/{article.pk}/ninjs",
        f"/api/sections/{section.slug}", f"/api/authors/{author.slug}", "/api/authors",
        "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap-news.xml",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
        assert "__xss" in page.content() or "onerror" in page.content(), url  # the payloads are there, as data
    assert dialogs == [], dialogs
    # Chromium's own JSON and XML viewers style the document inline, which the reader CSP refuses: harmless.
    assert [e for e in _real_errors(errors) if not e.startswith("Applying inline style violates")] == [], errors
