"""New posts are written in batches: the pages must be what Wagtail itself would have saved."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import default_task_backend
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Revision

from dateline.articles.models import ArticlePage
from dateline.comments import services as comment_services
from dateline.comments.models import Comment
from dateline.importers.wordpress.models import ImportedObject
from dateline.importers.wordpress.services import (
    WordPressImporter,
    _IdsSeen,
    imported_pages_index,
    wordpress_import,
)
from dateline.importers.wordpress.tasks import imported_pages_index_task

from .wxr import C, P, write

pytestmark = pytest.mark.django_db


class SmallBatches(WordPressImporter):
    batch_size = 2


def _posts(n: int) -> list[P]:
    return [
        P(
            100 + i,
            f"Harbour story {i}",
            slug=f"harbour-story-{i}",
            categories=[("harbour", "Harbour")] if i % 2 else [("council", "Council")],
            tags=[("tides", "Tides")],
            comments=[C(1000 + 10 * i, "First!"), C(1001 + 10 * i, "A reply", parent=1000 + 10 * i), C(1002 + 10 * i, "Deeper", parent=1001 + 10 * i)],
        )
        for i in range(5)
    ]


def test_batched_articles_are_whole_wagtail_pages(tmp_path, client, django_user_model):
    wordpress_import(path=write(tmp_path, _posts(5)), importer_class=SmallBatches)
    articles = list(ArticlePage.objects.order_by("path"))
    assert len(articles) == 5
    assert Page.find_problems() == ([], [], [], [], [])
    for article in articles:
        parent = article.get_parent()
        assert article.section_id == parent.pk and article.url_path == f"{parent.url_path}{article.slug}/"
        assert article.live and not article.has_unpublished_changes and article.draft_title == article.title
        assert article.locale == Locale.get_default() and article.content_type.model_class() is ArticlePage
        assert article.published_at == article.first_published_at
        revision = article.latest_revision
        assert revision is not None and article.live_revision_id == revision.pk
        assert article.latest_revision_created_at == revision.created_at
        restored = revision.as_object()  # what the editor opens
        assert restored.title == article.title and [b.author_id for b in restored.bylines.all()] == [b.author_id for b in article.bylines.all()]
        assert [t.name for t in restored.tags.all()] == ["Tides"]
        thread = list(Comment.objects.filter(article=article).order_by("depth"))
        assert [c.depth for c in thread] == [0, 1, 2] and thread[2].parent == thread[1] and thread[1].parent == thread[0]
        assert Redirect.objects.get(redirect_page=article).old_path.endswith(f"/{article.slug}")
    assert Revision.objects.count() >= 5

    article = articles[0]
    assert client.get(article.article_path()).status_code == 200

    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "x")
    client.force_login(editor)
    assert article.title in client.get(f"/admin/pages/{article.get_parent().pk}/").content.decode()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200

    draft = article.get_latest_revision_as_object()
    draft.title = "Harbour story, revised"
    draft.save_revision(user=editor).publish(user=editor)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.title == "Harbour story, revised" and article.live_revision_id == article.latest_revision_id
    assert article.tags.count() == 1 and article.bylines.count() == 1
    assert Page.find_problems() == ([], [], [], [], [])
    assert "Harbour story, revised" in client.get(article.article_path()).content.decode()


def test_batches_queue_one_indexing_task_and_index_on_the_worker(tmp_path):
    default_task_backend.clear()
    wordpress_import(path=write(tmp_path, _posts(5)), importer_class=SmallBatches)
    queued = [r for r in default_task_backend.results if r.task.func is imported_pages_index_task.func]
    assert len(queued) == 1 and sorted(queued[0].kwargs["page_ids"]) == sorted(ArticlePage.objects.values_list("pk", flat=True))
    assert imported_pages_index(page_ids=queued[0].kwargs["page_ids"]) == 5
    assert ArticlePage.objects.search("Harbour").count() == 5


def test_a_batch_costs_the_same_few_queries_however_many_posts_it_holds(tmp_path):
    def queries(n: int) -> int:
        path = write(tmp_path, [P(500 + n * 10 + i, f"Story {n} {i}", slug=f"story-{n}-{i}") for i in range(n)], name=f"e{n}.xml")
        importer = WordPressImporter(path=path)
        importer.batch_size = 100
        flushes = []
        flush = importer._articles_flush

        def counted():
            with CaptureQueriesContext(connection) as ctx:
                flush()
            flushes.append(len(ctx.captured_queries))

        importer._articles_flush = counted
        importer.run()
        return max(flushes)

    assert queries(3) == queries(12)


def test_the_same_post_twice_in_one_file_is_written_once_and_updated(tmp_path):
    first = P(77, "Lighthouse keeper retires", slug="keeper")
    second = P(77, "Lighthouse keeper retires after forty years", slug="keeper")
    summary = wordpress_import(path=write(tmp_path, [first, second]), importer_class=SmallBatches)
    assert ArticlePage.objects.count() == 1 and ImportedObject.objects.filter(kind="post").count() == 1
    assert ArticlePage.objects.get().title == "Lighthouse keeper retires after forty years"
    assert summary.created["posts"] == 1 and summary.updated["posts"] == 1


def test_slugs_stay_unique_within_a_batch_and_against_the_site(tmp_path):
    posts = [P(201, "Gull count", slug="gull-count"), P(202, "Gull count again", slug="gull-count"), P(203, "Gull count thrice", slug="gull-count")]
    wordpress_import(path=write(tmp_path, posts))
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["gull-count", "gull-count-202", "gull-count-203"]
    wordpress_import(path=write(tmp_path, [P(204, "Gull count, later", slug="gull-count")], name="later.xml"))
    assert ArticlePage.objects.filter(slug="gull-count-204").exists()


def test_batched_revisions_hold_what_wagtail_serialises_for_the_saved_page(tmp_path, client, django_user_model):
    """The batch path makes each revision's content from rows, not from a page instance: it must be the same data."""
    posts = _posts(5) + [
        P(200, "A draft about the pier", status="draft", content="<h2>Pier</h2><p>Planks <em>replaced</em>.</p><ul><li>one</li></ul>"),
        P(201, "Scheduled ferry notice", status="future", date_gmt="2099-01-01 10:00:00", date="2099-01-01 11:00:00"),
    ]
    wordpress_import(path=write(tmp_path, posts), importer_class=SmallBatches)
    articles = list(ArticlePage.objects.order_by("path"))
    assert len(articles) == 7
    for article in articles:
        expected = article.serializable_data()  # read back through Wagtail and modelcluster
        expected["latest_revision"] = expected["live_revision"] = None  # as before its first revision
        stored = dict(article.latest_revision.content)
        body = stored.pop("body")
        assert json.loads(body) == json.loads(expected.pop("body"))
        assert all(block["id"] for block in json.loads(body))
        assert json.loads(json.dumps(expected, cls=DjangoJSONEncoder)) == stored
        restored = article.latest_revision.as_object()
        assert restored.translation_key == article.translation_key and [(b.block_type, b.id) for b in restored.body] == [(b.block_type, b.id) for b in article.body]
    draft = ArticlePage.objects.get(title="A draft about the pier")
    assert not draft.live and draft.live_revision_id is None and draft.has_unpublished_changes
    scheduled = ArticlePage.objects.get(title="Scheduled ferry notice")
    assert scheduled.latest_revision.approved_go_live_at == scheduled.go_live_at is not None

    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "x")
    client.force_login(editor)
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{draft.pk}/history/").status_code == 200
    draft.get_latest_revision_as_object().save_revision(user=editor).publish(user=editor)
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert draft.live and draft.revisions.count() == 2 and draft.bylines.count() == 1


