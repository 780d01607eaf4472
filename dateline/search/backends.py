"""How site search finds and ranks articles: Wagtail's search index, read two ways.

Both backends read the index Wagtail keeps up to date on publish
(``wagtail.search``, database backend: SQLite FTS5 or PostgreSQL full-text
search) and return article ids ranked by relevance with a freshness boost:
``relevance × (1 + F / (F + age in days))`` where ``F`` is
``DATELINE_SEARCH_FRESHNESS_DAYS`` (a new story gets twice the weight of an
ancient one; one ``F`` days old, one and a half).

* :class:`WagtailSearchBackend` works on any database: Wagtail's ``.search()``
  finds the best ``CANDIDATES`` by relevance, and the freshness boost re-ranks them.
* :class:`SQLiteFTSSearchBackend` asks FTS5 directly: bm25 ranks the matches
  inside the full-text index and only the best ``CANDIDATES`` are joined to the
  article table (Wagtail's own query ranks every match with a correlated
  subquery, which took seconds at 100,000 articles).

* :class:`PostgresIndexSearchBackend` does the same on PostgreSQL with ts_rank
  over the tsvector columns of Wagtail's ``wagtailsearch_indexentry``.

Both fast ones rank within the newest index entries when they hold enough
matches (:class:`IndexWindowSearchBackend`). :func:`search_backend` picks
PostgreSQL's on PostgreSQL, SQLite's when the database is SQLite with FTS5.
Subclass either to change the ranking.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from dateline import conf

TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def query_terms(raw: str) -> list[str]:
    """The words of a query, lower-cased, without any search-syntax characters, at most ``MAX_TERMS``."""
    raw = (raw or "")[: conf.get("SEARCH_MAX_QUERY_LENGTH")]
    terms = []
    for term in TERM.findall(raw.lower()):
        term = term.strip("_")[:64]
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


@dataclass(frozen=True)
class SearchFilters:
    section_id: int | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def freshness_boost(published_at: datetime.datetime, *, now: datetime.datetime) -> float:
    days = max((now - published_at).total_seconds() / 86400, 0.0)
    f = max(float(conf.get("SEARCH_FRESHNESS_DAYS")), 0.001)
    return 1.0 + f / (f + days)


class WagtailSearchBackend:
    """Any database: Wagtail's search for relevance, then the freshness boost over the best candidates."""

    CANDIDATES = 300

    def search(self, *, terms: list[str], filters: SearchFilters, offset: int, limit: int) -> list[int]:
        from dateline.articles.models import ArticlePage

        now = timezone.now()
        articles = ArticlePage.objects.published(at=now)
        if filters.section_id:
            articles = articles.filter(section_id=filters.section_id)
        if filters.since:
            articles = articles.filter(published_at__gte=filters.since)
        if filters.until:
            articles = articles.filter(published_at__lt=filters.until)
        results = articles.search(" ".join(terms), operator="and", order_by_relevance=True).annotate_score("_score")
        ranked = []
        for article in results[: self.CANDIDATES]:
            score = float(article._score or 0.0)
            ranked.append((max(score, 1e-9) * freshness_boost(article.published_at, now=now), article.pk))
        ranked.sort(key=lambda pair: (-pair[0], -pair[1]))
        return [pk for _, pk in ranked[offset : offset + limit]]


