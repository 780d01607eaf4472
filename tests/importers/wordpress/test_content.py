"""Post content → body blocks: classic wpautop paragraphs, Gutenberg blocks, and no text lost."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.importers.wordpress.content import (
    _SHORTCODE_MEDIA,
    ImageRef,
    blocks_text,
    body_blocks,
    wpautop,
)


def _shape(content: str) -> list[tuple[str, object]]:
    return [(b.type, b.value) for b in body_blocks(content)]


def test_wpautop_makes_paragraphs_and_line_breaks():
    assert wpautop("First line\nsecond line\n\nNew paragraph") == "<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>"
    assert wpautop("<h2>Heading</h2>\n\nText") == "<h2>Heading</h2>\n<p>Text</p>"


def test_classic_content_becomes_paragraphs_headings_lists_and_quotes():
    content = (
        "The tide came in <em>early</em>.\n\nHarbour master: <strong>no sailings</strong> <a href=\"https://port.example/notice\">today</a>.\n"
        "<h3>What changes</h3>\n<ul>\n<li>Ferries wait</li>\n<li>Nets <b>stay</b> in</li>\n</ul>\n"
        "<blockquote><p>We have seen worse.</p><cite>A skipper</cite></blockquote>"
    )
    assert _shape(content) == [
        ("paragraph", "<p>The tide came in <i>early</i>.</p>"),
        ("paragraph", '<p>Harbour master: <b>no sailings</b> <a href="https://port.example/notice">today</a>.</p>'),
        ("subheading", "What changes"),
        ("paragraph", "<ul><li>Ferries wait</li><li>Nets <b>stay</b> in</li></ul>"),
        ("blockquote", {"text": "We have seen worse.", "source": "A skipper"}),
    ]


def test_gutenberg_blocks_map_to_body_blocks():
    content = """<!-- wp:paragraph -->
<p>Opening line.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">The vote</h3>
<!-- /wp:heading -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Every boat counts.</p>
<!-- /wp:paragraph --><cite>Councillor Ardent</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Short and sharp.</p><cite>Editor</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:image {"id":42,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://gullpoint.example/wp-content/uploads/2024/03/quay-1024x683.jpg" alt="The quay at dawn" class="wp-image-42"/><figcaption>The quay, before the storm.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:list {"ordered":true} -->
<ol><li>One</li><li>Two</li></ol>
<!-- /wp:list -->

<!-- wp:embed {"url":"https://video.example/watch?v=abc","type":"video"} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://video.example/watch?v=abc
</div></figure>
<!-- /wp:embed -->

<!-- wp:html -->
<div class="custom"><span>Raw HTML text</span><script>track()</script></div>
<!-- /wp:html -->

<!-- wp:latest-posts /-->"""
    shape = _shape(content)
    assert shape[:4] == [
        ("paragraph", "<p>Opening line.</p>"),
        ("subheading", "The vote"),
        ("blockquote", {"text": "Every boat counts.", "source": "Councillor Ardent"}),
        ("pull_quote", {"quote": "Short and sharp.", "attribution": "Editor"}),
    ]
    image = shape[4]
    assert image[0] == "image" and isinstance(image[1], ImageRef)
    assert (image[1].wp_id, image[1].alt, image[1].caption) == (42, "The quay at dawn", "The quay, before the storm.")
    assert shape[5:] == [
        ("paragraph", "<ol><li>One</li><li>Two</li></ol>"),
        ("embed", "https://video.example/watch?v=abc"),
        ("paragraph", "<p>Raw HTML text</p>"),
    ]


def test_caption_shortcode_and_bare_urls():
    content = (
        '[caption id="attachment_7" align="alignleft" width="300"]<img class="size-medium wp-image-7" src="https://x.example/a.jpg" alt="Gulls" /> Gulls on the pier[/caption]\n\n'
        "https://video.example/watch?v=xyz\n\nAfter the video."
    )
    shape = _shape(content)
    assert shape[0][0] == "image" and shape[0][1].wp_id == 7 and shape[0][1].caption == "Gulls on the pier"
    assert shape[1:] == [("embed", "https://video.example/watch?v=xyz"), ("paragraph", "<p>After the video.</p>")]


def test_brackets_that_are_not_media_shortcodes_stay():
    assert _shape("He said [sic] it was fine. [gallery ids=\"1,2\"]") == [("paragraph", "<p>He said [sic] it was fine.</p>")]


def test_unsafe_markup_is_dropped_but_its_text_kept():
    shape = _shape('<p onclick="x()">Click <a href="javascript:alert(1)">here</a><span style="color:red"> now</span><script>steal()</script></p>')
    assert shape == [("paragraph", "<p>Click here now</p>")]


def test_tables_and_preformatted_text_keep_their_text():
    shape = _shape("<table><tr><th>Boat</th><th>Time</th></tr><tr><td>Osprey</td><td>06:00</td></tr></table><pre>line one\nline  two</pre>")
    assert shape == [
        ("paragraph", "<p>Boat | Time</p>"),
        ("paragraph", "<p>Osprey | 06:00</p>"),
        ("paragraph", "<p>line one<br/>line  two</p>"),
    ]


def test_nested_lists_are_flattened_without_losing_text():
    shape = _shape("<ul><li>Boats<ol><li>Ferries</li><li>Trawlers</li></ol> and more</li><li>Nets</li></ul>")
    assert shape == [("paragraph", "<ul><li>Boats and more</li><li>Ferries</li><li>Trawlers</li><li>Nets</li></ul>")]


def test_long_headings_become_bold_paragraphs():
    heading = "A " * 80
    assert _shape(f"<h2>{heading}</h2>") == [("paragraph", f"<p><b>{heading.strip()}</b></p>")]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


_plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200) | st.from_regex(
    r"\A[\w \[\]/=]{0,60}\Z"
).filter(lambda s: not _SHORTCODE_MEDIA.search(s))  # media shortcodes are dropped on purpose


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(_plain_text, max_size=6))
def test_any_classic_text_survives_conversion(paragraphs):
    """Arbitrary text, escaped into classic content, comes out with every word in order."""
    content = "\n\n".join(html.escape(p) for p in paragraphs)
    blocks = body_blocks(content)
    assert _words(blocks_text(blocks)) == _words(" ".join(paragraphs))


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(["paragraph", "heading", "quote", "list", "html"]), _plain_text.filter(lambda s: s.strip())),
        max_size=5,
    )
)
def test_any_gutenberg_document_survives_conversion(parts):
    """Arbitrary text in Gutenberg blocks of every kind the importer maps comes out with every word."""
    templates = {
        "paragraph": "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->",
        "heading": "<!-- wp:heading -->\n<h2>{}</h2>\n<!-- /wp:heading -->",
        "quote": "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>{}</p></blockquote>\n<!-- /wp:quote -->",
        "list": "<!-- wp:list -->\n<ul><li>{}</li></ul>\n<!-- /wp:list -->",
        "html": "<!-- wp:html -->\n<div>{}</div>\n<!-- /wp:html -->",
    }
    content = "\n\n".join(templates[kind].format(html.escape(text)) for kind, text in parts)
    blocks = body_blocks(content)
    assert _words(blocks_text(blocks)) == _words(" ".join(text for _, text in parts))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_no_input_crashes_the_converter(content):
    """Whatever the content (broken tags, stray comments, shortcodes), conversion returns blocks."""
    blocks = body_blocks(content)
    assert isinstance(blocks, list)
    blocks_text(blocks)