class InBackground(SmallBatches):
    """The PostgreSQL path (batches written on a second thread), on whichever database the tests run."""

    def _writes_in_background(self) -> bool:
        return True


def test_batches_written_in_the_background_are_the_same_as_in_line(tmp_path):
    wordpress_import(path=write(tmp_path, _posts(5)), importer_class=InBackground)
    assert ArticlePage.objects.count() == 5 and Page.find_problems() == ([], [], [], [], [])
    assert Comment.objects.count() == 15 and Revision.objects.filter(object_id__in=[str(p.pk) for p in ArticlePage.objects.all()]).count() == 5
    summary = wordpress_import(path=write(tmp_path, _posts(5)), importer_class=InBackground)  # again: nothing changes
    assert summary.unchanged["posts"] == 5 and ArticlePage.objects.count() == 5 and Comment.objects.count() == 15


def test_an_error_in_the_background_writer_rolls_the_whole_import_back(tmp_path, monkeypatch):
    calls = []

    def failing(self, pending):
        calls.append(len(pending))
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(self, pending)

    original = WordPressImporter._comments_insert
    monkeypatch.setattr(WordPressImporter, "_comments_insert", failing)
    with pytest.raises(RuntimeError, match="went away"):
        wordpress_import(path=write(tmp_path, _posts(5)), importer_class=InBackground)
    assert len(calls) == 2
    assert not ArticlePage.objects.exists() and not Comment.objects.exists() and not ImportedObject.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST compression")
