"""comment_import_many: comment_import's rules for a whole thread at once, in a few queries."""

import datetime

import pytest
from django.utils import timezone

from dateline.comments.models import Comment, Discussion
from dateline.comments.services import (
    CommentError,
    CommentImportRow,
    comment_import,
    comment_import_many,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime.datetime(2020, 2, 3, 4, 5), datetime.UTC)


def _row(key: str, parent: str = "", **overrides) -> CommentImportRow:
    values = {
        "import_key": key,
        "parent_key": parent,
        "author_name": "Pell Harrow",
        "author_email": "pell@example.org",
        "author_url": "pell.example.org",
        "body_html_or_text": f"<p>Comment {key}</p>",
        "created_at": WHEN,
        "status": Comment.Status.APPROVED,
    }
    values.update(overrides)
    return CommentImportRow(**values)


def test_a_thread_is_written_with_parents_depths_and_the_count():
    article = f.make_article()
    rows = [_row("a"), _row("b", "a"), _row("c", "b"), _row("d", status=Comment.Status.PENDING), _row("e", "a", kind=Comment.Kind.PINGBACK)]
    comments = comment_import_many(article=article, rows=rows)
    stored = {c.import_key: c for c in Comment.objects.all()}
    assert set(stored) == set("abcde") and {k: v.pk for k, v in comments.items()} == {k: v.pk for k, v in stored.items()}
    assert stored["c"].parent == stored["b"] and stored["b"].parent == stored["a"]
    assert [stored[k].depth for k in "abc"] == [0, 1, 2]
    assert stored["a"].body == "Comment a" and stored["a"].author_url == "http://pell.example.org"
    assert stored["e"].kind == Comment.Kind.PINGBACK
    assert Discussion.objects.get(article=article).comment_count == 4


def test_the_same_rows_again_update_and_match_comment_import():
    """A second batch updates in place, and a comment made by comment_import is found by its key."""
    article = f.make_article()
    comment_import(
        article=article, parent=None, author_name="Pell Harrow", author_email="", author_url="", body_html_or_text="old",
        created_at=WHEN, status=Comment.Status.APPROVED, import_key="a",
    )
    comment_import_many(article=article, rows=[_row("a"), _row("b", "a")])
    comment_import_many(article=article, rows=[_row("a", body_html_or_text="edited"), _row("b", "a", status=Comment.Status.PENDING)])
    assert Comment.objects.count() == 2
    assert Comment.objects.get(import_key="a").body == "edited"
    assert Comment.objects.get(import_key="b").status == Comment.Status.PENDING
    assert Discussion.objects.get(article=article).comment_count == 1


def test_a_missing_parent_or_key_is_refused_and_nothing_is_written():
    article = f.make_article()
    with pytest.raises(CommentError):
        comment_import_many(article=article, rows=[_row("x", "nowhere")])
    with pytest.raises(CommentError):
        comment_import_many(article=article, rows=[_row(" ")])
    assert not Comment.objects.exists()


def test_fresh_threads_skip_the_key_lookup_and_count_from_their_rows():
    """A caller's word that keys and articles are new (a first import) writes the same comments and counts, without looking keys up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dateline.comments.services import comment_import_threads

    one, two = f.make_article(), f.make_article()
    threads = [
        (one, [_row("f1"), _row("f2", "f1"), _row("f3", status=Comment.Status.PENDING)]),
        (two, [_row("f4", status=Comment.Status.PENDING)]),
    ]
    with CaptureQueriesContext(connection) as ctx:
        ids = comment_import_threads(threads=threads, fresh=True)
    assert not [q["sql"] for q in ctx.captured_queries if "import_key" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")]
    stored = {c.import_key: c for c in Comment.objects.all()}
    assert {k: c.pk for k, c in stored.items()} == ids and stored["f2"].parent == stored["f1"] and stored["f2"].depth == 1
    assert Discussion.objects.get(article=one).comment_count == 2 and Discussion.objects.get(article=two).comment_count == 0


def test_a_wrong_fresh_word_is_refused_by_the_unique_key():
    from dateline.comments.services import comment_import_threads

    article = f.make_article()
    comment_import_many(article=article, rows=[_row("g1")])
    with pytest.raises(Exception, match="(?i)unique"):  # Django's IntegrityError, or psycopg's from a COPY
        comment_import_threads(threads=[(article, [_row("g1")])], fresh=True)
