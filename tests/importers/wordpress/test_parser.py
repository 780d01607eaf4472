"""Reading WXR: every version WordPress writes, CDATA and non-ASCII text, and clear errors with a line."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.importers.wordpress.parser import (
    WXRError,
    attachment_image_meta,
    wp_datetime,
    wxr_items_after_head,
    wxr_read,
)

from .wxr import THEME_EXPORT, C, P, write


def _records(path):
    return list(wxr_read(str(path)))


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_wxr_version_and_namespace_reads(tmp_path, version, scheme):
    """WordPress's three WXR versions, with http or https namespaces (WordPress.com), give the same records."""
    path = write(tmp_path, [P(7, "Ferry timetable changes")], version=version, scheme=scheme)
    records = _records(path)
    kinds = [kind for kind, _ in records]
    assert kinds[0] == "channel"
    assert kinds.count("author") == 2 and kinds.count("term") == 5 and kinds.count("item") == 1
    channel = records[0][1]
    assert channel.wxr_version == version and channel.base_blog_url == "https://gullpoint.example"
    item = records[-1][1]
    assert (item.post_id, item.post_type, item.status, item.creator) == (7, "post", "publish", "mira")
    assert [t.nicename for t in item.terms] == ["harbour"]


def test_cdata_non_ascii_and_emoji_survive(tmp_path):
    """Titles and content keep accents, scripts and emoji, and a ']]>' split across CDATA sections."""
    title = "Ærøskøbing café reopens — 東京 🌊 ]]> done"
    path = write(tmp_path, [P(9, title, content="<p>Smørrebrød & 🍞 for all</p>", comments=[C(1, "Très bien 👍")])])
    item = _records(path)[-1][1]
    assert item.title == title
    assert item.content == "<p>Smørrebrød & 🍞 for all</p>"
    assert item.comments[0].content == "Très bien 👍"


def test_item_fields_meta_and_comments(tmp_path):
    post = P(
        11,
        "Night market returns",
        tags=[("night-market", "Night market")],
        meta=[("post_views_count", "1204"), ("_wp_old_slug", "market-back")],
        comments=[C(1, "First!"), C(2, "Reply", parent=1, approved="0"), C(3, "Buy pills", approved="spam")],
        sticky=True,
        excerpt="Stalls line the quay again.",
    )
    item = _records(write(tmp_path, [post]))[-1][1]
    assert item.is_sticky and item.excerpt == "Stalls line the quay again."
    assert item.meta == {"post_views_count": ["1204"], "_wp_old_slug": ["market-back"]}
    assert [(c.wp_id, c.parent, c.approved) for c in item.comments] == [(1, 0, "1"), (2, 1, "0"), (3, 0, "spam")]
    assert [(t.domain, t.nicename) for t in item.terms] == [("category", "harbour"), ("post_tag", "night-market")]


def test_unknown_version_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, [P(1, "x")], version="1.3")
    with pytest.raises(WXRError) as excinfo:
        _records(path)
    message = str(excinfo.value)
    assert "unknown WXR version '1.3'" in message and "line" in message and excinfo.value.line


def test_malformed_xml_names_the_item_and_line(tmp_path):
    good = P(1, "Fine item")
    path = write(tmp_path, [good, P(2, "Broken item")])
    text = path.read_text()
    broken_at = text.index("<wp:post_id>2</wp:post_id>")
    text = text[:broken_at] + "<wp:post_id>2</wp:post_id><wp:oops>" + text[broken_at + len("<wp:post_id>2</wp:post_id>") :]
    path.write_text(text)
    with pytest.raises(WXRError) as excinfo:
        _records(path)
    message = str(excinfo.value)
    assert "malformed XML" in message
    assert "item 2" in message
    assert excinfo.value.line and excinfo.value.line > text[:broken_at].count("\n")


def test_an_item_without_an_id_is_refused(tmp_path):
    path = write(tmp_path, [P(5, "No ID here")])
    path.write_text(path.read_text().replace("<wp:post_id>5</wp:post_id>", ""))
    with pytest.raises(WXRError, match=r'line \d+, "No ID here": the item has no <wp:post_id>'):
        _records(path)


def test_a_file_that_is_not_wxr_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>')
    with pytest.raises(WXRError, match="no <wp:wxr_version>"):
        _records(path)


def test_dates_prefer_gmt_and_fall_back_to_local_time():
    tz = zoneinfo.ZoneInfo("Europe/Oslo")
    assert wp_datetime(gmt="2024-03-01 08:30:00", local="2024-03-01 09:30:00", tz=tz) == datetime.datetime(2024, 3, 1, 8, 30, tzinfo=datetime.UTC)
    draft = wp_datetime(gmt="0000-00-00 00:00:00", local="2024-07-01 12:00:00", tz=tz)
    assert draft == datetime.datetime(2024, 7, 1, 10, 0, tzinfo=datetime.UTC)
    assert wp_datetime(gmt="", local="0000-00-00 00:00:00", tz=tz) is None


