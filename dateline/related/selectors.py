"""Reads for related posts: the list under an article (cached), and its explanation for editors."""

from __future__ import annotations

from dateline import conf
from dateline.articles.models import ArticlePage
from dateline.articles.selectors import Card, article_list_latest, cards_from_queryset
from dateline.core.cache import cached
from dateline.related.models import RelatedArticle, RelatedBlock, RelatedPin

#: The stored lists' cache, cleared by the services. Named here rather than imported from
#: services, which would load numpy and scikit-learn (about 100 MB) into every reader process.
RELATED_CACHE = "related:lists"


def related_ids(*, article: ArticlePage, limit: int) -> list[int]:
    """Stored entries above the relevance threshold, with editors' pins placed and blocks removed."""
    return _related_ids_and_blocked(article=article, limit=limit)[0]


def _related_ids_and_blocked(*, article: ArticlePage, limit: int) -> tuple[list[int], set[int]]:
    blocked = set(RelatedBlock.objects.filter(article=article).values_list("related_id", flat=True))
    pins = [(pk, pos) for pk, pos in RelatedPin.objects.filter(article=article).order_by("position", "sort_order").values_list("related_id", "position") if pk not in blocked]
    pinned = {pk for pk, _ in pins}
    stored = [
        pk
        for pk in RelatedArticle.objects.filter(article=article, score__gte=conf.get("RELATED_MIN_SCORE")).order_by("rank").values_list("related_id", flat=True)
        if pk not in blocked and pk not in pinned and pk != article.pk
    ]
    visible = set(ArticlePage.objects.published().filter(pk__in=[*stored, *pinned]).values_list("pk", flat=True))
    ranked = [pk for pk in stored if pk in visible]
    for pk, position in pins:
        if pk in visible:
            ranked.insert(min(max(position, 1) - 1, len(ranked)), pk)
    return ranked[:limit], blocked


def article_list_related(*, article: ArticlePage, limit: int | None = None) -> list[Card]:
    """'Related Posts': the related list, filled up with the section's latest when it is short (cached)."""
    limit = limit or conf.get("RELATED_COUNT")

    def compute():
        ids, blocked = _related_ids_and_blocked(article=article, limit=limit)
        cards = {c.pk: c for c in cards_from_queryset(ArticlePage.objects.filter(pk__in=ids))} if ids else {}
        chosen = [cards[pk] for pk in ids if pk in cards]
        if len(chosen) < limit:
            taken = {c.pk for c in chosen} | blocked | {article.pk}
            for card in article_list_latest(limit=limit + len(taken), section=article.section):
                if len(chosen) >= limit:
                    break
                if card.pk not in taken:
                    chosen.append(card)
                    taken.add(card.pk)
        return chosen

    return cached(RELATED_CACHE, compute, timeout=conf.get("LIST_CACHE_SECONDS"), key_suffix=f"{article.pk}:{limit}")


def related_explain(*, article: ArticlePage) -> list[RelatedArticle]:
    """The stored list with its reasons, for the article's admin."""
    return list(RelatedArticle.objects.filter(article=article).select_related("related").order_by("rank"))
