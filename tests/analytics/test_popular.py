"""Most-read lists: windows, sections, freshness, exclusions, caching, and the editors' views of them."""

import datetime

import pytest
from django.utils import timezone

from dateline.analytics import services
from dateline.analytics.models import ArticleViewsTotal
from dateline.analytics.selectors import (
    article_ids_popular,
    article_list_popular,
    article_readership,
)
from dateline.articles.models import ArticlePage
from tests import factories as f

pytestmark = pytest.mark.django_db


def views(article, count, *, at):
    """Put ``count`` counted views of ``article`` at moment ``at`` into the buckets, as a flush would."""
    services.article_views_history_add(article_id=article.pk, hourly={at: count})


@pytest.fixture
def now():
    """A moment just after the test's articles are published (they are made after this is taken)."""
    return timezone.now() + datetime.timedelta(minutes=1)


def test_window_boundaries(now):
    """A view 6 days ago is in the 7-day list; one 8 days ago is only in the 30-day and all-time lists."""
    recent, old, ancient = f.make_article("Recent"), f.make_article("Old"), f.make_article("Ancient")
    views(recent, 5, at=now - datetime.timedelta(days=6, hours=23))
    views(old, 50, at=now - datetime.timedelta(days=8))
    views(ancient, 500, at=now - datetime.timedelta(days=45))
    assert article_ids_popular(days=1, limit=5, now=now) == []
    assert article_ids_popular(days=7, limit=5, now=now) == [recent.pk]
    assert article_ids_popular(days=30, limit=5, now=now) == [old.pk, recent.pk]
    assert article_ids_popular(days=None, limit=5, now=now) == [ancient.pk, old.pk, recent.pk]


def test_last_24_hours_uses_hourly_buckets(now):
    """The 24-hour window counts by the hour, across midnight."""
    a, b = f.make_article(), f.make_article()
    views(a, 3, at=now - datetime.timedelta(hours=2))
    views(b, 9, at=now - datetime.timedelta(hours=23))
    views(b, 100, at=now - datetime.timedelta(hours=26))
    assert article_ids_popular(days=1, limit=5, now=now) == [b.pk, a.pk]


def test_ranked_by_views_then_newest(now):
    """More views rank higher; a tie goes to the newer article."""
    first, second, third = f.make_article(), f.make_article(), f.make_article()
    views(first, 10, at=now - datetime.timedelta(hours=1))
    views(second, 30, at=now - datetime.timedelta(hours=1))
    views(third, 10, at=now - datetime.timedelta(hours=1))
    assert article_ids_popular(days=7, limit=5, now=now) == [second.pk, third.pk, first.pk]


def test_per_section_and_freshness(now):
    """Lists can be limited to a section, and to articles first published inside the window."""
    world, sport = f.make_section("World"), f.make_section("Sport")
    fresh = f.make_article(section=world)
    stale = f.make_article(section=world, published_at=now - datetime.timedelta(days=20))
    other = f.make_article(section=sport)
    for article, n in ((fresh, 5), (stale, 50), (other, 500)):
        views(article, n, at=now - datetime.timedelta(hours=3))
    assert article_ids_popular(days=7, limit=5, section=world, now=now) == [stale.pk, fresh.pk]
    assert article_ids_popular(days=7, limit=5, section=world, fresh_only=True, now=now) == [fresh.pk]


def test_unpublished_embargoed_and_deleted_articles_never_appear(now):
    """Only articles readers may see are listed, however many views the others have."""
    visible = f.make_article()
    unpublished, embargoed, deleted = f.make_article(), f.make_article(), f.make_article()
    for article in (visible, unpublished, embargoed, deleted):
        views(article, 10 if article is visible else 1000, at=now - datetime.timedelta(hours=1))
    unpublished.unpublish()
    ArticlePage.objects.filter(pk=embargoed.pk).update(embargo_until=now + datetime.timedelta(days=1))
    deleted.delete()
    for days in (1, 7, 30, None):
        assert article_ids_popular(days=days, limit=5, now=now) == [visible.pk]


def test_lists_come_from_the_cache(django_assert_num_queries, now):
    """Once computed, a most-read list costs a reader no query at all."""
    article = f.make_article(lead_image=f.make_image())
    newer = f.make_article()
    views(article, 3, at=now - datetime.timedelta(hours=1))
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [article.pk]
    views(newer, 99, at=now - datetime.timedelta(hours=1))
    with django_assert_num_queries(0):
        cards = article_list_popular(days=7, limit=5)
    assert [c.pk for c in cards] == [article.pk]  # stale by design, for at most the refresh interval


