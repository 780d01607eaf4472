"""An embargoed article is invisible everywhere until its time passes, with no one pressing a button."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from dateline.articles.models import ArticlePage, HomePage
from dateline.articles.selectors import (
    article_list_for_author,
    article_list_for_section,
    article_list_for_tag,
    article_list_latest,
    home_front,
    tag_get,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed():
    section = f.make_section("World")
    author = f.make_author("Ana Ruiz")
    f.make_article("Visible story", section=section, authors=[author], tags=["Elections"])
    return f.make_article(
        "Embargoed report",
        section=section,
        authors=[author],
        tags=["Elections"],
        embargo_until=timezone.now() + datetime.timedelta(hours=2),
    )


def _everywhere(article, client):
    """Where a reader could meet the article: (surface, seen?)."""
    section, author, tag = article.section, article.bylines.get().author, tag_get(slug="elections")
    pages = {path: article.title in client.get(path).content.decode() for path in ["/", "/world/", "/authors/ana-ruiz/", "/tags/elections/"]}
    return {
        "article page": client.get(article.article_path()).status_code == 200,
        "published queryset": ArticlePage.objects.published().filter(pk=article.pk).exists(),
        "latest": any(c.pk == article.pk for c in article_list_latest(limit=10)),
        "section list": any(c.pk == article.pk for c in article_list_for_section(section=section).items),
        "author list": any(c.pk == article.pk for c in article_list_for_author(author=author).items),
        "tag list": any(c.pk == article.pk for c in article_list_for_tag(tag=tag).items),
        "home": any(c.pk == article.pk for c in [home_front(home=HomePage.objects.get()).get("lead")] + home_front(home=HomePage.objects.get())["top"] if c),
        **{f"page {path}": seen for path, seen in pages.items()},
    }


def test_embargoed_article_is_hidden_on_every_surface(embargoed, client):
    """While the embargo lasts, the live article is on no page, list or queryset readers reach."""
    assert embargoed.live
    seen = _everywhere(embargoed, client)
    assert not any(seen.values()), seen


def test_embargo_lifts_by_itself_when_its_time_passes(embargoed, client):
    """Once the embargo time is past, the article appears without being published again."""
    ArticlePage.objects.filter(pk=embargoed.pk).update(embargo_until=timezone.now() - datetime.timedelta(seconds=1))
    # The page itself shows at once; cached lists within DATELINE_LIST_CACHE_SECONDS (simulated by expiring them).
    assert client.get(embargoed.article_path()).status_code == 200
    for cache in caches.all():
        cache.clear()
    seen = _everywhere(ArticlePage.objects.get(pk=embargoed.pk), client)
    assert all(seen.values()), seen


def test_published_queryset_respects_a_moment():
    """published(at=...) answers for any moment, so schedules can be checked ahead."""
    article = f.make_article(embargo_until=timezone.now() + datetime.timedelta(days=1))
    assert not ArticlePage.objects.published().filter(pk=article.pk).exists()
    assert ArticlePage.objects.published(at=timezone.now() + datetime.timedelta(days=2)).filter(pk=article.pk).exists()
    assert ArticlePage.objects.embargoed().filter(pk=article.pk).exists()


def test_unpublished_article_is_gone(client):
    """Unpublishing takes the article off its page and off the lists."""
    article = f.make_article("Soon withdrawn")
    path = article.article_path()
    assert client.get(path).status_code == 200
    article.unpublish()
    assert client.get(path).status_code == 404
    assert "Soon withdrawn" not in client.get("/").content.decode()
