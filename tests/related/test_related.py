"""Related posts: ranked for good reasons, steerable by editors, never showing what readers may not see."""

import datetime

import pytest
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.related.models import RelatedArticle, RelatedBlock, RelatedPin, StoryLink
from dateline.related.selectors import article_list_related, related_ids
from dateline.related.services import related_rebuild, related_recompute
from tests import factories as f

pytestmark = pytest.mark.django_db

HARBOUR = "<p>The harbour authority voted to dredge the eastern channel so container ships can dock at the new quay.</p>"
FILLER = "<p>Residents gathered at the town hall for an evening meeting about parking rules and street lighting.</p>"


@pytest.fixture
def newsroom():
    """A story, its follow-up, a rare-tag sibling, a same-section neighbour and an unrelated piece."""
    local, sport = f.make_section("Local"), f.make_section("Sport")
    ana, bo = f.make_author("Ana Ruiz"), f.make_author("Bo Chen")
    common = ["Port Calloway"]
    base = f.make_article("Harbour channel to be dredged", section=local, authors=[ana], tags=["Harbour", "Dredging", *common], body=[("paragraph", HARBOUR)])
    follow_up = f.make_article("Council delays vote on street lights", section=sport, authors=[bo], tags=common, body=[("paragraph", FILLER)])
    StoryLink.objects.create(article=follow_up, other=base, kind="follow_up")
    rare = f.make_article("Dredging contract goes to tender", section=sport, authors=[bo], tags=["Dredging", *common], body=[("paragraph", FILLER)])
    neighbour = f.make_article("Library hours extended", section=local, authors=[bo], tags=common, body=[("paragraph", FILLER)])
    unrelated = f.make_article("Mariners win the cup final", section=sport, authors=[bo], tags=["Football"], body=[("paragraph", "<p>A header in stoppage time won the final for the Mariners.</p>")])
    for _ in range(6):  # make "Port Calloway" a common tag, so it says little
        f.make_article(section=sport, authors=[bo], tags=common, body=[("paragraph", FILLER)])
    related_rebuild()
    return {"base": base, "follow_up": follow_up, "rare": rare, "neighbour": neighbour, "unrelated": unrelated}


def test_same_story_beats_rare_tag_beats_same_section(newsroom):
    """The order is: the same story, then a shared rare tag, then the same section."""
    ranked = list(RelatedArticle.objects.filter(article=newsroom["base"]).order_by("rank").values_list("related_id", flat=True))
    order = [newsroom[k].pk for k in ("follow_up", "rare", "neighbour")]
    assert [pk for pk in ranked if pk in order] == order
    assert ranked[:2] == order[:2]


def test_reasons_are_stored(newsroom):
    """Each entry keeps its score parts, shared tags and strongest shared terms."""
    entry = RelatedArticle.objects.get(article=newsroom["base"], related=newsroom["rare"])
    assert entry.shared_tags[0] == "Dredging"
    assert entry.parts["tags"] > 0 and entry.parts["story"] == 0
    story = RelatedArticle.objects.get(article=newsroom["base"], related=newsroom["follow_up"])
    assert story.parts["story"] > 0
    assert set(entry.parts) == {"story", "tags", "section", "authors", "text", "recency"}


def test_text_similarity_finds_shared_terms():
    """Articles about the same thing in different words share stemmed terms; accents do not matter."""
    a = f.make_article("Café owners protest dredging plans", tags=["A"], body=[("paragraph", "<p>The cafe owners said dredging the harbours would harm fishermen.</p>")])
    b = f.make_article("Fishermen fear the dredger", tags=["B"], body=[("paragraph", "<p>Fishermen fear a dredged harbour and closed cafés.</p>")])
    f.make_article("Election night results", tags=["C"], body=[("paragraph", "<p>Voters elected a new mayor.</p>")])
    related_rebuild()
    entry = RelatedArticle.objects.get(article=a, related=b)
    assert entry.parts["text"] > 0
    assert {"dredging", "cafe"} & set(entry.shared_terms) or {"fishermen"} & set(entry.shared_terms)


def test_never_itself_never_unpublished_or_embargoed(newsroom):
    """An article's list holds neither itself nor anything readers cannot see."""
    embargoed = f.make_article("Dredging: the secret report", section=newsroom["base"].section, tags=["Dredging", "Harbour"], embargo_until=timezone.now() + datetime.timedelta(days=1), body=[("paragraph", HARBOUR)])
    draft = f.make_article("Dredging draft", tags=["Dredging", "Harbour"], publish=False, body=[("paragraph", HARBOUR)])
    related_recompute(article_id=newsroom["base"].pk)
    stored = set(RelatedArticle.objects.filter(article=newsroom["base"]).values_list("related_id", flat=True))
    assert newsroom["base"].pk not in stored and embargoed.pk not in stored and draft.pk not in stored
    shown = [c.pk for c in article_list_related(article=newsroom["base"])]
    assert embargoed.pk not in shown and draft.pk not in shown and newsroom["base"].pk not in shown


