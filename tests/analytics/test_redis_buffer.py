"""The Redis view buffer keeps the database buffer's promises: once per reader, counted exactly once."""

import os
import shutil
import subprocess
import time

import pytest

from dateline.analytics import buffers, services
from dateline.analytics.models import ArticleViewsTotal
from tests import factories as f

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0"


@pytest.fixture
def redis_url(tmp_path, settings):
    """A private redis-server on a unix socket, for this test only."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing; `make test-deps` installs it")
        pytest.skip("redis-server is not installed (make test-deps installs it)")
    sock = tmp_path / "redis.sock"
    process = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if sock.exists():
            break
        time.sleep(0.05)
    url = f"unix://{sock}"
    settings.DATELINE_REDIS_URL = url
    buffers._buffers.clear()
    services.visible_articles.forget()
    yield url
    buffers._buffers.clear()
    process.terminate()
    process.wait(timeout=10)


def test_redis_buffer_counts_each_reader_once(redis_url):
    """With Redis, repeat views are dropped and the rest are counted once, however often the flush runs."""
    article = f.make_article()
    assert isinstance(buffers.get_view_buffer(), buffers.RedisViewBuffer)
    outcomes = [services.article_view_record(article_id=article.pk, client=c, user_agent=BROWSER).outcome for c in ("a", "a", "b", "c")]
    assert outcomes == ["counted", "duplicate", "counted", "counted"]
    assert buffers.get_view_buffer().pending() == 3
    assert services.views_flush() == 3
    assert services.views_flush() == 0
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 3


def test_redis_flush_interrupted_after_counting_does_not_count_twice(redis_url, monkeypatch):
    """If the process dies after the counts are saved but before Redis is trimmed, nothing is counted twice."""
    article = f.make_article()
    for client in ("a", "b"):
        services.article_view_record(article_id=article.pk, client=client, user_agent=BROWSER)
    monkeypatch.setattr(buffers.RedisViewBuffer, "after_commit", lambda self, taken: None)  # "crash" before trimming
    assert services.views_flush() == 2
    monkeypatch.undo()
    services.article_view_record(article_id=article.pk, client="c", user_agent=BROWSER)
    assert services.views_flush() == 1
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 3
