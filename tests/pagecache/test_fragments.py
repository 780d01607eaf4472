"""Fragment caches on the article page: versioned keys, one clear function each, never stale after a change."""

import pytest

from tests import factories as f
from tests.analytics.test_popular import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    from django.utils import timezone

    return timezone.now()


def test_sidebar_and_footer_lists_are_rendered_once(client, now, django_assert_num_queries):
    """The most-read lists' HTML is kept whole: rendering them again costs no query."""
    import datetime

    from dateline.analytics.slots import TopThisWeekSlot

    star = f.make_article("Star story", lead_image=f.make_image())
    views(star, 10, at=now - datetime.timedelta(hours=1))
    page = f.make_article("The page being read")
    slot = TopThisWeekSlot()
    first = slot.render(page=page, request=None)
    assert "Star story" in first
    with django_assert_num_queries(0):
        assert slot.render(page=page, request=None) == first


def test_unpublishing_drops_the_story_from_the_cached_lists(client, now):
    """Clearing the most-read lists (an unpublished story) makes their cached HTML stale too."""
    import datetime

    from dateline.analytics.slots import PopularArticlesSlot

    star, other = f.make_article("Star story"), f.make_article("Other story")
    views(star, 50, at=now - datetime.timedelta(hours=1))
    views(other, 5, at=now - datetime.timedelta(hours=1))
    page = f.make_article("Reading this")
    assert "Star story" in PopularArticlesSlot().render(page=page, request=None)
    star.unpublish()
    html = PopularArticlesSlot().render(page=page, request=None)
    assert "Star story" not in html and "Other story" in html


def test_popular_fragments_clear_makes_them_stale(now, settings):
    """The one clear function for the rendered lists: after it, they are rendered anew."""
    import datetime

    from dateline.analytics.slots import TopThisWeekSlot, popular_fragments_clear

    star = f.make_article("Star story")
    views(star, 5, at=now - datetime.timedelta(hours=1))
    page = f.make_article()
    assert "Top 5 This Week" in TopThisWeekSlot().render(page=page, request=None)
    settings.DATELINE_POPULAR_SIDEBAR_HEADING = "Most read"
    assert "Top 5 This Week" in TopThisWeekSlot().render(page=page, request=None)  # cached
    popular_fragments_clear()
    assert "Most read" in TopThisWeekSlot().render(page=page, request=None)


def test_an_authors_new_name_reaches_their_articles(client):
    """The article's cached part shows bylines; republishing the author page clears it."""
    author = f.make_author("Ana Ruiz")
    article = f.make_article("Harbour story", authors=[author])
    assert "Ana Ruiz" in client.get(article.article_path()).content.decode()
    author.title = "Ana Ruiz-Okafor"
    author.save_revision().publish()
    assert "Ana Ruiz-Okafor" in client.get(article.article_path()).content.decode()


def test_a_preview_is_never_cached_for_readers(client):
    """An editor's preview renders the draft without touching the readers' cached copy."""
    from dateline.articles.models import ArticlePage

    article = f.make_article("Published headline")
    assert "Published headline" in client.get(article.article_path()).content.decode()
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "Draft headline"
    assert b"Draft headline" in draft.make_preview_request().content
    assert "Draft headline" not in client.get(article.article_path()).content.decode()