def test_pins_and_blocks_survive_recomputation(newsroom):
    """An editor's pin keeps its place and a block keeps an article out, after recomputing."""
    base = newsroom["base"]
    RelatedPin.objects.create(article=base, related=newsroom["unrelated"], position=1)
    RelatedBlock.objects.create(article=base, related=newsroom["rare"])
    related_rebuild()
    related_recompute(article_id=base.pk)
    ids = related_ids(article=base, limit=6)
    assert ids[0] == newsroom["unrelated"].pk
    assert newsroom["rare"].pk not in ids
    assert newsroom["rare"].pk not in set(RelatedArticle.objects.filter(article=base).values_list("related_id", flat=True))


def test_publishing_recomputes_related_lists(newsroom, run_tasks):
    """Publishing a new article computes its list and puts it in the lists it belongs to, with no one asking."""
    base = newsroom["base"]
    new = f.make_article("Dredging begins in the harbour channel", section=base.section, tags=["Dredging", "Harbour"], body=[("paragraph", HARBOUR)])
    assert RelatedArticle.objects.filter(article=new).exists()
    assert RelatedArticle.objects.filter(article=base, related=new).exists()
    new.unpublish()
    assert not RelatedArticle.objects.filter(article=base, related=new).exists()


def test_short_lists_fill_with_the_sections_latest(settings):
    """When too few articles pass the threshold, the section's latest fill the list, without duplicates."""
    settings.DATELINE_RELATED_MIN_SCORE = 100.0  # nothing passes
    section = f.make_section("Local")
    article = f.make_article(section=section)
    others = [f.make_article(section=section) for _ in range(3)]
    cards = article_list_related(article=article, limit=6)
    assert [c.pk for c in cards] == [a.pk for a in reversed(others)]
    assert len({c.pk for c in cards}) == len(cards)


def test_article_page_shows_related_posts(client, newsroom):
    """Under the article, 'Related Posts' lists image, kicker and headline of each related article."""
    html = client.get(newsroom["base"].article_path()).content.decode()
    related = html.split('class="slot slot-related"')[1].split("</section>")[0]
    assert "Related Posts" in related
    assert newsroom["follow_up"].title in related and newsroom["rare"].title in related
    assert "More in" not in html


@pytest.mark.parametrize("count", [1, 6])
def test_related_fragment_query_count(django_assert_num_queries, count):
    """Computing the 'Related Posts' fragment costs a fixed number of queries; serving it from cache none."""
    section = f.make_section("Local")
    image = f.make_image()
    article = f.make_article(section=section, tags=["Dredging"], lead_image=image)
    for _ in range(count):
        f.make_article(section=section, tags=["Dredging"], lead_image=image)
    related_rebuild()
    for a in ArticlePage.objects.all():
        a.lead_image.get_rendition("fill-480x270")
    with django_assert_num_queries(7):
        cards = article_list_related(article=article, limit=count)
    assert len(cards) == count
    with django_assert_num_queries(0):
        article_list_related(article=article, limit=count)


def test_ranking_totals_match_the_explained_scores(newsroom):
    """The fast ranking sum and the per-entry explanation give the same score."""
    stored = RelatedArticle.objects.filter(article=newsroom["base"]).order_by("rank")
    assert list(stored.values_list("score", flat=True)) == sorted(stored.values_list("score", flat=True), reverse=True)
    for entry in stored:
        p = entry.parts
        assert entry.score == pytest.approx(p["story"] + (p["tags"] + p["section"] + p["authors"] + p["text"]) * p["recency"], abs=1e-3)


def test_recomputing_many_lists_at_once_matches_one_by_one(newsroom):
    """The batched recompute (one document load for every list a change touches) stores what single recomputes store."""
    from dateline.related.services import related_recompute_many

    ids = [a.pk for a in newsroom.values()]
    batched = {pk: [(r.related_id, r.rank) for r in rows] for pk, rows in related_recompute_many(ids).items()}
    single = {pk: [(r.related_id, r.rank) for r in related_recompute(article_id=pk)] for pk in ids}
    assert batched == single
    assert all(batched[pk] for pk in ids)


def test_a_change_queued_before_a_full_rebuild_is_not_recomputed_again(newsroom):
    """A bulk load that ends with a rebuild leaves no recompute work behind; a later change is still recomputed."""
    from dateline.related.services import related_recompute_affected

    base = newsroom["base"]
    before = timezone.now() - datetime.timedelta(minutes=1)
    assert related_recompute_affected(article_id=base.pk, changed_at=before) == 0
    assert related_recompute_affected(article_id=base.pk, changed_at=timezone.now()) > 1


@pytest.mark.django_db
def test_a_rebuild_of_an_archive_without_words_succeeds():
    """A new site with no articles (or only stop words) rebuilds to empty lists instead of failing the task."""
    assert related_rebuild() == ArticlePage.objects.published().count()
    f.make_article("The", body=[("paragraph", "<p>It is the one.</p>")], dek="")
    f.make_article("Of", body=[("paragraph", "<p>They were.</p>")], dek="")
    assert related_rebuild() == 2