class IndexWindowSearchBackend(WagtailSearchBackend):
    """Ranks inside Wagtail's index table, within its newest entries when they hold enough matches,
    joins only the best candidates to the articles and applies the freshness boost in SQL.
    Subclasses say how the index ranks (:meth:`ranked`) and how the candidates reach SQL."""

    #: Matches joined to the article table, best first. Deep pages of very common words end there.
    CANDIDATES_SQL = 2000

    #: Index entries, newest first, that a query is ranked within when they hold at least
    #: ``WINDOW_MIN_MATCHES`` matches. Ranking costs a lookup per match, and a common word matches
    #: most of an archive (about 300 ms of bm25 on SQLite, seconds of ts_rank on PostgreSQL at
    #: 100,000 articles); within the window the cost is bounded. A word rarer than that in the
    #: window is ranked over the whole index, where it is usually rare too (a word common only in
    #: old articles is the slow case).
    WINDOW = 10_000
    #: Twenty pages of ten: a query with fewer matches in the window looks through everything.
    WINDOW_MIN_MATCHES = 200

    #: A CTE ``hits(entry_id, relevance)`` over the candidates, given as the one parameter of :meth:`hits_param`.
    HITS_SQL = ""
    #: The article table as joined (SQLite names its covering index).
    ARTICLES_SQL = "articles_articlepage a"
    #: The entry's object id as an integer.
    OBJECT_ID_SQL = "CAST(e.object_id AS INTEGER)"
    #: Days from the ``%s`` parameter (now) back to ``a.published_at``, at least 0.
    AGE_DAYS_SQL = ""

    def ranked(self, terms: list[str], floor: str) -> list[tuple]:
        """(entry id, relevance, floor) of the best ``CANDIDATES_SQL`` matches with ``id >= floor``
        (an SQL expression, also selected as the third column), best first."""
        raise NotImplementedError

    def hits_param(self, hits: list[tuple[int, float]]):
        raise NotImplementedError

    def candidates(self, terms: list[str]) -> list[tuple[int, float]]:
        """(index entry id, relevance) of the best ``CANDIDATES_SQL`` matches, best first: within the
        window when it holds ``WINDOW_MIN_MATCHES``, else over the whole index. Decided per query,
        not per page, so every page of one query ranks the same candidates."""
        # The window is the newest WINDOW entries by id, not an id range: ids have gaps
        # (PostgreSQL's upsert of a re-indexed page uses up a sequence value; deletions).
        newest = f"COALESCE((SELECT id FROM wagtailsearch_indexentry ORDER BY id DESC LIMIT 1 OFFSET {int(self.WINDOW) - 1}), 0)"
        hits = self.ranked(terms, newest)
        window_was_everything = bool(hits) and hits[0][2] == 0
        if len(hits) < self.WINDOW_MIN_MATCHES and not window_was_everything:
            hits = self.ranked(terms, "0")
        return [(entry_id, relevance) for entry_id, relevance, _floor in hits]

    def search(self, *, terms, filters, offset, limit):
        from dateline.articles.models import ArticlePage

        now = timezone.now()
        adapt = connection.ops.adapt_datetimefield_value
        freshness = max(float(conf.get("SEARCH_FRESHNESS_DAYS")), 0.001)
        content_type = ContentType.objects.get_for_model(ArticlePage).pk
        where = ["p.live", "a.published_at IS NOT NULL", "a.published_at <= %s", "(a.embargo_until IS NULL OR a.embargo_until <= %s)"]
        params: list = [adapt(now), adapt(now)]
        if filters.section_id:
            where.append("a.section_id = %s")
            params.append(filters.section_id)
        if filters.since:
            where.append("a.published_at >= %s")
            params.append(adapt(filters.since))
        if filters.until:
            where.append("a.published_at < %s")
            params.append(adapt(filters.until))
        hits = self.candidates(terms)
        if not hits:
            return []
        sql = f"""
            WITH {self.HITS_SQL}
            SELECT a.page_ptr_id
            FROM hits h
            JOIN wagtailsearch_indexentry e ON e.id = h.entry_id
            JOIN {self.ARTICLES_SQL} ON a.page_ptr_id = {self.OBJECT_ID_SQL}
            JOIN wagtailcore_page p ON p.id = a.page_ptr_id
            WHERE e.content_type_id = %s AND {" AND ".join(where)}
            ORDER BY h.relevance * (1.0 + {freshness} / ({freshness} + {self.AGE_DAYS_SQL})) DESC,
                     a.page_ptr_id DESC
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.hits_param(hits), content_type, *params, adapt(now), limit, offset])
            return [row[0] for row in cursor.fetchall()]


class SQLiteFTSSearchBackend(IndexWindowSearchBackend):
    """SQLite: bm25 inside FTS5, the best candidates joined to the articles, ranked with freshness in SQL."""

    #: bm25 weights of the FTS5 columns (autocomplete, body, title): a word in the headline counts most.
    WEIGHTS = (0.5, 1.0, 4.0)

    HITS_SQL = """hits AS (
                SELECT json_extract(value, '$[0]') AS entry_id, json_extract(value, '$[1]') AS relevance
                FROM json_each(%s)
            )"""
    # The article columns come from the covering index: read from the row, they sit after the
    # body, in overflow pages (a page read per candidate).
    ARTICLES_SQL = "articles_articlepage a INDEXED BY article_id_cover"
    AGE_DAYS_SQL = "MAX(julianday(%s) - julianday(a.published_at), 0)"

    def match_expression(self, terms: list[str]) -> str:
        # Every term is a quoted prefix ("harbour"*): no FTS5 syntax from the reader ever reaches MATCH.
        return " AND ".join(f'"{t}"*' for t in terms)

    def hits_param(self, hits):
        return [json.dumps(hits)]

    def ranked(self, terms, floor):
        w_auto, w_body, w_title = self.WEIGHTS
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT rowid, -bm25(wagtailsearch_indexentry_fts, {w_auto}, {w_body}, {w_title}),
                       {floor}
                FROM wagtailsearch_indexentry_fts
                WHERE wagtailsearch_indexentry_fts MATCH %s AND rowid >= {floor}
                ORDER BY bm25(wagtailsearch_indexentry_fts, {w_auto}, {w_body}, {w_title})
                LIMIT {int(self.CANDIDATES_SQL)}
                """,
                [self.match_expression(terms)],
            )
            return cursor.fetchall()


