"""Reader pages as a reader gets them: the demo newsroom in Debian's Chromium.

The live server reads the database from another thread, so these tests commit
(``transaction=True``), and the database is emptied after each of them;
``serialized_rollback`` puts back what the migrations made (the site tree)
before the next, and each test loads the demo newsroom afresh. That costs
seconds per test, so each test checks much: both window widths, or every page.

Screenshots go to $DATELINE_SCREENSHOT_DIR (else a pytest temporary folder),
with copies in /tmp/shots/.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import REPO_ROOT, in_ci

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = [390, 1280]
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE_URL = re.compile(r"/[\w-]+/\d{4}/\d{2}/\d{2}/[\w-]+/$")


@dataclass
class Newsroom:
    article: object  # the ArticlePage the structure tests open
    section: object
    author: object
    tag: object


def _showcase_article():
    """A published article that has every part the article page can show."""
    from dateline.articles.models import ArticlePage

    candidates = (
        ArticlePage.objects.published()
        .filter(lead_image__isnull=False, contributors__isnull=False, tagged_items__isnull=False)
        .exclude(kicker="")
        .exclude(dek="")
        .exclude(dateline_place="")
        .select_related("section", "lead_image")
        .distinct()
        .order_by("-published_at", "-pk")
    )
    for article in candidates:
        reporting = [c for c in article.contributors.all() if c.role in ("", "reporting")]
        if reporting and article.bylines.exists() and (article.image_caption or article.image_credit):
            return article
    pytest.fail(
        "The demo newsroom has no published article with a kicker, dek, dateline, lead image with "
        "caption or credit, byline, tags and a 'contributed reporting from' credit."
    )


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Keep uploads and renditions on disk, where the /media/ view serves them from.

    The test settings keep files in memory, which the browser cannot fetch.
    """
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def newsroom(transactional_db, media_on_disk) -> Newsroom:
    from dateline.demo.services import demo_load

    demo_load(password="x")
    article = _showcase_article()
    return Newsroom(
        article=article,
        section=article.section,
        author=article.bylines.select_related("author").first().author,
        tag=article.tags.order_by("slug").first(),
    )


def _tool_missing(message: str) -> None:
    """Skip when a test tool is missing on a developer machine; fail under CI."""
    message += "; run `make test-deps npm-deps`"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@contextlib.contextmanager
