"""Reader comments in Debian's Chromium: in-page with JavaScript, plain POST without, moderation, replies,
and the comment area checked by the Nu HTML checker and axe-core at 390 and 1280 px.

Screenshots of the comment area go to /tmp/shots-comments/ (and the usual screenshot folder).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.test_pages import AXE_JS, VNU_JAR, _tool_missing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/shots-comments")


@pytest.fixture
def discussion(transactional_db, settings):
    """An article with a short approved thread; fill time off so the robot may type fast."""
    from dateline.comments.models import Comment
    from dateline.comments.services import discussion_count_refresh

    settings.DATELINE_COMMENTS_MIN_FILL_SECONDS = 0
    article = f.make_article("Harbour ferry timetable changes", section=f.make_section("Local"))
    top = Comment.objects.create(article=article, author_name="Petra Sousa", author_email="petra@example.com",
                                 author_url="https://petra.example.com", body="The early boat matters to shift workers.\n\nWill it stay?", status="approved")
    Comment.objects.create(article=article, parent=top, depth=1, author_name="Gil Navarro", author_email="gil@example.com",
                           body="The council says yes, see https://council.example.org/ferry for the notice.", status="approved")
    discussion_count_refresh(article_ids=[article.pk])
    return article


def _shoot(page, name: str, selector: str = "#comments") -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).screenshot(path=str(SHOTS / f"{name}.png"))


def _fill(page, *, body="", name="", email="", url=""):
    page.fill("#comment-body", body)
    page.fill("#comment-name", name)
    page.fill("#comment-email", email)
    page.fill("#comment-url", url)


def _approve_in_admin(page, base_url, text):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("moderator", "moderator@example.com", "a-long-pass-phrase")
    user.groups.add(Group.objects.get(name="Comment moderator"))
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", "moderator")
    page.fill("input[name=password]", "a-long-pass-phrase")
    page.click("button[type=submit]")
    page.goto(base_url + "/admin/reader-comments/")
    row = page.locator("tr", has_text=text)
    expect(row).to_contain_text("First comment from this email")
    row.locator("input[type=checkbox]").check()
    page.select_option("#bulk-action", "approve")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()
    page.context.clear_cookies()


def test_comment_in_page_with_javascript(page, live_server, discussion):
    """Empty submit shows both messages; a valid comment awaits moderation and is not public; a moderator
    approves it in the admin; it appears; a reply nests under it, all without a page reload."""
    url = live_server.url + discussion.article_path()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    expect(page.locator("#reply-title")).to_have_text("LEAVE A REPLY")
    page.click("#comment-body")
    page.click("button.comment-submit")
    expect(page.locator("#comment-body-error")).to_have_text("Please enter your comment!")
    expect(page.locator("#comment-name-error")).to_have_text("Please enter your name here")

    _fill(page, body="A new timetable, at last.\nThank you for the detail.", name="Rosa Lind", email="rosa@", url="")
    page.click("button.comment-submit")
    expect(page.locator("#comment-email-error")).to_contain_text("does not look right")
    expect(page.locator("#comment-body")).to_have_value("A new timetable, at last.\nThank you for the detail.")

    page.fill("#comment-email", "rosa@example.com")
    page.check("#comment-save")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click("button.comment-submit")
    expect(page.locator("#comment-form-message")).to_contain_text("awaits moderation")
    assert page.evaluate("() => window.__sameDocument") is True  # no reload
    expect(page.locator("#comment-list")).not_to_contain_text("A new timetable")
    page.reload()
    expect(page.locator("#comments")).not_to_contain_text("A new timetable")
    expect(page.locator("#comment-name")).to_have_value("Rosa Lind")  # saved in this browser

    _approve_in_admin(page, live_server.url, "A new timetable")
    page.goto(url)
    page.reload()  # the browser may keep the page for PAGE_MAX_AGE seconds; a reader would reload too
    rosa = page.locator("li.comment", has_text="A new timetable")
    expect(rosa).to_be_visible()
    expect(page.locator("#comments-heading")).to_have_text("3 comments")

    rosa.locator("a.comment-reply-link").first.click()
    expect(page.locator("#comment-replying")).to_contain_text("Replying to Rosa Lind")
    page.fill("#comment-body", "Replying to myself: the Sunday boats change too.")
    page.click("button.comment-submit")
    expect(page.locator("#comment-form-message")).to_contain_text("published")
    nested = rosa.locator(".comment-children li.comment")
    expect(nested).to_contain_text("the Sunday boats change too")
    page.reload()
    expect(page.locator("li.comment", has_text="A new timetable").locator(".comment-children")).to_contain_text("Sunday boats")

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= width + 1, f"{scroll_width} px wide in a {width} px window"
        _shoot(page, f"comments-js-{width}")


def test_comment_without_javascript(browser, live_server, discussion):
    """JavaScript off: an empty post shows both messages on a page with the text kept; a valid one goes
    through the confirm step, then redirects to a page saying it awaits moderation."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        url = live_server.url + discussion.article_path()
        page.goto(url)
        _fill(page, body="Kept text even on error", name="")
        page.click("button.comment-submit")
        expect(page.locator("#comment-name-error")).to_have_text("Please enter your name here")
        expect(page.locator("#comment-email-error")).to_be_visible()
        expect(page.locator("#comment-body")).to_have_value("Kept text even on error")
        _shoot(page, "comments-nojs-errors-390", "main")

        page.fill("#comment-name", "Ola Brandt")
        page.fill("#comment-email", "ola@example.com")
        page.click("button.comment-submit")  # the error page carried a fresh token
        expect(page.locator("h1")).to_have_text("Comment awaiting moderation")
        expect(page.locator(".comment-page-message")).to_contain_text("not public yet")
        assert "/comments/posted/" in page.url

        # A valid first post from the cached page (no token in it) goes through the confirm step.
        page.goto(url)
        _fill(page, body="Straight through, after one check.", name="Ola Brandt", email="ola@example.com")
        page.click("button.comment-submit")
        expect(page.locator("h1")).to_have_text("Check your comment")
        expect(page.locator(".comment-preview")).to_contain_text("Straight through, after one check.")
        page.click("button.comment-submit")
        expect(page.locator("h1")).to_have_text("Comment awaiting moderation")

        from dateline.comments.models import Comment

        assert Comment.objects.filter(author_email="ola@example.com", status="pending").count() == 2
        page.goto(url)
        reply = page.locator("a.comment-reply-link").first
        reply.click()
        expect(page.locator("h1")).to_have_text("Reply to Petra Sousa")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        _shoot(page, "comments-nojs-1280")
    finally:
        context.close()


