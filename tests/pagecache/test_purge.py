"""Purging: publishing, unpublishing, correcting and comment approval reach every server process."""

import pytest
from click.testing import CliRunner
from django.utils import timezone

from dateline.articles.models import ArticleCorrection, ArticlePage
from dateline.core.purge import reader_pages_changed_send
from tests import factories as f

pytestmark = pytest.mark.django_db


def _warm(*clients_and_paths):
    for client, path in clients_and_paths:
        client.get(path)
        assert client.get(path).cache == "hit", path


def test_publishing_an_article_purges_the_pages_it_shows_on(layered, second_process, django_capture_on_commit_callbacks):
    """A new story reaches the front page, its section, tag and author pages in every process at once."""
    section = f.make_section("World")
    author = f.make_author("Ana Ruiz")
    f.make_article("Older story", section=section, authors=[author], tags=["Harbour"])
    pages = ["/", "/world/", "/tags/harbour/", "/authors/ana-ruiz/"]
    for client in (layered, second_process):
        _warm(*[(client, p) for p in pages])
    with django_capture_on_commit_callbacks(execute=True):
        f.make_article("Ferry strike ends", section=section, authors=[author], tags=["Harbour"])
    for client in (layered, second_process):
        for path in pages:
            answer = client.get(path)
            assert answer.cache == "miss", path
            assert "Ferry strike ends" in answer.text, path


def test_unpublishing_purges_the_article_and_its_lists(layered, second_process, django_capture_on_commit_callbacks):
    """An unpublished story stops being served from the cache, and leaves the front page."""
    article = f.make_article("Story to withdraw", tags=["Harbour"])
    path = article.article_path()
    for client in (layered, second_process):
        _warm((client, path), (client, "/"), (client, "/tags/harbour/"))
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    for client in (layered, second_process):
        assert client.get(path).status == 404
        assert "Story to withdraw" not in client.get("/").text
        assert "Story to withdraw" not in client.get("/tags/harbour/").text


def test_a_correction_purges_the_article(layered, second_process, django_capture_on_commit_callbacks):
    """Publishing a revision with a correction shows the correction to the next reader in every process."""
    article = f.make_article("Budget passes")
    path = article.article_path()
    _warm((layered, path), (second_process, path))
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections.add(ArticleCorrection(kind="correction", text="The vote was 31 to 9, not 29 to 11.", published_at=timezone.now()))
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for client in (layered, second_process):
        answer = client.get(path)
        assert answer.cache == "miss"
        assert "The vote was 31 to 9" in answer.text


def test_comment_approval_purges_through_the_signal(layered, second_process, django_capture_on_commit_callbacks):
    """Comment moderation sends reader_pages_changed with the article's path; both processes drop it."""
    article = f.make_article()
    path = article.article_path()
    _warm((layered, path), (second_process, path))
    with django_capture_on_commit_callbacks(execute=True):
        reader_pages_changed_send(paths=[path], reason="comment-approved")
    assert layered.get(path).cache == "miss"
    assert second_process.get(path).cache == "miss"
    assert layered.get("/").cache in ("miss", "hit")  # only the named page was purged


def test_a_purge_is_not_sent_when_the_change_rolls_back(layered, django_capture_on_commit_callbacks):
    article = f.make_article()
    path = article.article_path()
    _warm((layered, path))
    with django_capture_on_commit_callbacks(execute=False):
        reader_pages_changed_send(paths=[path], reason="test")
    assert layered.get(path).cache == "hit"


def test_a_page_rendered_across_a_purge_is_not_stored(layered, django_capture_on_commit_callbacks):
    """A page whose rendering began before a purge of its path may be stale, so it is served but not kept."""
    from dateline.pagecache.journal import journal_append

    article = f.make_article()
    path = article.article_path()
    inner = layered.app.app

    def purging_app(environ, start_response):
        journal_append([path])  # another process purges while this one renders
        return inner(environ, start_response)

    layered.app.app = purging_app
    assert layered.get(path).cache == "miss"
    layered.app.app = inner
    assert layered.get(path).cache == "miss"  # not stored the first time
    assert layered.get(path).cache == "hit"


def test_purge_all_and_a_rotated_journal_drop_everything(layered, journal_file):
    from dateline.pagecache.journal import ALL, journal_append

    article = f.make_article()
    _warm((layered, article.article_path()), (layered, "/"))
    journal_append([ALL])
    assert layered.get("/").cache == "miss"
    _warm((layered, "/"))
    journal_file.unlink()
    journal_file.write_text("")
    assert layered.get("/").cache == "miss"


def test_the_purge_command(layered, journal_file):
    """`dateline purge PATH` drops the page from every process; --all drops them all; a bad path is refused."""
    from dateline.cli import cli

    article = f.make_article()
    path = article.article_path()
    _warm((layered, path), (layered, "/"))
    runner = CliRunner()
    result = runner.invoke(cli, ["purge", path])
    assert result.exit_code == 0, result.output
    assert layered.get(path).cache == "miss" and layered.get("/").cache == "hit"
    result = runner.invoke(cli, ["purge", "--all"])
    assert result.exit_code == 0, result.output
    assert layered.get("/").cache == "miss"
    result = runner.invoke(cli, ["purge", "world"])
    assert result.exit_code == 2 and "start with a slash" in result.output
    assert runner.invoke(cli, ["purge"]).exit_code == 2


def test_front_end_purges_are_queued_for_the_worker(settings, journal_file, django_capture_on_commit_callbacks):
    """With a front-end cache configured, its purge is a background task, never work on the writer's request."""
    from django_tasks import default_task_backend

    settings.DATELINE_PURGE_URLS = "http://127.0.0.1:9/"
    settings.DATELINE_BASE_URL = "https://news.example.org"
    default_task_backend.clear()
    article = f.make_article()
    with django_capture_on_commit_callbacks(execute=True):
        reader_pages_changed_send(paths=[article.article_path()], reason="test")
    queued = [r.args[0] for r in default_task_backend.results if r.task.name == "purge_urls_from_cache_task"]
    assert [f"https://news.example.org{article.article_path()}"] in queued


def test_article_reader_paths_names_every_page_the_article_shows_on():
    from dateline.articles.selectors import article_reader_paths

    article = f.make_article("Port story", section=f.make_section("Local"), authors=[f.make_author("Bo Chen")], tags=["Ferries", "Port"])
    assert article_reader_paths(article=article) == sorted(
        [article.article_path(), "/", "/local/", "/tags/ferries/", "/tags/port/", "/authors/bo-chen/"]
    )


def test_approving_a_comment_purges_its_article(layered, second_process, django_capture_on_commit_callbacks):
    """The comments app's own approval service purges the article page in every process."""
    from dateline.comments.models import Comment
    from dateline.comments.services import comment_approve

    article = f.make_article()
    path = article.article_path()
    comment = Comment.objects.create(article=article, author_name="Reader", body="A first thought.", status=Comment.Status.PENDING)
    _warm((layered, path), (second_process, path))
    with django_capture_on_commit_callbacks(execute=True):
        assert comment_approve(comment_ids=[comment.pk]) == 1
    assert layered.get(path).cache == "miss"
    assert second_process.get(path).cache == "miss"
