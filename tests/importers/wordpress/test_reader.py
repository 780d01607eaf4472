"""The second pass reads and converts the file in a forked process: the same import, the same errors."""

from __future__ import annotations

import os

import pytest
from wagtail.models import Page, Revision

from dateline.articles.models import ArticlePage
from dateline.comments.models import Comment
from dateline.importers.wordpress.models import ImportedObject
from dateline.importers.wordpress.parser import WXRError
from dateline.importers.wordpress.services import WordPressImporter

from .wxr import C, P, write

pytestmark = pytest.mark.django_db


class InLine(WordPressImporter):
    read_in_process = False


class SmallBatches(WordPressImporter):
    batch_size = 2


def _posts() -> list[P]:
    return [
        P(
            200 + i,
            f"Quay story {i}" if i != 3 else "",
            content=f'<p>Tide {i}.</p><figure><img src="https://gullpoint.example/wp-content/uploads/gone-{i}.jpg" class="wp-image-{900 + i}"/><figcaption>Gone {i}</figcaption></figure>',
            comments=[
                C(3000 + 10 * i, "First!"),
                C(3001 + 10 * i, "A reply", parent=3000 + 10 * i),
                C(3002 + 10 * i, "Buy pills", approved="spam"),
                C(3003 + 10 * i, "Held", approved="0", parent=3002 + 10 * i),
            ],
        )
        for i in range(5)
    ]


def _nothing_written() -> bool:
    return not ArticlePage.objects.exists() and not Comment.objects.exists() and not ImportedObject.objects.filter(kind="post").exists()


def test_articles_are_converted_in_a_second_process(tmp_path):
    """The conversion runs in the forked reader, not in the process that writes."""

    class Marked(SmallBatches):
        def article_fields(self, item, *, body):
            fields = super().article_fields(item, body=body)
            fields["dek"] = str(os.getpid())
            return fields

    Marked(path=write(tmp_path, _posts())).run()
    deks = set(ArticlePage.objects.values_list("dek", flat=True))
    assert len(deks) == 1 and deks != {str(os.getpid())}


def test_the_same_import_with_and_without_the_reading_process(tmp_path):
    """Counts, skips (spam, missing images, untitled posts) and rows are the same either way."""
    path = write(tmp_path, _posts())
    in_line = InLine(path=path).run(dry_run=True)
    summary = SmallBatches(path=path).run()
    assert summary.lines()[1:] == in_line.lines()[1:]
    assert summary.skipped and summary.created["comments"] == 10 and summary.created["comments held for moderation"] == 5
    assert ArticlePage.objects.count() == 5 and Comment.objects.count() == 15 and Page.find_problems() == ([], [], [], [], [])
    assert Revision.objects.filter(object_id__in=[str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)]).count() == 5


def test_a_second_import_through_the_reading_process_changes_nothing(tmp_path):
    path = write(tmp_path, _posts())
    SmallBatches(path=path).run()
    before = (ArticlePage.objects.count(), Comment.objects.count(), Revision.objects.count())
    again = SmallBatches(path=path).run()
    assert again.unchanged["posts"] == 5 and not again.created["posts"] and not again.updated
    assert (ArticlePage.objects.count(), Comment.objects.count(), Revision.objects.count()) == before


def test_a_changed_post_is_updated_from_what_the_reading_process_converted(tmp_path):
    posts = _posts()
    SmallBatches(path=write(tmp_path, posts)).run()
    posts[1].content = "<p>The tide turned.</p>"
    posts[1].comments.append(C(3099, "Late comment"))
    summary = SmallBatches(path=write(tmp_path, posts)).run()
    assert summary.updated["posts"] == 1 and summary.unchanged["posts"] == 4
    article = ArticlePage.objects.get(pk=ImportedObject.objects.get(kind="post", wp_key="201").object_id)
    assert "The tide turned." in str(article.body) and article.comments.filter(import_key__endswith=":3099").exists()


def test_a_malformed_comment_found_by_the_reading_process_names_it_and_writes_nothing(tmp_path):
    """The first pass skips comments; the reader finds the bad one after two batches were written, and all rolls back."""
    path = write(tmp_path, _posts())
    path.write_text(path.read_text().replace("<wp:comment_id>3040</wp:comment_id>", "<wp:comment_id>forty</wp:comment_id>"))
    with pytest.raises(WXRError) as in_line:
        InLine(path=path).run()
    with pytest.raises(WXRError, match=r"^line \d+, item 204 \(starting at line \d+\): a comment whose <wp:comment_id> is 'forty'$") as caught:
        SmallBatches(path=path).run()
    assert (str(caught.value), caught.value.line, caught.value.item) == (str(in_line.value), in_line.value.line, in_line.value.item)
    assert _nothing_written()


def test_an_error_in_the_reading_process_rolls_everything_back(tmp_path):
    class Failing(SmallBatches):
        def body_for(self, item, *, label):
            if item.post_id == 204:
                raise ValueError("cannot convert this")
            return super().body_for(item, label=label)

    with pytest.raises(RuntimeError, match="(?s)reading the file failed.*ValueError: cannot convert this"):
        Failing(path=write(tmp_path, _posts())).run()
    assert _nothing_written()


def test_the_reading_process_refuses_to_query(tmp_path):
    """It shares the writer's connection: a subclass that queries while converting must read in line."""

    class Querying(SmallBatches):
        def tags_for(self, item, *, section_slug):
            list(Page.objects.all()[:1])
            return super().tags_for(item, section_slug=section_slug)

    with pytest.raises(RuntimeError, match="read_in_process = False"):
        Querying(path=write(tmp_path, _posts())).run()
    assert _nothing_written()

    class QueryingInLine(Querying):
        read_in_process = False

    assert QueryingInLine(path=write(tmp_path, _posts())).run().created["posts"] == 5


def test_an_error_while_writing_stops_the_reading_process(tmp_path, monkeypatch):
    from dateline.importers.wordpress import services

    readers = []
    original = services._ProcessReader.items

    def tracked(self):
        readers.append(self)
        yield from original(self)

    def failing(self, pending):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services._ProcessReader, "items", tracked)
    monkeypatch.setattr(WordPressImporter, "_comments_insert", failing)
    with pytest.raises(RuntimeError, match="went away"):
        SmallBatches(path=write(tmp_path, _posts())).run()
    assert readers and readers[0].process is None and readers[0].receiving is None  # stopped and joined, the receiving thread too
    assert _nothing_written()


def test_the_reading_process_runs_ahead_only_as_far_as_the_chunks_received_allow(tmp_path, monkeypatch):
    """Chunks wait, still pickled, up to ``ahead`` of them; a full queue holds the child back, and the import is whole."""
    from dateline.importers.wordpress import services

    monkeypatch.setattr(services._ProcessReader, "chunk", 1)
    monkeypatch.setattr(services._ProcessReader, "ahead", 2)
    seen = []
    original = services._ProcessReader._receive

    def watched(self):
        seen.append(self.received.maxsize)
        original(self)

    monkeypatch.setattr(services._ProcessReader, "_receive", watched)
    summary = SmallBatches(path=write(tmp_path, _posts())).run()
    assert seen == [2] and summary.created["posts"] == 5 and Comment.objects.count() == 15
