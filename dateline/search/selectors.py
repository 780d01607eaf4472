"""Reads for site search: ranked article cards with highlighted snippets."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from dateline.articles.models import ArticlePage
from dateline.articles.selectors import Card, cards_from_queryset, live_pages_of
from dateline.core.pagination import Listing
from dateline.search.backends import SearchFilters, query_terms, search_backend

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class SearchHit:
    card: Card
    snippet: SafeString


def _plain_text(value) -> list[str]:
    """Every string inside a StreamField's raw data, tags stripped."""
    out = []
    if isinstance(value, str):
        out.append(html.unescape(strip_tags(value)))
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("type", "id", "image"):
                out.extend(_plain_text(inner))
    elif isinstance(value, list):
        for inner in value:
            out.extend(_plain_text(inner))
    return out


def highlight(text: str, terms: list[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` around the first matching word, each match in ``<mark>``; everything else escaped."""
    text = " ".join(text.split())
    if not terms:
        return mark_safe(html.escape(text[:length]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE | re.UNICODE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    window = text[start : start + length]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    if start:
        window = "… " + window
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts.append(html.escape(window[last : match.start()]))
        parts.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(html.escape(window[last:]))
    return mark_safe("".join(parts))


def article_search(*, query: str, filters: SearchFilters, page_number: int, per_page: int) -> Listing:
    """One page of published articles matching ``query``; never embargoed or unpublished ones."""
    terms = query_terms(query)
    if not terms:
        return Listing(items=[], page_number=page_number, has_next=False, per_page=per_page, extra={"terms": []})
    ids = search_backend().search(terms=terms, filters=filters, offset=(page_number - 1) * per_page, limit=per_page + 1)
    has_next = len(ids) > per_page
    ids = ids[:per_page]
    cards = {c.pk: c for c in cards_from_queryset(ArticlePage.objects.published().filter(pk__in=ids))} if ids else {}
    bodies = dict(ArticlePage.objects.filter(pk__in=list(cards)).values_list("pk", "body")) if cards else {}
    hits = []
    for pk in ids:
        card = cards.get(pk)
        if card is None:
            continue
        text = " ".join([card.dek, *_plain_text(_raw(bodies.get(pk)))])
        hits.append(SearchHit(card=card, snippet=highlight(text, terms)))
    return Listing(items=hits, page_number=page_number, has_next=has_next, per_page=per_page, extra={"terms": terms})


def _raw(body) -> list:
    if body is None:
        return []
    raw = getattr(body, "raw_data", None)
    if raw is not None:
        return list(raw)
    return body if isinstance(body, list) else []


def section_ids_by_slug() -> dict[str, int]:
    """Section slugs to ids for the search filter (cached with the header's section list)."""
    from dateline.articles.models import SectionPage
    from dateline.articles.selectors import NAV_CACHE
    from dateline.core.cache import cached

    def compute():
        return dict(live_pages_of(SectionPage).filter(depth=3).values_list("slug", "pk"))

    return cached(NAV_CACHE, compute, timeout=300, key_suffix="search-ids")
