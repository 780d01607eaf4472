"""Writes for related posts: score, store, rebuild. Run in the background, never on a reader's request.

``related_recompute(article_id=)`` scores one article against its candidates
(articles sharing a tag, a byline or a section, story links, and the newest
across the site) with the stored text model, and replaces its stored list.
``related_recompute_affected`` does that for an article that was published or
changed and for the articles whose lists it is in or should now be in.
``related_rebuild`` refits the text model on every published article and
recomputes every list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dateline import conf
from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag
from dateline.core.cache import cache_clear
from dateline.related.models import RelatedArticle, RelatedBlock, StoryLink, TextModelState
from dateline.related.scoring import Doc, RelatedScorer, Scored
from dateline.related.selectors import RELATED_CACHE
from dateline.related.text import (
    article_text,
    snowball_language,
    text_model_dumps,
    text_model_fit,
    text_model_loads,
)

MODEL_KEY = "tfidf"
# How many of the newest articles to consider per shared tag, section, byline, and site-wide.
CANDIDATES_PER_TAG = 400
CANDIDATES_SECTION = 200
CANDIDATES_AUTHOR = 100
CANDIDATES_RECENT = 200


def scorer() -> RelatedScorer:
    from django.utils.module_loading import import_string

    return import_string(conf.get("RELATED_SCORER"))()


# -- loading documents ---------------------------------------------------------------------------


def docs_load(pks: Iterable[int]) -> dict[int, Doc]:
    """Documents for these published articles: section, date, tags, bylines, story links and text."""
    pks = list(set(pks))
    docs: dict[int, Doc] = {}
    for chunk_start in range(0, len(pks), 2000):
        chunk = pks[chunk_start : chunk_start + 2000]
        for pk, section_id, published_at, title, dek, body in ArticlePage.objects.filter(pk__in=chunk).values_list(
            "pk", "section_id", "published_at", "title", "dek", "body"
        ):
            raw = body.raw_data if hasattr(body, "raw_data") else body
            docs[pk] = Doc(pk=pk, section_id=section_id, published_at=published_at, text=article_text(title=title, dek=dek, body_raw=raw))
        for article_id, tag_id, name in ArticleTag.objects.filter(content_object_id__in=chunk).values_list("content_object_id", "tag_id", "tag__name"):
            docs[article_id].tags[tag_id] = name
        for article_id, author_id in ArticleByline.objects.filter(article_id__in=chunk).values_list("article_id", "author_id"):
            docs[article_id].authors.add(author_id)
        for a, b in StoryLink.objects.filter(article_id__in=chunk).values_list("article_id", "other_id"):
            docs[a].story.add(b)
        for a, b in StoryLink.objects.filter(other_id__in=chunk).values_list("other_id", "article_id"):
            docs[a].story.add(b)
    return docs


def tag_idf(tag_ids: Iterable[int]) -> dict[int, float]:
    """IDF of each tag over published articles: rare tags weigh more."""
    total = ArticlePage.objects.published().count() or 1
    counts = dict(
        ArticleTag.objects.filter(tag_id__in=list(tag_ids), content_object__live=True)
        .values("tag_id")
        .annotate(n=Count("id"))
        .values_list("tag_id", "n")
    )
    return {t: math.log((1 + total) / (1 + counts.get(t, 0))) + 1.0 for t in tag_ids}


# -- the text model ---------------------------------------------------------------------------------


REFIT_GROWTH = 1.25


def text_model_get(*, refit: bool = False):
    """The stored text model; refitted on every published article when missing, when the archive
    has grown by a quarter since the last fit (a young site's vocabulary changes fast), or when asked."""
    published = ArticlePage.objects.published().count()
    state = None if refit else TextModelState.objects.filter(key=MODEL_KEY).first()
    if state is not None and published <= max(state.documents, 1) * REFIT_GROWTH:
        return text_model_loads(state.data)
    return _text_model_fit_and_store(docs_load(ArticlePage.objects.published().values_list("pk", flat=True)))


def _text_model_fit_and_store(docs: dict[int, Doc]):
    model = text_model_fit([d.text for d in docs.values()], language=snowball_language(conf.get("LANGUAGE_CODE")))
    TextModelState.objects.update_or_create(key=MODEL_KEY, defaults={"data": text_model_dumps(model), "documents": len(docs)})
    return model


# -- scoring ---------------------------------------------------------------------------------------------


def _shared_terms(names, doc_vector, cand_vector, surface: dict[str, str], limit: int = 5) -> list[str]:
    product = doc_vector.multiply(cand_vector).tocsr()
    if product.nnz == 0:
        return []
    order = np.argsort(-product.data)[:limit]
    return [surface.get(names[product.indices[i]], names[product.indices[i]]) for i in order]


class Vectors:
    """TF-IDF rows for a set of documents, transformed once and looked up by article id."""

    def __init__(self, model, docs: dict[int, Doc]):
        self.model = model
        self.names = model.get_feature_names_out()
        self.index = {pk: i for i, pk in enumerate(docs)}
        self.matrix = model.transform([d.text for d in docs.values()]).tocsr() if docs else None

    def rows(self, pks: list[int]):
        return self.matrix[[self.index[pk] for pk in pks]]


def score_candidates(
    doc: Doc, candidates: list[Doc], *, vectors: Vectors, idf: dict[int, float], blocked: set[int], the_scorer: RelatedScorer, keep: int = 10
) -> list[Scored]:
    candidates = [c for c in candidates if c.pk != doc.pk and c.pk not in blocked]
    if not candidates:
        return []
    doc_vector = vectors.rows([doc.pk])
    cand_vectors = vectors.rows([c.pk for c in candidates])
    similarities = (cand_vectors @ doc_vector.T).toarray().ravel()
    totals = the_scorer.totals(doc, candidates, idf=idf, similarities=similarities)
    order = sorted(range(len(candidates)), key=lambda i: (-round(float(totals[i]), 4), -candidates[i].pk))[:keep]
    # Parts and the strongest shared terms, for the editors' "why", only for what is stored.
    surface = vectors.model.analyzer.surface_forms(doc.text)
    result = []
    for i in order:
        terms = _shared_terms(vectors.names, doc_vector, cand_vectors[i], surface, the_scorer.shared_terms_count) if similarities[i] > 0 else []
        result.append(the_scorer.score(doc, candidates[i], idf=idf, text_similarity=float(similarities[i]), shared_terms=terms))
    return result


def candidate_ids(doc: Doc) -> set[int]:
    """Articles worth scoring against ``doc``: a shared tag, section or byline, a story link, or just new."""
    published = ArticlePage.objects.published()
    ids: set[int] = set(doc.story)
    if doc.tags:
        ids |= set(published.filter(tagged_items__tag_id__in=list(doc.tags)).order_by("-published_at").values_list("pk", flat=True)[:CANDIDATES_PER_TAG])
    if doc.section_id:
        ids |= set(published.filter(section_id=doc.section_id).order_by("-published_at").values_list("pk", flat=True)[:CANDIDATES_SECTION])
    if doc.authors:
        ids |= set(published.filter(bylines__author_id__in=list(doc.authors)).order_by("-published_at").values_list("pk", flat=True)[:CANDIDATES_AUTHOR])
    ids |= set(published.order_by("-published_at").values_list("pk", flat=True)[:CANDIDATES_RECENT])
    visible = set(published.filter(pk__in=list(ids)).values_list("pk", flat=True))
    visible.discard(doc.pk)
    return visible


def _store(article_id: int, scored: list[Scored], *, keep: int) -> list[RelatedArticle]:
    rows = [
        RelatedArticle(article_id=article_id, related_id=s.pk, rank=i, score=s.score, parts=s.parts, shared_tags=s.shared_tags, shared_terms=s.shared_terms)
        for i, s in enumerate(scored[:keep], 1)
    ]
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id=article_id).delete()
        RelatedArticle.objects.bulk_create(rows)
    return rows