def test_comment_pages_are_valid_html(client, discussion, tmp_path):
    """The article page with comments, the no-JS error page and the confirm page pass the Nu HTML checker."""
    java = shutil.which("java")
    if java is None:
        _tool_missing("Java is missing (the Nu HTML checker runs on it)")
    if not VNU_JAR.exists():
        _tool_missing(f"The Nu HTML checker is missing ({VNU_JAR})")
    html = {"article": client.get(discussion.article_path()).content}
    base = {"article": discussion.pk, "body": "Words", "name": "", "email": "x@example.com", "token": ""}
    html["errors"] = client.post("/comments/post/", base, HTTP_ACCEPT="text/html").content
    html["confirm"] = client.post("/comments/post/", {**base, "name": "Ola"}, HTTP_ACCEPT="text/html").content
    from dateline.comments.models import Comment

    parent = Comment.objects.filter(parent=None).first()
    html["reply"] = client.get(f"/comments/reply/{parent.pk}/").content
    html["report"] = client.get(f"/comments/report/{parent.pk}/").content
    for name, content in html.items():
        (tmp_path / f"{name}.html").write_bytes(content)
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *[str(tmp_path / f"{n}.html") for n in html]],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(completed.stderr or completed.stdout)
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors)


def test_comment_area_has_no_serious_accessibility_violations(browser, live_server, discussion):
    """axe-core finds no serious or critical violations on the article with comments and on the no-JS pages."""
    if not AXE_JS.exists():
        _tool_missing(f"axe-core is missing ({AXE_JS})")
    # axe is injected as an inline script, which the site's strict CSP rightly blocks; the test browser bypasses it.
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    lines = []
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (discussion.article_path(), f"/comments/reply/{discussion.comments.filter(parent=None).first().pk}/"):
            page.goto(live_server.url + path)
            page.click("#comment-body")
            if path == discussion.article_path():
                page.click("button.comment-submit")  # with error messages shown
                expect(page.locator("#comment-body-error")).to_be_visible()
            page.add_script_tag(path=str(AXE_JS))
            results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            for v in results["violations"]:
                if v.get("impact") in ("serious", "critical"):
                    targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
                    lines.append(f"- {path} at {width}px: [{v['impact']}] {v['id']}: {v['help']}: {targets}")
    context.close()
    assert not lines, "\n".join(lines)
