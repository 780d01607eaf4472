"""Posting a comment: validation messages, the token, holds and publishing, bad input."""

import pytest

from dateline.comments import forms
from dateline.comments.models import Comment
from tests.comments.conftest import aged_token

pytestmark = pytest.mark.django_db


def test_empty_comment_and_name_get_the_exact_messages(post, article):
    """An empty comment gets "Please enter your comment!", an empty name "Please enter your name here"."""
    response = post(article, body="", name="")
    assert response.status_code == 400
    data = response.json()
    assert data["errors"]["body"] == ["Please enter your comment!"]
    assert data["errors"]["name"] == ["Please enter your name here"]
    assert Comment.objects.count() == 0


def test_malformed_email_gets_a_clear_message(post, article):
    response = post(article, email="ines@@example")
    assert response.json()["errors"] == {"email": [forms.EMAIL_INVALID]}


def test_messages_sit_next_to_their_fields_and_text_is_kept_without_js(post, article):
    """Without JavaScript the form comes back with each message under its field and the reader's text in place."""
    response = post(article, json=False, name="", body="My words, kept <b>safe</b>")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="comment-name-error" >Please enter your name here</p>' in html
    assert "My words, kept &lt;b&gt;safe&lt;/b&gt;</textarea>" in html
    assert 'aria-invalid="true"' in html


def test_oversized_comment_is_refused_with_both_numbers(post, article, settings):
    settings.DATELINE_COMMENTS_MAX_LENGTH = 50
    response = post(article, body="x" * 51)
    assert response.json()["errors"]["body"] == ["Your comment is 51 characters long; the limit is 50. Please shorten it."]


def test_first_comment_is_held_and_not_public(post, article, client):
    """A valid first comment is told it awaits moderation and does not appear on the page."""
    response = post(article)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["code"] == "pending"
    assert "awaits moderation" in data["message"]
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.held_reasons == ["first_comment"]
    page = client.get(article.article_path()).content.decode()
    assert "A thoughtful comment" not in page


def test_trusted_commenter_is_published_at_once(post, article, trusted, client):
    trusted()
    data = post(article).json()
    assert data["code"] == "approved"
    assert 'id="comment-' in data["comment"]["html"]
    assert "A thoughtful comment" in client.get(article.article_path()).content.decode()


def test_trust_setting_off_holds_everyone(post, article, trusted, settings):
    settings.DATELINE_COMMENTS_TRUST_APPROVED = False
    trusted()
    post(article)
    assert Comment.objects.get(status="pending").held_reasons == ["untrusted"]


def test_without_js_a_post_redirects_to_a_confirmation(post, article, client):
    """JavaScript off: the valid post answers 303 to a page saying the comment awaits moderation (PRG)."""
    response = post(article, json=False)
    assert response.status_code == 303
    assert response["Location"].startswith("/comments/posted/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "awaits moderation" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_without_js_a_tokenless_post_gets_a_confirm_page_with_a_token(post, article):
    """The cached page has no token; the first no-JS post answers with the text kept and a fresh token."""
    response = post(article, json=False, token="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check your comment" in html
    assert "A thoughtful comment about the bridge.</textarea>" in html
    assert 'name="token" id="comment-token" value="' in html
    assert 'id="comment-token" value=""' not in html
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("make_token", "code"),
    [
        (lambda: "", "missing"),
        (lambda: "garbage", "invalid"),
        (lambda: aged_token(10_000), "expired"),
        (lambda: aged_token(0), "too_fast"),
    ],
)
def test_bad_tokens_are_refused_clearly(post, article, make_token, code):
    response = post(article, token=make_token())
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "token" and data["token_code"] == code and data["message"]
    assert Comment.objects.count() == 0


def test_a_token_is_spent_once(post, article):
    token = aged_token()
    assert post(article, token=token).status_code == 200
    again = post(article, token=token, body="Second try")
    assert again.status_code == 400 and again.json()["token_code"] == "replayed"
    assert Comment.objects.count() == 1


def test_token_endpoint_is_never_cached(client):
    response = client.get("/comments/token/")
    assert response.status_code == 200 and response.json()["token"]
    assert "no-store" in response["Cache-Control"]


def test_honeypot_refuses_and_stores_nothing(post, article):
    response = post(article, homepage="http://spam.example")
    assert response.status_code == 400 and response.json()["code"] == "bot"
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("article_id", ["999999", "abc", ""])
def test_unknown_article_is_a_clear_400(post, article, article_id):
    response = post(article, article=article_id)
    assert response.status_code == 400
    assert "cannot be found" in response.json()["message"]


def test_unknown_article_without_js_keeps_the_text(post, article):
    response = post(article, json=False, article="999999", body="Keep me please")
    assert response.status_code == 400
    assert "Keep me please</textarea>" in response.content.decode()


def test_unknown_parent_is_a_clear_400(post, article):
    response = post(article, parent="424242")
    assert response.status_code == 400 and response.json()["code"] == "parent"


def test_non_browser_client_gets_json(client, article):
    """A client that does not ask for HTML (curl) gets JSON errors, never a page or a 500."""
    response = client.post("/comments/post/", {"article": "x"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_oversized_request_body_is_a_clear_413(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/comments/post/", {"article": article.pk, "body": "y" * 5000, "token": aged_token()}, HTTP_ACCEPT="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["message"]


def test_get_on_post_is_not_allowed(client):
    assert client.get("/comments/post/").status_code == 405


def test_closed_article_refuses_with_text_kept(post, article):
    from dateline.comments.services import discussion_set_mode

    discussion_set_mode(article=article, mode="closed")
    response = post(article, json=False)
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert "A thoughtful comment about the bridge.</textarea>" in response.content.decode()


def test_auto_close_after_days(post, article, settings):
    import datetime

    from django.utils import timezone

    from dateline.articles.models import ArticlePage

    settings.DATELINE_COMMENTS_CLOSE_AFTER_DAYS = 14
    ArticlePage.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(days=15))
    assert post(article).json()["code"] == "closed"
    from dateline.comments.services import discussion_set_mode

    discussion_set_mode(article=article, mode="open")
    assert post(article).json()["code"] == "pending"
