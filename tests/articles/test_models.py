import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dateline.articles.models import ArticleCorrection, ArticlePage
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_article_url_carries_section_and_first_published_date():
    """An article's address is /<section>/<yyyy>/<mm>/<dd>/<slug>/ from its first publication."""
    when = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 0))
    article = f.make_article("Ferry timetable changes", section=f.make_section("Local"), slug="ferry-timetable", published_at=when)
    assert article.article_path() == "/local/2026/03/04/ferry-timetable/"
    assert article.url == "/local/2026/03/04/ferry-timetable/"


def test_section_follows_the_parent_page():
    """The denormalised section is the article's parent in the page tree, also after a move."""
    world, business = f.make_section("World"), f.make_section("Business")
    article = f.make_article(section=world)
    assert article.section == world
    article.move(business, pos="last-child")
    from dateline.articles.services import article_section_sync

    article_section_sync(article_id=article.pk)
    assert ArticlePage.objects.get(pk=article.pk).section == business


def test_published_at_copies_first_published_at():
    """published_at is kept equal to Wagtail's first_published_at when publishing."""
    article = f.make_article()
    assert article.published_at == article.first_published_at is not None
    draft = f.make_article(publish=False)
    assert draft.published_at is None


def test_contributor_credit_line():
    """A contributor credit reads '<Name> contributed reporting from <Place>.'"""
    article = f.make_article(contributors=[("Lena Park", "Busan, South Korea")])
    credit = article.contributors.get()
    assert credit.credit_line() == "Lena Park contributed reporting from Busan, South Korea."
    credit.role = "research"
    assert credit.credit_line() == "Lena Park contributed research from Busan, South Korea."


def test_bylines_keep_their_order():
    """Bylines come out in the order the editor put them in."""
    authors = [f.make_author("Zoe Adams"), f.make_author("Bo Chen"), f.make_author("Ama Owusu")]
    article = f.make_article(authors=authors)
    assert [b.author.title for b in article.bylines.order_by("sort_order")] == ["Zoe Adams", "Bo Chen", "Ama Owusu"]


def test_last_updated_uses_newest_update_entry():
    """'Updated' shows the newest correction or update after publication, and nothing without one."""
    article = f.make_article()
    assert article.last_updated_at is None
    ArticleCorrection.objects.create(article=article, kind="update", text="Adds the council's response.", published_at=timezone.now() + datetime.timedelta(minutes=5))
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.last_updated_at == article.corrections.get().published_at


def test_image_caption_credit_and_alt_fall_back_to_the_image():
    """Caption, credit and alt text come from the article, else from the image."""
    image = f.make_image("Harbour at dawn", credit="Ana Ruiz")
    image.caption = "The harbour at dawn."
    image.save()
    article = f.make_article(lead_image=image)
    assert (article.image_caption, article.image_credit, article.image_alt) == ("The harbour at dawn.", "Ana Ruiz", "Harbour at dawn, described")
    article.lead_image_credit, article.lead_image_alt = "Staff", "Boats in the harbour"
    assert (article.image_credit, article.image_alt) == ("Staff", "Boats in the harbour")


def test_dateline_date_far_ahead_is_rejected():
    """A dateline date more than a year ahead is refused with a message on that field."""
    article = f.make_article()
    article.dateline_date = timezone.localdate() + datetime.timedelta(days=800)
    with pytest.raises(ValidationError) as excinfo:
        article.clean()
    assert "dateline_date" in excinfo.value.message_dict
