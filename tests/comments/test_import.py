"""comment_import: the WordPress importer's way in, idempotent on import_key, HTML to plain text."""

import datetime

import pytest
from django.utils import timezone

from dateline.comments.models import Comment, Discussion
from dateline.comments.services import CommentError, comment_import
from dateline.core.purge import reader_pages_changed
from tests import factories as f

pytestmark = pytest.mark.django_db


def _import(article, **overrides):
    values = {
        "article": article,
        "parent": None,
        "author_name": "Mara Quill",
        "author_email": "mara@example.org",
        "author_url": "https://mara.example.org/",
        "body_html_or_text": "<p>First paragraph.</p><p>Second, with <a href=\"https://example.org/x\">a link</a>.</p>",
        "created_at": timezone.make_aware(datetime.datetime(2019, 5, 4, 10, 30), datetime.UTC),
        "status": Comment.Status.APPROVED,
        "kind": Comment.Kind.COMMENT,
        "import_key": "wp:site1:comment:17",
    }
    values.update(overrides)
    return comment_import(**values)


def test_import_creates_a_comment_with_plain_text_body():
    """An imported comment keeps its paragraphs and link address, and its dates and status."""
    article = f.make_article()
    comment = _import(article)
    assert comment.body == "First paragraph.\n\nSecond, with a link (https://example.org/x)."
    assert comment.status == "approved"
    assert comment.approved_at == comment.created_at
    assert comment.created_at.year == 2019
    assert comment.kind == "comment"
    assert Discussion.objects.get(article=article).comment_count == 1


def test_import_twice_updates_instead_of_duplicating():
    """The same import_key updates the stored comment; nothing is duplicated."""
    article = f.make_article()
    first = _import(article)
    second = _import(article, body_html_or_text="Edited text", status=Comment.Status.PENDING)
    assert first.pk == second.pk
    assert Comment.objects.count() == 1
    stored = Comment.objects.get()
    assert stored.body == "Edited text"
    assert stored.status == "pending"
    assert stored.approved_at is None
    assert Discussion.objects.get(article=article).comment_count == 0


def test_import_threads_replies_and_pingbacks():
    """A reply records its parent and depth; pingbacks and trackbacks keep their kind."""
    article = f.make_article()
    parent = _import(article)
    reply = _import(article, parent=parent, import_key="wp:site1:comment:18", body_html_or_text="A reply")
    ping = _import(article, kind=Comment.Kind.PINGBACK, import_key="wp:site1:comment:19", author_email="")
    assert reply.parent_id == parent.pk and reply.depth == 1
    assert ping.kind == "pingback" and ping.author_email == ""
    assert Discussion.objects.get(article=article).comment_count == 3


def test_import_sends_no_purge(django_capture_on_commit_callbacks):
    """The importer purges once at the end, so a comment import sends no reader-pages signal."""
    article = f.make_article()
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    reader_pages_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _import(article)
    finally:
        reader_pages_changed.disconnect(receiver)
    assert received == []


def test_import_cleans_bad_fields():
    """A malformed email or website is dropped, a long name cut, a naive date taken as UTC, scripts removed."""
    article = f.make_article()
    comment = _import(
        article,
        author_email="not an email",
        author_url="javascript:alert(1)",
        author_name="N" * 200,
        created_at=datetime.datetime(2020, 1, 2, 3, 4),
        body_html_or_text="Hi<script>alert(1)</script> there &amp; <b>bold</b>",
    )
    assert comment.author_email == ""
    assert comment.author_url == ""
    assert len(comment.author_name) == 80
    assert comment.created_at == datetime.datetime(2020, 1, 2, 3, 4, tzinfo=datetime.UTC)
    assert comment.body == "Hi there & bold"


def test_import_rejects_unknown_status_kind_and_foreign_parent():
    """Bad values are refused with a message that says what is allowed."""
    article = f.make_article()
    other = f.make_article()
    with pytest.raises(CommentError, match="Unknown comment status"):
        _import(article, status="published")
    with pytest.raises(CommentError, match="Unknown comment kind"):
        _import(article, kind="note")
    parent = _import(other, import_key="wp:other:1")
    with pytest.raises(CommentError, match="another article"):
        _import(article, parent=parent, import_key="wp:x:2")
    assert Comment.objects.count() == 1


def test_import_without_key_always_creates():
    """Without an import_key there is nothing to match on, so each call stores a new comment."""
    article = f.make_article()
    _import(article, import_key="")
    _import(article, import_key="")
    assert Comment.objects.filter(import_key=None).count() == 2