def test_attachment_meta_credit_is_read_without_evaluating_php():
    serialised = 'a:1:{s:10:"image_meta";a:3:{s:6:"credit";s:11:"Ana Ruiz 📷";s:9:"copyright";s:0:"";s:7:"caption";s:0:"";}}'
    assert attachment_image_meta(serialised) == {"credit": "Ana Ruiz 📷"}


def test_theme_unit_test_export_reads_completely():
    """The real WordPress export: every item, author and term the file holds (see shared/fixtures SOURCES.md)."""
    counts: dict[str, int] = {}
    comments = 0
    for kind, record in wxr_read(str(THEME_EXPORT)):
        key = f"{record.post_type}/{record.status}" if kind == "item" else kind
        counts[key] = counts.get(key, 0) + 1
        if kind == "item":
            comments += len(record.comments)
    assert counts["post/publish"] == 56 and counts["post/draft"] == 1 and counts["post/future"] == 1
    assert counts["page/publish"] == 21 and counts["attachment/inherit"] == 37 and counts["nav_menu_item/publish"] == 70
    assert counts["author"] == 2
    assert comments == 33


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, content=_text)
def test_any_title_and_content_round_trip(tmp_path_factory, title, content):
    """Whatever text a title or content holds, the parser gives it back unchanged (no crash, no loss)."""
    path = write(tmp_path_factory.mktemp("wxr"), [P(3, title, content=content)])
    item = _records(path)[-1][1]
    assert item.title == title.replace("\r\n", "\n").replace("\r", "\n")
    assert item.content == content.replace("\r\n", "\n").replace("\r", "\n")


def test_a_posts_only_export_is_counted_from_its_bytes(tmp_path):
    """Only items after the first item: the scan counts them, so a first pass may stop at the first one (even across chunks)."""
    posts = [P(n, f"Story {n}", comments=[C(n * 10, "Well said")]) for n in range(1, 30)]
    path = write(tmp_path, posts)
    assert wxr_items_after_head(str(path)) == 29
    assert wxr_items_after_head(str(path), chunk=97) == 29


@pytest.mark.parametrize(
    "what",
    ["attachment", "author after the items", "term after the items", "author-like text in a post", "default namespace"],
)
def test_anything_a_first_pass_needs_after_the_first_item_makes_the_scan_say_no(tmp_path, what):
    posts = [P(1, "Story one"), P(2, "Story two")]
    if what == "attachment":
        posts.append(P(3, "A photo", post_type="attachment", attachment_url="https://gullpoint.example/a.jpg"))
    elif what == "author-like text in a post":
        posts.append(P(3, "On exports", content="<p>Each writer is a &lt;wp:author&gt; element.</p>"))
    path = write(tmp_path, posts)
    text = path.read_text()
    if what == "author after the items":
        text = text.replace("</channel>", "<wp:author><wp:author_login>late</wp:author_login></wp:author></channel>")
    elif what == "term after the items":
        text = text.replace("</channel>", "<wp:term><wp:term_slug>late</wp:term_slug></wp:term></channel>")
    elif what == "default namespace":
        text = text.replace("<item>", '<item xmlns:x="urn:x"><x:y xmlns="http://wordpress.org/export/1.2/"/>', 1).replace("<item>", "<item >")
    path.write_text(text)
    for chunk in (97, 8 << 20):
        assert wxr_items_after_head(str(path), chunk=chunk) is None


def test_an_export_without_items_is_read_in_full(tmp_path):
    assert wxr_items_after_head(str(write(tmp_path, []))) is None


def test_a_syntax_error_is_placed_in_its_item_from_the_files_bytes(tmp_path):
    """lxml can stop on an error before it reports the item's start; the bytes still name the item."""
    from dateline.importers.wordpress.parser import _item_around

    path = write(tmp_path, [P(1, "Fine item"), P(2, "Broken item")])
    lines = path.read_text().splitlines()
    inside_second = max(i for i, text in enumerate(lines, 1) if "<wp:post_id>2</wp:post_id>" in text) + 1
    second_starts = max(i for i, text in enumerate(lines, 1) if "<item>" in text and i < inside_second)
    assert _item_around(str(path), inside_second) == f"inside item 2 (starting at line {second_starts})"
    assert _item_around(str(path), 1) == ""  # before any item
    assert _item_around(io.BytesIO(b""), 5) == ""  # not a file: nothing to read again
