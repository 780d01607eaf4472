"""PreparedQuery: compiled once per connection, the same answers as the ordinary queryset."""

import datetime
import logging

import pytest
from django.db import connections
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.core.prepared import PreparedQuery
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


def _by_slug(slug, at):
    return ArticlePage.objects.published(at=at).filter(slug=slug).select_related("section", "lead_image").order_by()[:6]


def _fields(article):
    return {f.attname: getattr(article, f.attname) for f in ArticlePage._meta.concrete_fields}


def test_gives_the_same_instances_as_the_queryset_with_related_objects_in_one_query(django_assert_num_queries):
    article = make_article("Harbour cranes return", section=make_section("Business"), lead_image=make_image())
    prepared = PreparedQuery(_by_slug, slug=str, at=datetime.datetime)
    now = timezone.now()
    prepared(slug="warm-up", at=now)  # the first call on a connection prepares it
    assert prepared._plans[connections["default"]] is not None, "it should prepare, not fall back"

    with django_assert_num_queries(1):
        found = prepared(slug=article.slug, at=now)
        assert [a.pk for a in found] == [article.pk]
        # select_related objects arrive with the row, as from the ordinary queryset
        assert found[0].section.slug == "business"
        assert found[0].lead_image.credit == "Test Desk"
    expected = list(_by_slug(article.slug, now))
    assert _fields(found[0]) == _fields(expected[0])
    assert found[0].published_at == expected[0].published_at and found[0].published_at.tzinfo is not None
    assert found[0]._state.db == "default" and not found[0]._state.adding


def test_each_call_uses_its_own_values():
    first = make_article("First of two")
    second = make_article("Second of two")
    prepared = PreparedQuery(_by_slug, slug=str, at=datetime.datetime)
    now = timezone.now()
    assert [a.pk for a in prepared(slug=first.slug, at=now)] == [first.pk]
    assert [a.pk for a in prepared(slug=second.slug, at=now)] == [second.pk]
    assert prepared(slug="no-such-article", at=now) == []
    # Before it was published, it is not there: the time is a value of the query too.
    assert prepared(slug=first.slug, at=first.published_at - datetime.timedelta(seconds=1)) == []


def test_a_query_whose_values_cannot_be_placed_falls_back_and_stays_correct(caplog):
    article = make_article("Ferry timetable changes")
    # __contains wraps the value in % signs: the plain value is not among the SQL's parameters.
    prepared = PreparedQuery(lambda q: ArticlePage.objects.filter(title__contains=q).order_by("pk"), q=str)
    with caplog.at_level(logging.WARNING, logger="dateline.core.prepared"):
        assert [a.pk for a in prepared(q="timetable")] == [article.pk]
    assert "ordinary queryset" in caplog.text
    assert prepared(q="nothing like it") == []
    assert prepared._plans[connections["default"]] is None


def test_querysets_it_cannot_build_instances_for_fall_back():
    article = make_article("Library hours extended")
    prepared = PreparedQuery(lambda slug: ArticlePage.objects.filter(slug=slug).values_list("pk", flat=True), slug=str)
    assert prepared(slug=article.slug) == [article.pk]
    assert prepared._plans[connections["default"]] is None


def test_rejects_unknown_types_and_wrong_arguments():
    with pytest.raises(TypeError, match="not one of"):
        PreparedQuery(_by_slug, slug=bytes)
    prepared = PreparedQuery(_by_slug, slug=str, at=datetime.datetime)
    with pytest.raises(TypeError, match="takes exactly"):
        prepared(slug="x")
