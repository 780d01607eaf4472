"""Querysets compiled once per database connection and run again with new values.

Django builds and compiles a queryset's SQL each time it is evaluated. For the
article route (an article joined to its section and lead image: three
multi-table models, 91 columns) building and compiling took about 1.9 ms of an
uncached article's 7 ms, running the SQL 0.3 ms (issue 8). The SQL never
changes but for the values, so a :class:`PreparedQuery` compiles its queryset
once per connection, with placeholder values, and afterwards only puts the
values in, runs the SQL, and builds the instances as Django's own iterator does
(``ModelIterable``)::

    ARTICLE_BY_SLUG = PreparedQuery(
        lambda slug, at: ArticlePage.objects.published(at=at).filter(slug=slug)[:6],
        slug=str, at=datetime,
    )
    articles = ARTICLE_BY_SLUG(slug="budget-vote", at=timezone.now())

What it supports, and checks: a queryset returning model instances (with
``select_related``, no ``prefetch_related``, annotations or ``extra``), whose
values are plain lookup values of the declared types (``str``, ``int`` or an
aware ``datetime``). The first run on each connection compiles the queryset
with the real values too and checks that putting the values into the prepared
SQL gives exactly what Django compiled; if not, that connection falls back to
the ordinary queryset for good, so a query it cannot prepare is still answered
correctly. It relies on compiler attributes that Django 5.2 (our pinned LTS)
documents only in code; ``tests/core/test_prepared.py`` pins them.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

logger = logging.getLogger(__name__)

_SUPPORTED = (str, int, dt.datetime)


def _placeholder(kind: type, n: int):
    """A value no real query uses, distinct per parameter, of the parameter's type."""
    if kind is str:
        return f"\x00dateline-prepared-{n}\x00"
    if kind is int:
        return -987_654_321_000 - n
    return dt.datetime(1901, 2, 3, 4, 5, 6, 100_000 + n, tzinfo=dt.UTC)


@dataclass
class _Plan:
    sql: str
    params: list
    slots: list[tuple[int, str]]  # (position in params, parameter name)
    compiler: Any
    converters: dict
    col_count: int
    fields_start: int
    fields_end: int
    init_list: list[str]
    populators: list
    model: type


class PreparedQuery:
    """A queryset whose SQL is compiled once per connection (see the module's docstring)."""

    def __init__(self, build: Callable[..., QuerySet], **types: type):
        for name, kind in types.items():
            if kind not in _SUPPORTED:
                raise TypeError(f"PreparedQuery parameter {name!r}: {kind!r} is not one of str, int, datetime")
        self.build = build
        self.types = types
        # Per connection object (each thread has its own): a _Plan, or None where it cannot prepare.
        self._plans: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._alias: str | None = None

    def __call__(self, **values) -> list:
        if set(values) != set(self.types):
            raise TypeError(f"PreparedQuery takes exactly {sorted(self.types)}, got {sorted(values)}")
        if self._alias is None:
            self._alias = self.build(**values).db  # the database router's choice, asked once
        connection = connections[self._alias]
        try:
            plan = self._plans[connection]
        except KeyError:
            plan = self._plans[connection] = self._plan(connection, values)
        if plan is None:
            return list(self.build(**values))
        return self._run(connection, plan, values)

    # -- preparing -------------------------------------------------------------------

    def _adapt(self, connection, name: str, value):
        if self.types[name] is dt.datetime:
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def _plan(self, connection, values: dict) -> _Plan | None:
        names = list(self.types)
        placeholders = {name: _placeholder(self.types[name], n) for n, name in enumerate(names)}
        queryset = self.build(**placeholders)
        problem = self._unsupported(queryset)
        if problem:
            logger.warning("PreparedQuery cannot prepare %s (%s); running it as an ordinary queryset.", self.build, problem)
            return None
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        adapted = {self._adapt(connection, name, value): name for name, value in placeholders.items()}
        slots = [(i, adapted[param]) for i, param in enumerate(params) if _hashable(param) and param in adapted]
        plan = None
        if {name for _, name in slots} == set(names):
            select, klass_info = compiler.select, compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            plan = _Plan(
                sql=sql,
                params=list(params),
                slots=slots,
                compiler=compiler,
                converters=compiler.get_converters([s[0] for s in select[: compiler.col_count]]),
                col_count=compiler.col_count,
                fields_start=start,
                fields_end=end,
                init_list=[f[0].target.attname for f in select[start:end]],
                populators=get_related_populators(klass_info, select, connection.alias),
                model=klass_info["model"],
            )
        # The check that makes it safe: the real values, put in, must give what Django compiles.
        expected = self.build(**values).query.get_compiler(connection=connection).as_sql()
        if plan is None or (plan.sql, tuple(self._params(connection, plan, values))) != (expected[0], tuple(expected[1])):
            logger.warning("PreparedQuery could not match %s's parameters; running it as an ordinary queryset.", self.build)
            return None
        return plan

    @staticmethod
    def _unsupported(queryset: QuerySet) -> str:
        query = queryset.query
        if queryset._iterable_class is not ModelIterable:
            return "it does not return model instances"
        if queryset._prefetch_related_lookups:
            return "prefetch_related"
        if query.annotation_select or query.extra_select or queryset._known_related_objects:
            return "annotations, extra or known related objects"
        if query.combinator:
            return "a combined query"
        return ""

    # -- running ---------------------------------------------------------------------

    def _params(self, connection, plan: _Plan, values: dict) -> list:
        params = list(plan.params)
        for position, name in plan.slots:
            params[position] = self._adapt(connection, name, values[name])
        return params

    def _run(self, connection, plan: _Plan, values: dict) -> list:
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, self._params(connection, plan, values))
            rows = [row[: plan.col_count] for row in cursor.fetchall()]
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        db = connection.alias
        objects = []
        for row in rows:
            obj = plan.model.from_db(db, plan.init_list, row[plan.fields_start : plan.fields_end])
            for populator in plan.populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
