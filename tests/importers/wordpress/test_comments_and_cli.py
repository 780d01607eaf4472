"""Comments through the comments service, and the `dateline import-wordpress` command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from wagtail.models import Page

from dateline.articles.models import ArticlePage
from dateline.cli import cli
from dateline.comments.models import Comment
from dateline.importers.wordpress.models import ImportedObject
from dateline.importers.wordpress.services import wordpress_import

from .wxr import C, P, write

pytestmark = pytest.mark.django_db


def _article(wp_id: int) -> ArticlePage:
    return ArticlePage.objects.get(pk=ImportedObject.objects.get(kind="post", wp_key=str(wp_id)).object_id)


def _thread() -> list[C]:
    # A reply deeper than the rest, a reply listed before its parent, a pending one, spam, trash and a pingback.
    return [
        C(1, "<p>Great news for the <b>harbour</b>.</p>", author="Ines Brandt"),
        C(3, "Level three", parent=2),
        C(2, "Level two", parent=1),
        C(4, "Level four <script>alert(1)</script>", parent=3),
        C(5, "Waiting for a moderator", approved="0"),
        C(6, "Cheap watches", approved="spam"),
        C(7, "Deleted", approved="trash"),
        C(8, "Linked from the Gazette", type="pingback", author="Gazette", url="https://gazette.example/post"),
        C(9, "Reply to spam", parent=6),
    ]


def test_comment_threads_statuses_and_kinds(tmp_path):
    summary = wordpress_import(path=write(tmp_path, [P(1, "Harbour dredging approved", comments=_thread())]))
    article = _article(1)
    comments = {c.import_key.rsplit(":", 1)[1]: c for c in Comment.objects.filter(article=article)}
    assert sorted(comments) == ["1", "2", "3", "4", "5", "8", "9"]
    assert comments["2"].parent == comments["1"] and comments["3"].parent == comments["2"] and comments["4"].parent == comments["3"]
    assert [comments[k].depth for k in "1234"] == [0, 1, 2, 3]
    assert comments["5"].status == Comment.Status.PENDING
    assert Comment.objects.in_moderation().filter(article=article).count() == 1
    assert comments["8"].kind == Comment.Kind.PINGBACK
    assert comments["9"].parent is None  # its parent was spam, so it stands on its own
    assert "<" not in comments["1"].body and "harbour" in comments["1"].body
    assert "alert" not in comments["4"].body or "<script>" not in comments["4"].body
    assert comments["1"].author_name == "Ines Brandt" and comments["1"].author_email == "rowan@example.org"
    reasons = " ".join(summary.skipped)
    assert "'spam'" in reasons and "'trash'" in reasons


def test_pingbacks_can_be_left_out(tmp_path):
    wordpress_import(path=write(tmp_path, [P(1, "Quiet", comments=_thread())]), pingbacks=False)
    assert not Comment.objects.filter(kind=Comment.Kind.PINGBACK).exists()


def test_comments_are_not_duplicated_by_a_reimport(tmp_path):
    path = write(tmp_path, [P(1, "Twice", comments=_thread())])
    wordpress_import(path=path)
    count = Comment.objects.count()
    wordpress_import(path=write(tmp_path, [P(1, "Twice, edited", comments=_thread())]))
    assert Comment.objects.count() == count


def test_deep_threads_keep_their_shape(tmp_path):
    chain = [C(1, "root")] + [C(n, f"reply {n}", parent=n - 1) for n in range(2, 30)]
    wordpress_import(path=write(tmp_path, [P(1, "Long argument", comments=chain)]))
    last = Comment.objects.get(import_key__endswith=":29")
    depth = 0
    while last.parent_id:
        last, depth = last.parent, depth + 1
    assert depth == 28


# -- the command ------------------------------------------------------------------------------


def test_command_imports_and_prints_a_summary(tmp_path):
    path = write(tmp_path, [P(1, "From the command line", comments=[C(1, "Hello")])])
    result = CliRunner().invoke(cli, ["import-wordpress", str(path)])
    assert result.exit_code == 0, result.output
    assert "posts: 1 new" in result.output and "comments: 1 new" in result.output
    assert _article(1).title == "From the command line"


def test_command_dry_run_writes_nothing(tmp_path):
    path = write(tmp_path, [P(1, "Only a rehearsal")])
    pages = Page.objects.count()
    result = CliRunner().invoke(cli, ["import-wordpress", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing was written" in result.output and "posts: 1 new" in result.output
    assert Page.objects.count() == pages and not ImportedObject.objects.exists()


def test_command_reports_bad_input_with_a_line_and_exit_status(tmp_path):
    path = write(tmp_path, [P(1, "Fine"), P(2, "Cut short")])
    text = path.read_text()
    path.write_text(text[: text.index("<wp:post_id>2</wp:post_id>") + 30])
    result = CliRunner().invoke(cli, ["import-wordpress", str(path)])
    assert result.exit_code == 1
    assert "malformed XML" in result.output and "line" in result.output and "Nothing was written" in result.output
    assert "Traceback" not in result.output
    assert not ImportedObject.objects.exists()


def test_command_refuses_a_missing_file_and_a_bad_section_map(tmp_path):
    result = CliRunner().invoke(cli, ["import-wordpress", str(tmp_path / "nope.xml")])
    assert result.exit_code == 1 and "no such file" in result.output
    path = write(tmp_path, [P(1, "x")])
    result = CliRunner().invoke(cli, ["import-wordpress", str(path), "--section-map", "council"])
    assert result.exit_code == 2 and "CATEGORY=SECTION" in result.output


def test_command_imports_pages_into_a_section_when_asked(tmp_path, client):
    path = write(tmp_path, [P(5, "About the Gazette", post_type="page", categories=[], slug="about")])
    result = CliRunner().invoke(cli, ["import-wordpress", str(path), "--pages-section", "about-us"])
    assert result.exit_code == 0, result.output
    page = ArticlePage.objects.get(pk=ImportedObject.objects.get(kind="page", wp_key="5").object_id)
    assert page.section.slug == "about-us" and not page.section.show_in_menus
    response = client.get("/?page_id=5")
    assert response.status_code == 301 and response["Location"].endswith(page.article_path())
