"""The demo newsroom that `dateline demo` loads: what it holds, and that loading twice changes nothing."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from PIL import Image
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from dateline.articles.models import (
    ArticleByline,
    ArticleContributor,
    ArticleCorrection,
    ArticlePage,
    HomePage,
    SectionPage,
)
from dateline.authors.models import AuthorPage
from dateline.comments.models import Comment
from dateline.demo import content, images
from dateline.demo.services import ACCOUNTS, demo_load
from dateline.images.models import NewsImage

PASSWORD = "harbour-lights-42"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield demo_load(password=PASSWORD)
            transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": NewsImage.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "users": get_user_model().objects.count(),
        "comments": Comment.objects.count(),
        "tags": Tag.objects.count(),
        "bylines": ArticleByline.objects.count(),
        "corrections": ArticleCorrection.objects.count(),
    }


# -- what the load creates -----------------------------------------------------------------


@pytest.mark.django_db
def test_load_fills_a_newsroom_of_the_promised_size(demo):
    """At least 60 articles are visible to readers, in at least 6 sections, by at least 10 authors, with at least 40 tags."""
    assert ArticlePage.objects.published().count() >= 60
    assert SectionPage.objects.live().count() >= 6
    assert AuthorPage.objects.live().count() >= 10
    assert Tag.objects.filter(articles_articletag_items__isnull=False).distinct().count() >= 40
    assert demo.articles_created == len(content.ARTICLES)


@pytest.mark.django_db
def test_credits_and_corrections_appear_on_enough_articles(demo):
    """Contributor credits are on at least 8 articles and corrections or updates on at least 5, of every kind."""
    assert ArticleContributor.objects.values("article").distinct().count() >= 8
    assert ArticleCorrection.objects.values("article").distinct().count() >= 5
    assert {kind for kind, _label in ArticleCorrection.KINDS} == set(ArticleCorrection.objects.values_list("kind", flat=True))


@pytest.mark.django_db
def test_every_article_is_complete(demo):
    """Each article has a kicker, dek, dateline, 1-2 bylines with known roles, 2-5 tags, 4-8 body blocks and a credited lead image."""
    roles = {value for value, _label in ArticleByline.ROLES}
    for article in ArticlePage.objects.prefetch_related("bylines", "tagged_items").select_related("lead_image"):
        assert article.kicker and article.dek and article.dateline_place, article.slug
        assert 1 <= article.bylines.count() <= 2, article.slug
        assert {b.role for b in article.bylines.all()} <= roles, article.slug
        assert 2 <= len(article.tagged_items.all()) <= 5, article.slug
        assert 4 <= len(article.body) <= 8, article.slug
        assert article.lead_image is not None and article.image_credit, article.slug


@pytest.mark.django_db
def test_body_blocks_cover_every_kind_the_stories_use(demo):
    """Pull quotes appear in at least a third of articles; subheadings, blockquotes and inline images in some."""
    with_kind = Counter()
    for article in ArticlePage.objects.all():
        for kind in {block.block_type for block in article.body}:
            with_kind[kind] += 1
    total = ArticlePage.objects.count()
    assert with_kind["pull_quote"] * 3 >= total
    assert with_kind["subheading"] and with_kind["blockquote"] and with_kind["image"]
    assert with_kind["paragraph"] == total


@pytest.mark.django_db
def test_images_are_credited_and_described(demo):
    """Every image the demo made has a credit and alt text; lead images are 1200x675 and portraits are square."""
    assert demo.images_created == NewsImage.objects.count()
    for image in NewsImage.objects.all():
        assert image.credit and image.description, image.title
        if image.title.startswith("Portrait placeholder"):
            assert image.width == image.height
        else:
            assert (image.width, image.height) == images.LEAD_SIZE


@pytest.mark.django_db
def test_publication_times_spread_over_two_months(demo):
    """First-published times span roughly sixty days, never in the future, and published_at mirrors first_published_at."""
    now = timezone.now()
    articles = list(ArticlePage.objects.all())
    moments = [a.first_published_at for a in articles]
    assert all(a.published_at == a.first_published_at for a in articles)
    assert max(moments) <= now
    assert 50 <= (now - min(moments)).days <= 67
    assert len({m.date() for m in moments}) >= 30


@pytest.mark.django_db
def test_embargoed_articles_are_published_but_hidden(demo):
    """The one or two embargoed stories are live for editors and missing from what readers see."""
    embargoed = ArticlePage.objects.embargoed()
    assert 1 <= embargoed.count() <= 2
    assert all(article.live for article in embargoed)
    assert not ArticlePage.objects.published().filter(pk__in=embargoed.values("pk")).exists()


@pytest.mark.django_db
def test_home_page_leads_with_a_chosen_story(demo):
    """The home page's lead article is the demo's lead story, and it is visible to readers."""
    home = HomePage.objects.get()
    assert home.lead_article is not None
    assert home.lead_article.slug == content.LEAD_SLUG
    assert home.lead_article.is_visible_to_readers()


@pytest.mark.django_db
def test_comments_are_approved_and_threaded(demo):
    """Reader comments are approved (but for a few waiting in the moderation queue), on a dozen or more articles,
    and replies sit one level under a comment on the same article; counts on the articles match."""
    from dateline.comments.models import Discussion

    held = Comment.objects.in_moderation()
    assert held.count() == len(content.HELD_COMMENTS)
    assert all(c.held_reasons for c in held)
    comments = Comment.objects.approved()
    assert comments.exists()
    for discussion in Discussion.objects.all():
        assert discussion.comment_count == comments.filter(article_id=discussion.article_id).count()
    assert comments.values("article").distinct().count() >= 12
    replies = comments.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.depth == reply.parent.depth + 1 == 1
        assert reply.article_id == reply.parent.article_id
        assert reply.created_at > reply.parent.created_at


# -- accounts -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_accounts_belong_to_their_groups(demo):
    """editor, reporter and moderator are staff in their group; admin is a superuser in Administrator."""
    User = get_user_model()
    for spec in ACCOUNTS:
        user = User.objects.get(username=spec.username)
        assert list(user.groups.values_list("name", flat=True)) == [spec.group]
        assert user.is_staff
        assert user.is_superuser is spec.superuser


@pytest.mark.django_db
def test_given_password_opens_every_account_and_is_printed_once(demo):
    """DATELINE_DEMO_PASSWORD, passed in as password, is each new account's password, shown in the summary."""
    User = get_user_model()
    for spec in ACCOUNTS:
        assert User.objects.get(username=spec.username).check_password(PASSWORD)
    lines = demo.summary_lines()
    assert f"Editor login: editor / {PASSWORD}" in lines
    assert f"Reporter login: reporter / {PASSWORD}" in lines