def test_the_worker_sums_the_slots_lists_again_before_they_expire(now):
    """slots_refresh (a periodic worker job) recomputes the sidebar's and footer's lists in place."""
    from dateline.core import worker
    from dateline.core.slots import slots_refresh

    article, newer = f.make_article(), f.make_article()
    views(article, 3, at=now - datetime.timedelta(hours=1))
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [article.pk]
    views(newer, 99, at=now - datetime.timedelta(hours=1))
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [article.pk]  # cached

    slots_refresh()
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [newer.pk, article.pk]  # "Top 5 This Week"
    assert [c.pk for c in article_list_popular(days=30, limit=6)] == [newer.pk, article.pk]  # "Popular Articles"
    jobs = dict((job, interval) for interval, job in worker.periodic_jobs())
    assert jobs[slots_refresh] == 4 * 60  # a minute before the default five-minute lists expire


def test_unpublishing_refreshes_the_lists_at_once(now):
    """An article leaves the cached most-read lists the moment it is unpublished."""
    article, other = f.make_article(), f.make_article()
    views(article, 50, at=now - datetime.timedelta(hours=1))
    views(other, 5, at=now - datetime.timedelta(hours=1))
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [article.pk, other.pk]
    article.unpublish()
    assert [c.pk for c in article_list_popular(days=7, limit=5)] == [other.pk]


def test_article_page_shows_top_5_this_week_and_popular_articles(client, now):
    """The sidebar says 'Top 5 This Week' and the footer 'Popular Articles', listing the most read."""
    page = f.make_article("The page being read")
    stars = [f.make_article(f"Star story {i}") for i in range(6)]
    for i, article in enumerate(stars):
        views(article, 100 - i, at=now - datetime.timedelta(days=1))
    old_star = f.make_article("Read two weeks ago")
    views(old_star, 1000, at=now - datetime.timedelta(days=14))
    html = client.get(page.article_path()).content.decode()
    sidebar = html.split('class="slot slot-sidebar"')[1].split("</section>")[0]
    footer = html.split('class="slot slot-footer"')[1].split("</section>")[0]
    assert "Top 5 This Week" in sidebar and "Popular Articles" in footer
    assert [f"Star story {i}" in sidebar for i in range(6)] == [True] * 5 + [False]
    assert "Read two weeks ago" not in sidebar and "Read two weeks ago" in footer


@pytest.mark.parametrize("count", [1, 5])
def test_list_fragments_query_count(django_assert_num_queries, now, count):
    """Computing a most-read list costs a fixed number of queries whatever its length."""
    for _ in range(count):
        views(f.make_article(lead_image=f.make_image()), 5, at=now - datetime.timedelta(hours=2))
    for article in ArticlePage.objects.all():  # warm renditions, as a first reader would
        article.lead_image and article.lead_image.get_rendition("fill-480x270")
    with django_assert_num_queries(7):
        assert len(article_list_popular(days=7, limit=5)) == count


def test_a_view_through_a_cached_page_still_counts(client, settings, django_assert_num_queries):
    """With a full-page cache in front, the page is served from the cache and its beacon still counts."""
    from tests.analytics.test_counting import beacon

    settings.MIDDLEWARE = ["django.middleware.cache.UpdateCacheMiddleware", *settings.MIDDLEWARE, "django.middleware.cache.FetchFromCacheMiddleware"]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    article = f.make_article()
    services.visible_articles.forget()
    first = client.get(article.article_path())
    with django_assert_num_queries(0):  # nothing rendered: straight from the page cache
        second = client.get(article.article_path())
    assert second.content == first.content
    assert f'data-article="{article.pk}"' in second.content.decode()
    assert beacon(f"a={article.pk}") == 204
    services.views_flush()
    assert ArticleViewsTotal.objects.get(article_id=article.pk).views == 1


def test_readership_panel_and_report(client, django_user_model, now):
    """Editors see views per day, window totals and referrers on the article, and a site report with CSV."""
    article = f.make_article("Most read story")
    services.article_view_record(article_id=article.pk, client="a", user_agent="Mozilla/5.0 (X11; Linux) Firefox/130.0", referrer="https://www.search.example/q?x")
    services.views_flush()
    services.article_views_seed_total(article_id=article.pk, views=1200)
    readership = article_readership(article_id=article.pk)
    assert readership.windows["24 hours"] == 1 and readership.windows["all time"] == 1201
    assert readership.referrers == [("search.example", 1)]
    assert len(readership.daily) == 30 and readership.daily[-1][1] == 1

    editor = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Views per day, last 30 days" in html and "<svg" in html and "search.example" in html
    report = client.get("/admin/readership/?window=24+hours")
    assert report.status_code == 200 and "Most read story" in report.content.decode()
    csv = client.get("/admin/readership/?window=all+time&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert lines[0].startswith("rank,article_id,headline") and ",1201" in lines[1]
