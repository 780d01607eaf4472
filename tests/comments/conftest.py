"""Fixtures for the comments tests: an article, a fresh token old enough to use, a poster."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from dateline.comments import tokens
from dateline.project.settings.base import TASK_QUEUES
from tests import factories as f


@pytest.fixture
def article(db):
    return f.make_article("Harbour bridge reopens")


def aged_token(seconds: float = 60) -> str:
    """A token issued ``seconds`` ago (past the minimum fill time)."""
    import secrets

    return signing.dumps({"n": secrets.token_urlsafe(12), "t": round(time.time() - seconds, 2)}, salt=tokens.SALT)


@pytest.fixture
def post(client):
    """POST a comment as the page's script does (JSON answer); fields default to a valid comment."""

    def send(target, *, json=True, token=None, **fields):
        data = {
            "article": target.pk,
            "body": "A thoughtful comment about the bridge.",
            "name": "Ines Varga",
            "email": "ines@example.org",
            "url": "",
            "token": aged_token() if token is None else token,
        }
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        headers = {"HTTP_ACCEPT": "application/json"} if json else {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}
        return client.post("/comments/post/", data, REMOTE_ADDR="203.0.113.9", **headers)

    return send


@pytest.fixture
def trusted(article):
    """Make an email trusted: it has an approved comment."""
    from dateline.comments.models import Comment

    def make(email="ines@example.org"):
        return Comment.objects.create(article=article, author_name="Ines Varga", author_email=email, body="Earlier.", status="approved")

    return make


@pytest.fixture
def run_tasks(settings):
    """Run queued tasks at once, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