def test_large_values_are_compressed_with_lz4_on_postgresql(tmp_path):
    """The import's bodies and revisions are squeezed with lz4 (quicker than the default pglz); reading them is the same."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone() is None:
            pytest.skip("this server was built without lz4")
    text = " ".join(f"The ferry number {n} left the quay at dawn." for n in range(200))
    wordpress_import(path=write(tmp_path, [P(700, "A long story", content=f"<p>{text}</p>")]))
    article = ArticlePage.objects.get(title="A long story")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_compression(body) FROM articles_articlepage WHERE page_ptr_id = %s", [article.pk])
        assert cursor.fetchone()[0] == "lz4"
        cursor.execute("SELECT pg_column_compression(content) FROM wagtailcore_revision WHERE id = %s", [article.latest_revision_id])
        assert cursor.fetchone()[0] == "lz4"
    restored = article.latest_revision.as_object()
    assert text in str(article.body) and [b.value.source for b in restored.body] == [b.value.source for b in article.body]


def _fresh_words(monkeypatch) -> list[bool]:
    """What each batch told comment_import_threads: whether its comment keys could be written unlooked-up."""
    words = []
    original = comment_services.comment_import_threads

    def recording(*, threads, fresh=False):
        words.append(fresh)
        return original(threads=threads, fresh=fresh)

    monkeypatch.setattr(comment_services, "comment_import_threads", recording)
    return words


@pytest.mark.parametrize("in_process", [True, False], ids=["reading-process", "in-line"])
def test_a_sites_first_import_writes_comments_unlooked_up_and_a_second_import_changes_nothing(tmp_path, monkeypatch, in_process):
    words = _fresh_words(monkeypatch)
    importer = type("Batches", (SmallBatches,), {"read_in_process": in_process})
    wordpress_import(path=write(tmp_path, _posts(5)), importer_class=importer)
    assert words == [True, True, True] and Comment.objects.count() == 15
    words.clear()
    summary = wordpress_import(path=write(tmp_path, _posts(5)), importer_class=importer)
    assert summary.unchanged["posts"] == 5 and Comment.objects.count() == 15 and words == []
    more = [*_posts(5), P(300, "A later story", slug="later", comments=[C(3000, "Late"), C(1000, "First!")])]
    summary = wordpress_import(path=write(tmp_path, more, name="more.xml"), importer_class=importer)
    assert words == [False]  # the site has comments now: keys are looked up, and comment 1000 moves to the later story
    assert summary.created["posts"] == 1 and Comment.objects.count() == 16
    assert Comment.objects.get(import_key__endswith=":1000").article.title == "A later story"


@pytest.mark.parametrize("in_process", [True, False], ids=["reading-process", "in-line"])
def test_a_comment_id_met_twice_in_a_first_import_is_looked_up_as_before(tmp_path, monkeypatch, in_process):
    """WordPress never repeats a comment ID, but a file may: the later batch looks its keys up, and the comment moves, as ever."""
    words = _fresh_words(monkeypatch)
    importer = type("Batches", (SmallBatches,), {"read_in_process": in_process})
    posts = [*_posts(5), P(300, "A later story", slug="later", comments=[C(3000, "Late"), C(1000, "First!")])]
    summary = wordpress_import(path=write(tmp_path, posts), importer_class=importer)
    assert words == [True, True, False] and summary.created["posts"] == 6  # batches of two: the last holds the later story
    assert Comment.objects.count() == 16 and Comment.objects.get(import_key__endswith=":1000").article.title == "A later story"


def test_ids_seen_tell_whether_any_id_was_met_before():
    seen = _IdsSeen()
    assert seen.add([5, 9, 1_000_000]) is True
    assert seen.add([6, 7]) is True and seen.add([8, 9]) is False and seen.add([8]) is False
    assert seen.add([3, 3]) is False  # twice in one call
    assert seen.add([_IdsSeen.limit]) is False and seen.add([-1]) is False  # out of range: never vouched for
    assert len(seen.bits) <= _IdsSeen.limit >> 3
