"""Mail: the moderators' digest (one per window), reply notifications, and one-click unsubscribe."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from dateline.comments import services
from dateline.comments.mail import unsubscribe_url
from dateline.comments.models import Comment, DigestLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators(django_user_model):
    group = Group.objects.get(name="Comment moderator")
    for name in ("mod1", "mod2"):
        user = django_user_model.objects.create_user(name, f"{name}@newsroom.example", "pw-123-long")
        user.groups.add(group)
    django_user_model.objects.create_user("nomail", "", "pw-123-long").groups.add(group)


def test_digest_lists_waiting_comments_with_reasons_once_per_window(article, moderators):
    Comment.objects.create(article=article, author_name="Ines", author_email="i@example.org", body="Please look", held_reasons=["too_many_links"])
    first = services.digest_send()
    second = services.digest_send()
    assert first["sent"] and first["recipients"] == 2 and first["waiting"] == 1
    assert not second["sent"] and second["why"] == "already sent in this window"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["mod1@newsroom.example", "mod2@newsroom.example"]
    assert "Too many links" in message.body and "Please look" in message.body
    assert "/admin/reader-comments/" in message.body
    assert DigestLog.objects.count() == 1


def test_no_digest_when_nothing_waits(article, moderators):
    assert services.digest_send() == {"sent": False, "waiting": 0, "recipients": 0, "why": "nothing waits"}
    assert mail.outbox == []


def test_digest_goes_to_configured_addresses(article, settings):
    settings.DATELINE_COMMENTS_MODERATOR_EMAILS = "desk@newsroom.example, night@newsroom.example"
    Comment.objects.create(article=article, author_name="Ines", author_email="i@example.org", body="x")
    services.digest_send()
    assert mail.outbox[0].to == ["desk@newsroom.example", "night@newsroom.example"]


def _approved(article, email, notify, parent=None, name="Ines"):
    return Comment.objects.create(
        article=article, parent=parent, depth=parent.depth + 1 if parent else 0, author_name=name,
        author_email=email, body=f"{name} says hi", status="approved", notify_replies=notify,
    )


def test_reply_notification_for_an_opted_in_commenter(article, post, run_tasks, django_capture_on_commit_callbacks):
    """An approved reply mails the parent's author who opted in, with a one-click unsubscribe link and header."""
    parent = _approved(article, "ines@example.org", notify=True)
    _approved(article, "tom@example.org", notify=False, name="Tom")  # trusts Tom's email
    with django_capture_on_commit_callbacks(execute=True):
        data = post(article, parent=str(parent.pk), name="Tom", email="tom@example.org", body="I disagree, politely.").json()
    assert data["code"] == "approved"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ines@example.org"]
    assert "I disagree, politely." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/comments/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_no_mail_without_opt_in_or_for_held_replies(article, post, run_tasks, django_capture_on_commit_callbacks):
    quiet = _approved(article, "quiet@example.org", notify=False)
    loud = _approved(article, "loud@example.org", notify=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(article, parent=str(quiet.pk), email="new1@example.org")  # approved? no: first comment, held
        post(article, parent=str(loud.pk), email="new2@example.org")  # held: no mail yet
    assert mail.outbox == []
    held = Comment.objects.get(author_email="new2@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_ids=[held.pk])
    assert [m.to for m in mail.outbox] == [["loud@example.org"]]


def test_one_click_unsubscribe_and_undo(article, client):
    parent = _approved(article, "Ines@Example.org", notify=True)
    link = unsubscribe_url(email=parent.author_email, comment_id=parent.pk)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200 and "no more mail" in response.content.decode()
    assert Comment.objects.get().notify_replies is False
    client.post("/" + path, {"undo": "1"})
    assert Comment.objects.get().notify_replies is True
    # A mail client's RFC 8058 one-click POST.
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and Comment.objects.get().notify_replies is False


def test_forged_unsubscribe_link_is_refused(client):
    response = client.get("/comments/unsubscribe/not-a-real-token/")
    assert response.status_code == 400
    assert "damaged" in response.content.decode()