def _keep() -> int:
    # Store a few spare entries so a later unpublish or block does not empty the list.
    return conf.get("RELATED_COUNT") + 4


def related_recompute(*, article_id: int, model=None) -> list[RelatedArticle]:
    """Score one article against its candidates and store its top entries (none if it is not published)."""
    return related_recompute_many([article_id], model=model).get(article_id, [])


def related_recompute_many(article_ids: Iterable[int], *, model=None) -> dict[int, list[RelatedArticle]]:
    """Recompute several lists with one load of the documents and one text transform for them all.

    Loading candidates and transforming their text is most of the cost, and the
    lists touched by one change share most of their candidates.
    """
    article_ids = list(dict.fromkeys(article_ids))
    published = set(ArticlePage.objects.published().filter(pk__in=article_ids).values_list("pk", flat=True))
    gone = [pk for pk in article_ids if pk not in published]
    if gone:
        RelatedArticle.objects.filter(article_id__in=gone).delete()
    result: dict[int, list[RelatedArticle]] = {pk: [] for pk in gone}
    if published:
        model = model or text_model_get()
        own = docs_load(published)
        wanted = {pk: candidate_ids(own[pk]) for pk in published}
        docs = {**docs_load(set().union(*wanted.values()) - own.keys()), **own}
        vectors = Vectors(model, docs)
        blocked = defaultdict(set)
        for a, b in RelatedBlock.objects.filter(article_id__in=published).values_list("article_id", "related_id"):
            blocked[a].add(b)
        idf = tag_idf({t for d in docs.values() for t in d.tags})
        the_scorer, keep = scorer(), _keep()
        for pk in published:
            candidates = [docs[i] for i in wanted[pk] if i in docs]
            scored = score_candidates(docs[pk], candidates, vectors=vectors, idf=idf, blocked=blocked[pk], the_scorer=the_scorer, keep=keep)
            result[pk] = _store(pk, scored, keep=keep)
    related_lists_clear()
    return result


