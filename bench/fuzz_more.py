"""Fuzz targets over parsers from other parts of dateline (comments, search, API), when installed.

The search-page and api-filters targets send whole requests through Django to a throwaway
database that the target process migrates before fuzzing starts (``prepare``, outside the time budget).
"""

from __future__ import annotations

import re

# Markup that would run: a script-capable element, an event handler inside a tag, a javascript: link.
UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|svg|style|math)\b|<[^>]*\son\w+\s*=|<[^>]*(href|src)\s*=\s*[\"']?\s*javascript:",
    re.I,
)


def target_comment_form(data: bytes) -> None:
    """Any urlencoded post gives a valid or an invalid form, never an exception."""
    from django.http import QueryDict

    from dateline.comments.forms import CommentForm

    form = CommentForm(data=QueryDict(data.decode("latin-1"), encoding="utf-8"))
    form.is_valid()
    _ = form.is_bot


def target_comment_text(data: bytes) -> None:
    """A comment's text renders to HTML with no script, handler or javascript: link in it."""
    from dateline.comments.models import Comment

    html = str(Comment(body=data.decode("utf-8", "replace")).body_html())
    assert not UNSAFE_HTML.search(html), html


def target_search_form(data: bytes) -> None:
    """Any query string gives a valid or an invalid search form and filters, never an exception."""
    from django.http import QueryDict

    from dateline.search.forms import SearchForm

    form = SearchForm(QueryDict(data.decode("latin-1"), encoding="utf-8"), max_length=200)
    form.is_valid()
    form.filters(section_ids={"news": 1})


def target_search_query(data: bytes) -> None:
    """A query's words are bounded and plain; the snippet built from them escapes everything."""
    from dateline.search.backends import MAX_TERMS, SQLiteFTSSearchBackend, query_terms
    from dateline.search.selectors import highlight

    text = data.decode("utf-8", "replace")
    terms = query_terms(text)
    assert len(terms) <= MAX_TERMS and all(0 < len(t) <= 64 and '"' not in t for t in terms)
    SQLiteFTSSearchBackend().match_expression(terms)
    snippet = str(highlight(text, terms))
    assert not UNSAFE_HTML.search(snippet) and "<" not in snippet.replace("<mark>", "").replace("</mark>", ""), snippet


_CLIENT = []


def _client():
    """A test client over a freshly migrated throwaway database with one published article (made once)."""
    if not _CLIENT:
        import logging

        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings, setup_test_environment

        from dateline.project.settings.base import TASK_QUEUES

        logging.getLogger("django.request").setLevel(logging.ERROR)  # a 404 or 400 is an expected answer
        setup_test_environment()
        override_settings(
            DATELINE_SEARCH_RATE_LIMIT=0, DATELINE_API_RATE_LIMIT=0, ALLOWED_HOSTS=["*"],
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}},
        ).enable()
        call_command("migrate", verbosity=0, interactive=False)
        from dateline.articles.models import ArticlePage
        from tests import factories

        if not ArticlePage.objects.exists():  # targets of one run share its data folder
            factories.make_article("Harbour bridge reopens", tags=["harbour"])
        _CLIENT.append(Client())
    return _CLIENT[0]


def target_search_page(data: bytes) -> None:
    """The whole search page, query string as sent: always a 200 page, with nothing injected into it."""
    response = _client().get("/search/", QUERY_STRING=data.decode("latin-1"))
    assert response.status_code == 200, response.status_code
    assert not UNSAFE_HTML.search(response.content.decode()), data


API_PATHS = ["/api/articles", "/api/articles/most-read", "/api/authors", "/api/sections"]


def target_api_filters(data: bytes) -> None:
    """The API's list endpoints, query string as sent: 200, 400 with a message, or 404; never a 500."""
    path = API_PATHS[data[0] % len(API_PATHS)] if data else API_PATHS[0]
    response = _client().get(path, QUERY_STRING=data[1:].decode("latin-1"))
    assert response.status_code in {200, 400, 404}, (response.status_code, response.content[:200])
    if response.status_code != 200:
        assert b'"detail"' in response.content, response.content[:200]


target_search_page.prepare = _client
target_api_filters.prepare = _client


def targets() -> dict:
    found = {}
    try:
        import dateline.search.forms  # noqa: F401
    except ImportError:
        pass
    else:
        found["search-form"] = (target_search_form, [b"q=harbour+bridge&section=news&date_from=2026-01-02&date_to=2026-02-03&page=2"])
        found["search-query"] = (target_search_query, [b"harbour <script>alert(1)</script> bridge", b'"a" NEAR(b) -c*'])
        found["search-page"] = (target_search_page, [b"q=harbour&date_from=2026-01-02", b"q=%3Cscript%3E&section=x&page=999"])
    try:
        import dateline.api.api  # noqa: F401
    except ImportError:
        pass
    else:
        found["api-filters"] = (target_api_filters, [b"\x00section=news&since=2026-11-25T08:00:00Z&page=2", b"\x01days=7&limit=5"])
    try:
        import dateline.comments.forms  # noqa: F401
    except ImportError:
        return found
    found["comment-form"] = (target_comment_form, [b"article=1&token=x&body=Hello&name=Ana&email=a%40example.org", b"body=%00"])
    found["comment-text"] = (target_comment_text, [b"Hello https://example.org and <b>bold</b>\n\nSecond", b"javascript:alert(1)"])
    return found
