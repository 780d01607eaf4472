"""Moderation: the queue in the admin, bulk actions, reports, closing, and the purge each sends."""

import pytest
from django.contrib.auth.models import Group

from dateline.comments import services
from dateline.comments.models import Comment, Discussion
from dateline.core.purge import reader_pages_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def purges():
    """The reader-pages-changed signals sent (after commit), as (reason, paths)."""
    received = []

    def receiver(paths, reason, **kwargs):
        received.append((reason, paths))

    reader_pages_changed.connect(receiver)
    yield received
    reader_pages_changed.disconnect(receiver)


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw-123-long")
    user.groups.add(Group.objects.get(name="Comment moderator"))
    return user


def _held(article, **fields):
    values = {"article": article, "author_name": "Ines", "author_email": "ines@example.org", "body": "Held text", "held_reasons": ["first_comment"]}
    values.update(fields)
    return Comment.objects.create(**values)


def test_approve_publishes_counts_and_purges(article, purges, client, django_capture_on_commit_callbacks):
    comment = _held(article)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.comment_approve(comment_ids=[comment.pk]) == 1
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.approved_at
    assert Discussion.objects.get(article=article).comment_count == 1
    assert purges == [("comment-approved", sorted([article.article_path(), "/", f"/{article.section.slug}/"]))]
    assert "Held text" in client.get(article.article_path()).content.decode()


@pytest.mark.parametrize(("action", "status"), [("comment_mark_spam", "spam"), ("comment_remove", "removed")])
def test_spam_and_remove_take_an_approved_comment_off_and_purge(article, purges, action, status, django_capture_on_commit_callbacks):
    comment = _held(article, status="approved")
    services.discussion_count_refresh(article_ids=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        getattr(services, action)(comment_ids=[comment.pk])
    assert Comment.objects.get().status == status
    assert Discussion.objects.get(article=article).comment_count == 0
    assert [reason for reason, _ in purges] == [f"comment-{'spam' if status == 'spam' else 'removed'}"]


def test_spam_on_a_held_comment_sends_no_purge(article, purges, django_capture_on_commit_callbacks):
    """Readers never saw a held comment, so marking it spam changes no page."""
    comment = _held(article)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_mark_spam(comment_ids=[comment.pk])
    assert purges == []


def test_close_and_reopen_purge(article, purges, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        services.discussion_set_mode(article=article, mode="closed")
    assert "Comments are closed on this article." in client.get(article.article_path()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.discussion_set_mode(article=article, mode="open")
    assert [reason for reason, _ in purges] == ["comments-closed", "comments-open"]
    assert 'action="/comments/post/"' in client.get(article.article_path()).content.decode()


def test_report_returns_a_comment_to_the_queue(client, article, purges, django_capture_on_commit_callbacks):
    """A reader's report (with a token from the confirm page) sends the comment back with "reported by readers"."""
    comment = _held(article, status="approved")
    page = client.get(f"/comments/report/{comment.pk}/")
    assert page.status_code == 200
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/comments/report/{comment.pk}/", {"token": token}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.report_count == 1
    assert "Reported by readers" in comment.held_reason_labels()
    assert [reason for reason, _ in purges] == ["comment-reported"]
    # The same token cannot report again.
    again = client.post(f"/comments/report/{comment.pk}/", {"token": token}, HTTP_ACCEPT="application/json")
    assert again.status_code in (400, 404)


def test_report_threshold(client, article, settings):
    settings.DATELINE_COMMENTS_REPORTS_TO_HOLD = 2
    comment = _held(article, status="approved")
    assert services.comment_report(comment=comment) is False
    assert services.comment_report(comment=comment) is True
    assert Comment.objects.get().status == "pending"


def test_queue_shows_why_each_comment_is_held(client, article, moderator):
    _held(article, held_reasons=["first_comment", "too_many_links", "spam_checker:akismet"])
    client.force_login(moderator)
    html = client.get("/admin/reader-comments/").content.decode()
    assert "First comment from this email" in html
    assert "Too many links" in html
    assert "A spam checker&#x27;s verdict (akismet)" in html
    assert "Reader comments" in html


def test_queue_bulk_actions(client, article, moderator):
    a, b, c = (_held(article, body=f"Text {i}") for i in range(3))
    client.force_login(moderator)
    response = client.post("/admin/reader-comments/", {"action": "approve", "comment": [a.pk, b.pk]})
    assert response.status_code == 302
    client.post("/admin/reader-comments/", {"action": "spam", "comment": [c.pk]})
    assert dict(Comment.objects.values_list("pk", "status")) == {a.pk: "approved", b.pk: "approved", c.pk: "spam"}
    client.post("/admin/reader-comments/", {"action": "remove", "comment": [a.pk]})
    assert Comment.objects.get(pk=a.pk).status == "removed"


def test_queue_close_comments_per_article(client, article, moderator):
    client.force_login(moderator)
    assert client.get(f"/admin/reader-comments/article/{article.pk}/").status_code == 200
    client.post(f"/admin/reader-comments/article/{article.pk}/", {"mode": "closed"})
    assert Discussion.objects.get(article=article).mode == "closed"


def test_queue_is_for_moderators_only(client, article, django_user_model):
    reporter = django_user_model.objects.create_user("rep", "rep@example.org", "pw-123-long")
    reporter.groups.add(Group.objects.get(name="Reporter"))
    client.force_login(reporter)
    assert client.get("/admin/reader-comments/").status_code in (302, 403)
    assert client.post("/admin/reader-comments/", {"action": "approve", "comment": [1]}).status_code in (302, 403)


def test_editor_and_admin_groups_can_moderate(django_user_model):
    for name in ("Comment moderator", "Editor", "Administrator"):
        user = django_user_model.objects.create_user(name, f"{len(name)}@example.org", "pw-123-long")
        user.groups.add(Group.objects.get(name=name))
        assert user.has_perm("dateline_comments.moderate_comment"), name
