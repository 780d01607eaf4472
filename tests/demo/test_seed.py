"""`dateline seed`: synthetic articles and comments written in bulk, with the page tree kept valid."""

from __future__ import annotations

import pytest
from django.utils import timezone
from wagtail.models import Page

from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag, SectionPage
from dateline.authors.models import AuthorPage
from dateline.comments.models import Comment
from dateline.demo.seed import SECTION_NAMES, seed_bulk
from tests import factories

pytestmark = pytest.mark.django_db

SMALL = {"articles": 30, "comments": 60, "sections": 3, "tags": 10, "seed": 1}


def _assert_tree_valid():
    problems = Page.find_problems()
    assert all(not ids for ids in problems), f"treebeard found problems: {problems}"
    # Wagtail's own view of the tree: each url_path is the parent's plus the slug.
    for page in Page.objects.filter(depth__gt=2).select_related(None).only("path", "url_path", "slug"):
        parent = Page.objects.only("url_path").get(path=page.path[: -Page.steplen])
        assert page.url_path == f"{parent.url_path}{page.slug}/", page.path


def test_seed_keeps_the_page_tree_valid():
    """After a seed the tree has no bad paths, orphans, wrong depths or wrong child counts."""
    seed_bulk(**SMALL)

    _assert_tree_valid()


def test_seed_keeps_the_tree_valid_across_batches():
    """Several small batches into the same sections each append after the last child."""
    seed_bulk(**SMALL, batch_size=7)

    _assert_tree_valid()
    assert ArticlePage.objects.count() == 30


def test_seed_appends_after_pages_made_by_hand():
    """Articles already in a section keep their place and the seeded ones follow them."""
    world = factories.make_section("World")
    existing = factories.make_article(section=world)

    seed_bulk(**SMALL)

    _assert_tree_valid()
    existing.refresh_from_db()
    assert existing.path == world.path + "0001"
    assert ArticlePage.objects.child_of(world).count() == SectionPage.objects.get(pk=world.pk).numchild


def test_seed_adds_published_articles():
    """Every seeded article is live, published in the last two years and visible to readers."""
    before = ArticlePage.objects.published().count()

    result = seed_bulk(**SMALL)

    assert result.articles == 30
    assert ArticlePage.objects.published().count() == before + 30
    now = timezone.now()
    for article in ArticlePage.objects.all():
        assert article.live
        assert article.published_at == article.first_published_at == article.last_published_at
        assert now - timezone.timedelta(days=731) < article.published_at <= now


def test_seeded_sections_are_made_once_in_name_order():
    """``sections=3`` makes World, Local and Politics under the home page, and reuses them on the next run."""
    seed_bulk(**SMALL)
    seed_bulk(**SMALL)

    titles = list(SectionPage.objects.live().filter(depth=3).order_by("path").values_list("title", flat=True))
    assert titles == SECTION_NAMES[:3]


def test_seeded_article_section_matches_its_parent():
    """The denormalised ``section`` of each article is the section page it sits under."""
    seed_bulk(**SMALL)

    for article in ArticlePage.objects.all():
        parent = article.get_parent()
        assert article.section_id == parent.pk
        assert article.depth == 4


def test_seeded_article_urls_are_unique():
    """No two seeded articles share an address, even after two runs with the same seed."""
    seed_bulk(**SMALL)
    seed_bulk(**SMALL)

    paths = [a.article_path() for a in ArticlePage.objects.select_related("section")]
    assert len(paths) == 60
    assert len(set(paths)) == 60


def test_seeded_articles_have_bylines_tags_and_a_body():
    """Each article has one or two bylines from the author pool, up to three tags, and five paragraphs."""
    seed_bulk(**SMALL)

    assert 40 <= AuthorPage.objects.count() <= 60
    for article in ArticlePage.objects.all():
        bylines = ArticleByline.objects.filter(article=article).count()
        assert 1 <= bylines <= 2
        assert ArticleTag.objects.filter(content_object=article).count() <= 3
        assert [block.block_type for block in article.body] == ["paragraph"] * 5
        assert article.dek and article.dateline_place
        assert article.lead_image_id is None


def test_seed_adds_approved_comments_with_some_replies():
    """Comments are approved, on the new articles, and replies answer a comment on the same article."""
    result = seed_bulk(**SMALL)

    assert result.comments == 60
    assert Comment.objects.approved().count() == 60
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.article_id == reply.parent.article_id
        assert reply.depth == reply.parent.depth + 1
        assert reply.created_at >= reply.parent.created_at


def test_seed_twice_appends_more_articles():
    """A second run adds as many again, with a valid tree and no duplicate slugs."""
    seed_bulk(**SMALL)
    result = seed_bulk(**SMALL)

    assert result.articles == 30
    assert ArticlePage.objects.published().count() == 60
    assert Comment.objects.count() == 120
    assert ArticlePage.objects.values("slug").distinct().count() == 60
    _assert_tree_valid()


def test_seed_reports_progress_through_echo():
    """One progress line per batch goes to ``echo``."""
    lines = []

    seed_bulk(**SMALL, batch_size=10, echo=lines.append)

    assert sum("articles" in line for line in lines) == 3


def test_seeded_article_page_renders(client):
    """A seeded article is served at its address with status 200."""
    seed_bulk(**SMALL)
    article = ArticlePage.objects.select_related("section").order_by("pk").first()

    response = client.get(article.article_path())

    assert response.status_code == 200
    assert article.title.encode() in response.content