def _at_width(width: int):
    """Say which window width a failed check was made at."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"in a {width} px wide window: {exc}") from exc


def _open(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"


def _assert_no_sideways_scroll(page: Page, width: int) -> None:
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"the page is {scroll_width} px wide in a {width} px window"


def _assert_header_nav(page: Page, newsroom: Newsroom) -> None:
    header = page.get_by_role("banner")
    expect(header).to_be_visible()
    nav = header.get_by_role("navigation").first
    expect(nav).to_be_visible()
    links = nav.get_by_role("link")
    assert links.count() >= 2, "the header's navigation should link to the sections"
    expect(nav.get_by_role("link", name=newsroom.section.title, exact=True)).to_be_attached()
    expect(links.first).to_be_visible()


def _assert_footer_list(page: Page) -> None:
    footer = page.get_by_role("contentinfo")
    expect(footer).to_be_visible()
    items = footer.locator("ul > li, ol > li").filter(has=page.locator("a[href]"))
    assert items.count() >= 1, "the footer should hold a list of stories"
    hrefs = [items.nth(i).locator("a[href]").first.get_attribute("href") for i in range(items.count())]
    assert any(ARTICLE_URL.search(h or "") for h in hrefs), f"no footer link goes to an article: {hrefs}"
    expect(footer.locator("ul, ol").first).to_be_visible()


def _assert_images_loaded(region: Locator) -> None:
    images = region.locator("img")
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        loaded = image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert loaded, f"image {image.get_attribute('src')} did not load"


def test_home_page_shows_the_front(page, live_server, newsroom, screenshot):
    """At 390 and 1280 px the front page has section links, stories that link to articles, and the footer list."""
    for width in WIDTHS:
        with _at_width(width):
            _check_home(page, live_server.url, newsroom, screenshot, width)


def _check_home(page, base_url, newsroom, screenshot, width):
    _open(page, base_url + "/", width)
    _assert_header_nav(page, newsroom)
    main = page.get_by_role("main")
    expect(main).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    story_links = main.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sum(bool(ARTICLE_URL.search(h or "")) for h in story_links) >= 5, "the front should link to stories"
    expect(main.get_by_role("heading", level=2).first).to_be_visible()
    _assert_footer_list(page)
    _assert_no_sideways_scroll(page, width)
    screenshot(f"home-{width}")


def test_article_page_shows_every_part(page, live_server, newsroom, screenshot):
    """At 390 and 1280 px an article shows kicker, headline, dek, byline, dateline, lead figure, body,
    credits, and the sidebar, related stories, comments and footer list around it."""
    for width in WIDTHS:
        with _at_width(width):
            _check_article(page, live_server.url, newsroom, screenshot, width)


def _check_article(page, base_url, newsroom, screenshot, width):
    article = newsroom.article
    _open(page, base_url + article.article_path(), width)
    _assert_header_nav(page, newsroom)

    story = page.get_by_role("article", name=article.title, exact=True)
    expect(story).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(story.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(story.locator(".kicker").first).to_have_text(article.kicker)
    expect(story.locator(".dek")).to_have_text(article.dek)

    byline = story.locator(".byline")
    expect(byline).to_be_visible()
    expect(byline).to_contain_text("By ")
    for line in article.bylines.select_related("author"):
        expect(byline.get_by_role("link", name=line.author.title)).to_be_visible()

    dateline = story.locator(".dateline")
    expect(dateline).to_be_visible()
    expect(dateline).to_contain_text(article.dateline_place)

    figure = story.locator("figure").first
    expect(figure.locator("img")).to_be_visible()
    caption = figure.locator("figcaption")
    expect(caption).to_be_visible()
    for text in (article.image_caption, article.image_credit):
        if text:
            expect(caption).to_contain_text(text)
    _assert_images_loaded(figure)

    body = story.locator(".article-body")
    expect(body).to_be_visible()
    assert body.locator("p").count() >= 3, "the body should have paragraphs"
    credit = story.get_by_text(re.compile(r"contributed reporting from")).first
    expect(credit).to_be_visible()

    story_box = story.bounding_box()

    sidebar = page.locator("main aside").first
    expect(sidebar).to_be_visible()
    expect(sidebar.get_by_role("heading").first).to_be_visible()
    assert sidebar.get_by_role("link").count() >= 1, "the sidebar should list stories"
    sidebar_box = sidebar.bounding_box()
    if width >= 1100:
        assert sidebar_box["x"] >= story_box["x"] + story_box["width"] - 1, "the sidebar should sit beside the article"
    else:
        assert sidebar_box["y"] >= story_box["y"] + story_box["height"] - 1, "the sidebar should follow the article"

    related = page.locator(".article-main > :is(section, aside, nav, div):not(#comments)").filter(
        has=page.get_by_role("heading")
    ).first
    expect(related).to_be_visible()
    related_links = related.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(ARTICLE_URL.search(h or "") for h in related_links), "the related region should link to stories"
    related_box = related.bounding_box()
    assert related_box["y"] >= story_box["y"] + story_box["height"] - 1, "related stories should come after the article"

    comments = page.locator("#comments")
    expect(comments).to_be_visible()
    expect(comments.get_by_role("heading").first).to_be_visible()

    _assert_footer_list(page)
    _assert_no_sideways_scroll(page, width)
    screenshot(f"article-{width}")


def _reader_paths(newsroom: Newsroom) -> dict[str, str]:
    return {
        "home": "/",
        "section": f"/{newsroom.section.slug}/",
        "article": newsroom.article.article_path(),
        "author": f"/authors/{newsroom.author.slug}/",
        "tag": f"/tags/{newsroom.tag.slug}/",
    }


def test_reader_pages_are_valid_html(client, newsroom, tmp_path):
    """Home, section, article, author, tag and 404 pages pass the Nu HTML checker with no errors."""
    java = shutil.which("java")
    if java is None:
        _tool_missing("Java is missing (the Nu HTML checker runs on it)")
    if not VNU_JAR.exists():
        _tool_missing(f"The Nu HTML checker is missing ({VNU_JAR})")
    pages = {**_reader_paths(newsroom), "404": "/no-such-page-anywhere/"}
    files = {}
    for name, path in pages.items():
        response = client.get(path)
        expected = 404 if name == "404" else 200
        assert response.status_code == expected, f"{path} answered {response.status_code}"
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[file.name] = f"{name} page ({path})"

    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *[str(tmp_path / f"{n}.html") for n in pages]],
        capture_output=True, text=True, timeout=300,
    )
    try:
        report = json.loads(completed.stderr or completed.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    errors = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    if errors:
        # One entry per kind of error (quoted values aside), with where it happens and one example.
        kinds: dict[str, list[dict]] = {}
        for m in errors:
            kinds.setdefault(re.sub(r"“[^”]*”", "“…”", m.get("message", "")), []).append(m)
        lines = []
        for kind, found in kinds.items():
            places = sorted({f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine', '?')}" for m in found})
            example = found[0]
            lines.append(f"- {kind} ({len(found)}x)\n    e.g. {example.get('message')}\n    in {example.get('extract', '').strip()!r}")
            lines.append("    at " + "; ".join(places[:8]) + ("; …" if len(places) > 8 else ""))
        pytest.fail(f"{len(errors)} HTML error(s) from the Nu HTML checker:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def page_without_csp(browser):
    """A page whose context ignores the Content-Security-Policy, so axe can be injected as a script
    tag; the strict reader policy (script-src 'self') would otherwise block it, as it should."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_reader_pages_have_no_serious_accessibility_violations(page_without_csp, live_server, newsroom):
    """axe-core finds no serious or critical violations on the home, section, article and author pages at 1280 px."""
    if not AXE_JS.exists():
        _tool_missing(f"axe-core is missing ({AXE_JS})")
    page = page_without_csp
    paths = _reader_paths(newsroom)
    lines = []
    for name in ("home", "section", "article", "author"):
        _open(page, live_server.url + paths[name], 1280)
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        for v in results["violations"]:
            if v.get("impact") not in ("serious", "critical"):
                continue
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:5]]
            lines.append(f"- {name} page ({paths[name]}): [{v['impact']}] {v['id']}: {v['help']}, {len(v['nodes'])} node(s): {targets}")
            if v["nodes"]:
                lines.append("    " + v["nodes"][0].get("failureSummary", "").strip().replace("\n", "\n    "))
    if lines:
        pytest.fail("axe-core found serious or critical violations:\n" + "\n".join(lines), pytrace=False)