@pytest.mark.django_db
def test_random_password_is_made_when_none_is_given(demo):
    """Without a password, new accounts get one random password, which the summary prints and which works."""
    get_user_model().objects.filter(username__in=[spec.username for spec in ACCOUNTS]).delete()
    result = demo_load(password=None)
    assert result.articles_created == 0
    passwords = {account.password for account in result.accounts}
    assert len(passwords) == 1
    password = passwords.pop()
    assert password and password != PASSWORD and len(password) >= 12
    assert get_user_model().objects.get(username="reporter").check_password(password)
    assert f"Reporter login: reporter / {password}" in result.summary_lines()


# -- idempotency ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_load_changes_nothing(demo):
    """Loading again creates no pages, images, revisions, users, comments or tags, and says so."""
    before = _counts()
    again = demo_load(password="a-different-password")
    assert _counts() == before
    assert not again.changed
    assert again.images_created == again.articles_created == again.comments_created == again.users_created == 0
    lines = again.summary_lines()
    assert lines[0].startswith("Nothing changed")
    assert not any("a-different-password" in line for line in lines)


@pytest.mark.django_db
def test_second_load_never_resets_a_password(demo):
    """An existing account keeps its password even when a different one is passed in."""
    demo_load(password="a-different-password")
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(PASSWORD)
    assert not editor.check_password("a-different-password")


@pytest.mark.django_db
def test_first_load_summary_counts_what_it_made(demo):
    """The first load's summary names its articles, sections, authors and tags."""
    tags = len({tag for spec in content.ARTICLES for tag in spec.tags})
    authors = len({slug for spec in content.ARTICLES for slug, _role in spec.bylines})
    expected = f"{len(content.ARTICLES)} articles in {len(content.SECTIONS)} sections by {authors} authors, {tags} tags."
    assert demo.summary_lines()[0] == expected


# -- content and pictures, without the database --------------------------------------------


def test_content_references_are_consistent():
    """Slugs are unique, bylines name known authors with known roles, and credits and corrections are well formed."""
    slugs = [spec.slug for spec in content.ARTICLES]
    assert len(slugs) == len(set(slugs))
    authors = {spec.slug for spec in content.AUTHORS}
    sections = {spec.slug for spec in content.SECTIONS}
    roles = {value for value, _label in ArticleByline.ROLES}
    kinds = {value for value, _label in ArticleCorrection.KINDS}
    for spec in content.ARTICLES:
        assert spec.section in sections, spec.slug
        assert all(author in authors and role in roles for author, role in spec.bylines), spec.slug
        assert all(kind in kinds and hours >= 0 for kind, _text, hours in spec.corrections), spec.slug
        assert all(name and "," in place for name, place, _role in spec.contributors), spec.slug
        assert spec.place.split(",")[0].isupper(), spec.slug
    assert set(content.COMMENTS) <= set(slugs)
    assert content.LEAD_SLUG in slugs
    for spec in content.AUTHORS:
        assert len(spec.bio.split("\n\n")) == 2 and 1 <= len(spec.links) <= 2, spec.slug


def test_lead_images_are_drawn_the_same_from_the_same_seed():
    """One seed draws identical bytes every time; another seed draws a different picture."""
    first, description = images.lead_image_render(seed="harbour", section="local")
    again, _ = images.lead_image_render(seed="harbour", section="local")
    other, _ = images.lead_image_render(seed="bridge", section="local")
    assert first == again
    assert first != other
    assert Image.open(io.BytesIO(first)).size == images.LEAD_SIZE
    assert description.startswith("Abstract illustration in harbour green and ochre")


def test_portrait_shows_initials_on_a_square():
    """A placeholder portrait is a square JPEG described by the person's initials."""
    data, description = images.portrait_render(name="Kwame Asante-Boyd")
    assert Image.open(io.BytesIO(data)).size == (images.PORTRAIT_SIZE, images.PORTRAIT_SIZE)
    assert "initials KA" in description