def related_recompute_affected(*, article_id: int, changed_at=None) -> int:
    """Recompute an article that changed, and the lists it is in or should now be in. Returns how many.

    ``changed_at`` is when the change was queued: when a full rebuild has read
    the articles since then, every list already reflects the change and nothing
    is done (so a bulk load that ends with a rebuild leaves no work behind).
    """
    if changed_at is not None:
        state = TextModelState.objects.filter(key=MODEL_KEY).only("lists_from").first()
        if state is not None and state.lists_from is not None and state.lists_from > changed_at:
            return 0
    model = text_model_get()
    rows = related_recompute(article_id=article_id, model=model)
    affected = {r.related_id for r in rows} | set(RelatedArticle.objects.filter(related_id=article_id).values_list("article_id", flat=True))
    affected |= set(StoryLink.objects.filter(article_id=article_id).values_list("other_id", flat=True))
    affected |= set(StoryLink.objects.filter(other_id=article_id).values_list("article_id", flat=True))
    affected.discard(article_id)
    related_recompute_many(sorted(affected), model=model)
    return 1 + len(affected)


def related_rebuild(*, progress: Callable[[Iterable[int]], Iterable[int]] | None = None) -> int:
    """Refit the text model on every published article and recompute every related list."""
    started = timezone.now()
    pks = list(ArticlePage.objects.published().order_by("-published_at").values_list("pk", flat=True))
    docs = docs_load(pks)
    model = _text_model_fit_and_store(docs)  # the same documents, loaded once
    vectors = Vectors(model, docs)
    by_tag, by_section, by_author = defaultdict(list), defaultdict(list), defaultdict(list)
    for pk in pks:  # newest first, so each index lists newest first
        d = docs[pk]
        for t in d.tags:
            by_tag[t].append(pk)
        by_section[d.section_id].append(pk)
        for a in d.authors:
            by_author[a].append(pk)
    idf = tag_idf(by_tag)
    blocked = defaultdict(set)
    for a, b in RelatedBlock.objects.values_list("article_id", "related_id"):
        blocked[a].add(b)
    the_scorer, keep = scorer(), _keep()
    RelatedArticle.objects.exclude(article_id__in=pks).delete()
    iterator = progress(pks) if progress else pks
    for pk in iterator:
        d = docs[pk]
        ids = set(d.story) & docs.keys()
        for t in d.tags:
            ids.update(by_tag[t][:CANDIDATES_PER_TAG])
        ids.update(by_section[d.section_id][:CANDIDATES_SECTION])
        for a in d.authors:
            ids.update(by_author[a][:CANDIDATES_AUTHOR])
        ids.update(pks[:CANDIDATES_RECENT])
        ids.discard(pk)
        scored = score_candidates(d, [docs[i] for i in ids], vectors=vectors, idf=idf, blocked=blocked[pk], the_scorer=the_scorer, keep=keep)
        _store(pk, scored, keep=keep)
    TextModelState.objects.filter(key=MODEL_KEY).update(lists_from=started)
    related_lists_clear()
    return len(pks)


def related_lists_clear() -> None:
    """Make every cached 'Related Posts' list stale."""
    cache_clear(RELATED_CACHE)


def related_recompute_due(*, now=None) -> list[int]:
    """Published articles with no stored list yet (for the worker to catch up after imports)."""
    now = now or timezone.now()
    return list(ArticlePage.objects.published(at=now).exclude(related_computed__isnull=False).values_list("pk", flat=True)[:500])
