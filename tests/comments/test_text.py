"""Comment bodies are plain text: paragraphs, clickable links with rel="nofollow ugc", the rest escaped."""

import pytest

from dateline.comments.text import comment_body_html, count_links, html_to_text
from tests.comments.helpers import tags_in


def test_paragraphs_and_line_breaks():
    """Blank lines make paragraphs, single newlines make line breaks."""
    assert comment_body_html("One\ntwo\r\n\r\n\nThree") == "<p>One<br>two</p>\n<p>Three</p>"


def test_links_are_clickable_and_nofollow():
    """Addresses become links marked nofollow ugc; trailing punctuation stays outside."""
    html = comment_body_html("See https://example.org/a?b=1&c=2. And www.example.com!")
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.' in html
    assert '<a href="https://www.example.com" rel="nofollow ugc">www.example.com</a>!' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '"><svg onload=alert(1)>',
        "javascript:alert(1)",
        'https://example.org/"onmouseover="alert(1)',
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_markup_is_escaped(payload):
    """No tag or attribute from the text survives: only our own <p>, <br> and <a href=http(s) rel> appear."""
    for tag, attrs in tags_in(comment_body_html(payload)):
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            assert set(attrs) == {"href", "rel"}, attrs
            assert attrs["href"].startswith(("http://", "https://")) and attrs["rel"] == "nofollow ugc"


def test_count_links():
    assert count_links("a https://x.org b http://y.org c www.z.org") == 3
    assert count_links("no links here") == 0


def test_html_to_text_keeps_blocks_breaks_and_link_addresses():
    """Imported HTML becomes our plain text."""
    assert html_to_text("<p>A<br/>B</p><p>C</p>") == "A\nB\n\nC"
    assert html_to_text('<a href="https://e.org/">https://e.org/</a>') == "https://e.org/"
    assert html_to_text('<a href="https://e.org/p">page</a>') == "page (https://e.org/p)"
    assert html_to_text("Fish &amp; chips\n\nNext") == "Fish & chips\n\nNext"
    assert html_to_text("<style>p{}</style><script>x()</script>Kept") == "Kept"
