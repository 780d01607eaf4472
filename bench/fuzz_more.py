"""Fuzz targets over parsers from other parts of dateline (comments, search, API), when installed."""

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


def targets() -> dict:
    found = {}
    try:
        import dateline.comments.forms  # noqa: F401
    except ImportError:
        return found
    found["comment-form"] = (target_comment_form, [b"article=1&token=x&body=Hello&name=Ana&email=a%40example.org", b"body=%00"])
    found["comment-text"] = (target_comment_text, [b"Hello https://example.org and <b>bold</b>\n\nSecond", b"javascript:alert(1)"])
    return found
