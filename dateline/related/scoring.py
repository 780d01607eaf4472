"""How related articles are ranked. Subclass :class:`RelatedScorer` to weigh things differently.

score = story + (tags + section + authors + text) × recency

- story: the editors linked the two as the same story (follow-up, update, series);
- tags: the shared tags' IDF (rare tags count more) over the article's own tags' IDF;
- section: both in the same primary section;
- authors: a byline in common;
- text: cosine similarity of the TF-IDF vectors of headline, dek and body;
- recency: a factor from 1 (published together) down to ``recency_floor``, halving
  every ``recency_half_life_days`` apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Doc:
    pk: int
    section_id: int | None
    published_at: object
    tags: dict[int, str] = field(default_factory=dict)  # tag id -> name
    authors: set[int] = field(default_factory=set)
    story: set[int] = field(default_factory=set)  # pks linked as the same story, either way
    text: str = ""


@dataclass(frozen=True)
class Scored:
    pk: int
    score: float
    parts: dict
    shared_tags: list[str]
    shared_terms: list[str]


class RelatedScorer:
    weight_story = 5.0
    weight_tags = 3.0
    weight_section = 0.6
    weight_authors = 0.5
    weight_text = 3.0
    recency_half_life_days = 120.0
    recency_floor = 0.5
    shared_terms_count = 5

    def recency(self, a: Doc, b: Doc) -> float:
        if not a.published_at or not b.published_at:
            return self.recency_floor
        days = abs((a.published_at - b.published_at).total_seconds()) / 86400
        return self.recency_floor + (1 - self.recency_floor) * math.pow(0.5, days / self.recency_half_life_days)

    def totals(self, doc: Doc, candidates: list[Doc], *, idf: dict[int, float], similarities) -> np.ndarray:
        """Every candidate's total score at once (the same sum as :meth:`score`, for ranking)."""
        import numpy as np

        own = sum(idf.get(t, 1.0) for t in doc.tags) or 1.0
        doc_tags, doc_authors, doc_story = doc.tags.keys(), doc.authors, doc.story
        tags = np.fromiter((sum(idf.get(t, 1.0) for t in doc_tags & c.tags.keys()) for c in candidates), float, len(candidates))
        section = np.fromiter((bool(doc.section_id) and c.section_id == doc.section_id for c in candidates), float, len(candidates))
        authors = np.fromiter((bool(doc_authors & c.authors) for c in candidates), float, len(candidates))
        story = np.fromiter((c.pk in doc_story or doc.pk in c.story for c in candidates), float, len(candidates))
        recency = np.fromiter((self.recency(doc, c) for c in candidates), float, len(candidates))
        base = self.weight_tags * tags / own + self.weight_section * section + self.weight_authors * authors
        base = base + self.weight_text * np.clip(similarities, 0.0, None)
        return self.weight_story * story + base * recency

    def score(self, doc: Doc, cand: Doc, *, idf: dict[int, float], text_similarity: float, shared_terms: list[str]) -> Scored:
        shared = [t for t in doc.tags if t in cand.tags]
        own = sum(idf.get(t, 1.0) for t in doc.tags) or 1.0
        tags = self.weight_tags * sum(idf.get(t, 1.0) for t in shared) / own
        section = self.weight_section if doc.section_id and doc.section_id == cand.section_id else 0.0
        authors = self.weight_authors if doc.authors & cand.authors else 0.0
        text = self.weight_text * max(text_similarity, 0.0)
        story = self.weight_story if cand.pk in doc.story or doc.pk in cand.story else 0.0
        recency = self.recency(doc, cand)
        total = story + (tags + section + authors + text) * recency
        parts = {
            "story": round(story, 4),
            "tags": round(tags, 4),
            "section": round(section, 4),
            "authors": round(authors, 4),
            "text": round(text, 4),
            "recency": round(recency, 4),
        }
        return Scored(
            pk=cand.pk,
            score=round(total, 4),
            parts=parts,
            shared_tags=[doc.tags[t] for t in sorted(shared, key=lambda t: (-idf.get(t, 1.0), doc.tags[t]))],
            shared_terms=shared_terms[: self.shared_terms_count],
        )
