"""Text similarity for related posts: TF-IDF over headline, dek and body, with stemming and stop words.

scikit-learn's TfidfVectorizer does the weighting; the analyzer below lowercases,
strips accents (so "café" and "cafe" match), drops stop words and stems with
Snowball for the site's language (DATELINE_LANGUAGE_CODE).
"""

from __future__ import annotations

import pickle
import re
from collections import Counter

import numpy as np
from django.utils.html import strip_tags
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
    strip_accents_unicode,
)

SNOWBALL_LANGUAGES = {
    "en": "english", "fr": "french", "de": "german", "es": "spanish", "pt": "portuguese", "it": "italian",
    "nl": "dutch", "sv": "swedish", "da": "danish", "nb": "norwegian", "no": "norwegian", "fi": "finnish",
    "ru": "russian", "tr": "turkish", "ro": "romanian", "hu": "hungarian",
}
TOKEN = re.compile(r"[a-z0-9]{2,}")


def snowball_language(language_code: str) -> str:
    return SNOWBALL_LANGUAGES.get(language_code.split("-")[0].lower(), "english")


class Analyzer:
    """text -> stemmed terms. Picklable, so a fitted model can be stored and reused."""

    def __init__(self, language: str = "english"):
        self.language = language
        self._stemmer = None

    def __getstate__(self):
        return {"language": self.language}

    def __setstate__(self, state):
        self.language, self._stemmer = state["language"], None

    @property
    def stemmer(self):
        if self._stemmer is None:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer(self.language)
        return self._stemmer

    def words(self, text: str) -> list[str]:
        words = TOKEN.findall(strip_accents_unicode(text.lower()))
        stop = ENGLISH_STOP_WORDS if self.language == "english" else frozenset()
        return [w for w in words if w not in stop and not w.isdigit()]

    def __call__(self, text: str) -> list[str]:
        return self.stemmer.stemWords(self.words(text))

    def surface_forms(self, text: str) -> dict[str, str]:
        """stem -> the word most often written for it in ``text`` (to explain shared terms readably)."""
        words = self.words(text)
        counts = Counter(zip(self.stemmer.stemWords(words), words, strict=True))
        best: dict[str, tuple[int, str]] = {}
        for (stem, word), n in counts.items():
            if stem not in best or n > best[stem][0]:
                best[stem] = (n, word)
        return {stem: word for stem, (n, word) in best.items()}


def article_text(*, title: str, dek: str, body_raw) -> str:
    """The words that say what an article is about: the headline twice, the dek, the body's text."""
    parts = [title, title, dek or ""]
    for block in body_raw or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            parts.append(strip_tags(value))
        elif kind == "subheading" and isinstance(value, str):
            parts.append(value)
        elif kind == "pull_quote" and isinstance(value, dict):
            parts.append(value.get("quote", ""))
        elif kind == "blockquote" and isinstance(value, dict):
            parts.append(value.get("text", ""))
        elif kind == "image" and isinstance(value, dict):
            parts.append(value.get("caption", ""))
    return "\n".join(p for p in parts if p)


def text_model_fit(texts: list[str], *, language: str) -> TfidfVectorizer:
    vectorizer = TfidfVectorizer(
        analyzer=Analyzer(language),
        sublinear_tf=True,
        max_df=0.5 if len(texts) >= 50 else 1.0,
        dtype=np.float64,
    )
    try:
        vectorizer.fit(texts)
    except ValueError:  # "empty vocabulary": no articles yet, or none with a word that is not a stop word
        vectorizer.max_df = 1.0
        vectorizer.fit(["dateline"])  # a one-word model: every text scores zero until there are words
    return vectorizer


def text_model_dumps(vectorizer: TfidfVectorizer) -> bytes:
    return pickle.dumps(vectorizer, protocol=pickle.HIGHEST_PROTOCOL)


def text_model_loads(data: bytes) -> TfidfVectorizer:
    return pickle.loads(bytes(data))  # noqa: S301  (our own model, from our own database)