class PostgresIndexSearchBackend(IndexWindowSearchBackend):
    """PostgreSQL: ts_rank over Wagtail's tsvector columns (title, body) of ``wagtailsearch_indexentry``,
    the same relevance as Wagtail's own query (title rank × title_norm + body rank, Wagtail's
    weights), with the window and the candidates' join to the articles as on SQLite."""

    HITS_SQL = "hits AS (SELECT * FROM unnest(%s::integer[], %s::float8[]) AS h(entry_id, relevance))"
    OBJECT_ID_SQL = "CAST(e.object_id AS integer)"
    AGE_DAYS_SQL = "GREATEST(EXTRACT(EPOCH FROM (%s - a.published_at)) / 86400.0, 0)"

    def hits_param(self, hits):
        return [[entry_id for entry_id, _ in hits], [float(relevance) for _, relevance in hits]]

    def tsquery(self, terms: list[str], operator: str) -> tuple[str, list]:
        """``to_tsquery`` of the terms as Wagtail writes them (each a quoted lexeme, so no tsquery
        syntax from the reader), in the index's text search config."""
        from wagtail.search.backends import get_search_backend

        raw = f" {operator} ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms)
        config = getattr(get_search_backend(), "config", None)
        if config:
            return "to_tsquery(%s::regconfig, %s)", [config, raw]
        return "to_tsquery(%s)", [raw]

    def ranked(self, terms, floor):
        from wagtail.search.backends.database.postgres.weights import get_sql_weights

        all_sql, all_params = self.tsquery(terms, "&")
        # Any term in the title or the body is what the GIN indexes answer (a necessary condition);
        # several terms must all be in title || body, as Wagtail matches them.
        any_sql, any_params = self.tsquery(terms, "|")
        match = "(e.title @@ q.any_ OR e.body @@ q.any_)"
        if len(terms) > 1:
            match += " AND (e.title || e.body) @@ q.all_"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH q AS (SELECT {all_sql} AS all_, {any_sql} AS any_, %s::real[] AS weights)
                SELECT e.id,
                       ts_rank(q.weights, e.title, q.all_) * e.title_norm + ts_rank(q.weights, e.body, q.all_) AS relevance,
                       {floor}
                FROM wagtailsearch_indexentry e, q
                WHERE {match} AND e.id >= {floor}
                ORDER BY relevance DESC, e.id DESC
                LIMIT {int(self.CANDIDATES_SQL)}
                """,
                [*all_params, *any_params, get_sql_weights()],
            )
            return cursor.fetchall()


_FTS_AVAILABLE: dict[str, bool] = {}


def sqlite_fts_available() -> bool:
    """Whether Wagtail made its FTS5 table in this SQLite database (asked once per database file)."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    if name not in _FTS_AVAILABLE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'wagtailsearch_indexentry_fts'")
            _FTS_AVAILABLE[name] = cursor.fetchone() is not None
    return _FTS_AVAILABLE[name]


def search_backend() -> WagtailSearchBackend:
    if connection.vendor == "postgresql":
        return PostgresIndexSearchBackend()
    return SQLiteFTSSearchBackend() if sqlite_fts_available() else WagtailSearchBackend()
