"""XSS: a corpus of script injections put into every editor text field that reaches a reader page.

Headline, kicker, dek, dateline place, body rich text (through the same
whitelisting the admin's editor applies), lead image caption and credit,
contributor names, corrections, author name, job title and bio, section name,
tag name: each gets every payload, and the article, section, tag, author and
home pages are opened in Debian's Chromium. Nothing may run: no dialog opens,
no payload sets its marker on ``window``, and the page reports no error (a
Content-Security-Policy violation would be one: escaping must hold without it).

Reader input: approved comments whose name, website and text are the corpus
(the comment form's fields). The search box is not covered here yet.
"""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each payload, if it ran, would open a dialog and set window.__xss.
PAYLOADS = [
    "<script>window.__xss=1;alert('s')</script>",
    '"><img src=x onerror="window.__xss=1;alert(1)">',
    "'><svg onload=\"window.__xss=1;alert(2)\">",
    "<a href=\"javascript:window.__xss=1;alert(3)\" id=\"xss-link\">read more</a>",
    "<svg><script>window.__xss=1;alert(4)</script></svg>",
    "<iframe src=\"javascript:parent.__xss=1;alert(5)\"></iframe>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
    "<img src=x onerror=\"&#119;indow.__xss=1;&#97;lert(6)\">",
    "</title><script>window.__xss=1;alert(7)</script>",
    "<details open ontoggle=\"window.__xss=1;alert(8)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\">",
]
CORPUS = " ".join(PAYLOADS)


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
