"""Appending many pages to Wagtail's tree at once, without a save() per page.

Saving pages one by one through Wagtail (``add_child`` and a published
revision) costs dozens of queries a page. These helpers write the rows
directly while keeping the page tree valid:

* Pages are appended after their parent's current last child, with treebeard's
  materialised path (``steplen`` 4, base 36), ``depth``, ``url_path`` and the
  parent's ``numchild`` updated in the same transaction, so ``Page.find_problems()``
  stays clean and appending twice appends rather than collides.
* Multi-table inheritance is written by hand: ``wagtailcore_page`` rows first,
  with ids reserved beforehand (:func:`ids_reserve`), then the child table
  (``articles_articlepage`` and so on) with ``page_ptr_id``, each value prepared
  as its own model field would for ``Model.save()``, through :func:`rows_insert`
  (no model instances: at a million pages they were most of the time).

No signals are sent and no revision is written: the callers (``dateline seed``,
the WordPress importer) do what they need of that themselves.
"""

from __future__ import annotations

import datetime
import json
import operator
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models import F
from wagtail.models import Page


def page_children_append(*, parent: Page, model: type[Page], rows: Sequence[dict]) -> list[int]:
    """Insert ``rows`` as pages of ``model`` after ``parent``'s last child; return their ids, in order."""
    return [values["id"] for values in _page_children_write(parent=parent, model=model, rows=rows)]


def page_children_rows(*, parent: Page, model: type[Page], rows: Sequence[dict]) -> list[dict]:
    """As :func:`page_children_append`; return each new page's ``wagtailcore_page`` values (id and tree columns included)."""
    return _page_children_write(parent=parent, model=model, rows=rows)


def _page_children_write(*, parent: Page, model: type[Page], rows: Sequence[dict]) -> list[dict]:
    """Write the pages; return each one's ``wagtailcore_page`` values, id and tree columns included.

    Each row holds field values by attribute name (``title``, ``slug``,
    ``section_id``…); the tree columns (``path``, ``depth``, ``url_path``,
    ``numchild``, ``content_type``, ``locale``) are filled in here. ``model`` must
    inherit from ``Page`` directly. Call inside a transaction.
    """
    if not rows:
        return []
    if model._meta.get_parent_list() != [Page]:
        raise TypeError(f"{model.__name__} must inherit directly from wagtail.models.Page.")
    # Lock the parent (on databases that can) and read its path afresh.
    parent_row = Page.objects.select_for_update().values("path", "depth", "url_path", "locale_id").get(pk=parent.pk)
    depth = parent_row["depth"] + 1
    low, high = Page._get_children_path_interval(parent_row["path"])
    last_path = (
        Page.objects.filter(path__range=(low, high), depth=depth).order_by("-path").values_list("path", flat=True).first()
    )
    first_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    if len(Page._int2str(first_step + len(rows) - 1)) > Page.steplen:
        raise ValueError(f"The page {parent.pk} has no room for {len(rows)} more children in the page tree.")

    content_type_id = ContentType.objects.get_for_model(model).pk
    page_fields = {f.attname for f in Page._meta.concrete_fields}
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
    ids = ids_reserve(model=Page, count=len(rows))
    pages = []
    child_rows = []
    for page_id, step, row in zip(ids, range(first_step, first_step + len(rows)), rows, strict=True):
        values = {k: v for k, v in row.items() if k in page_fields}
        values.setdefault("draft_title", values["title"])
        values.update(
            id=page_id,
            path=Page._get_path(parent_row["path"], depth, step),
            depth=depth,
            numchild=0,
            url_path=f"{parent_row['url_path']}{values['slug']}/",
            content_type_id=content_type_id,
            locale_id=parent_row["locale_id"],
        )
        pages.append(values)
        child = {k: v for k, v in row.items() if k not in page_fields}
        child[model._meta.pk.attname] = page_id
        child_rows.append(child)
    rows_insert(model=Page, rows=pages)
    rows_insert(model=model, rows=child_rows)
    return pages


def rows_insert(*, model, rows: Sequence[dict], returning: bool = False) -> list[int]:
    """Insert ``rows`` into ``model``'s own table, in as few statements as the database allows.

    Only the table's local columns are written (for a page type: its child
    table, keyed by ``page_ptr_id``); an ``id`` given in a row is written too
    (see :func:`ids_reserve`). Missing values take the field's default (a
    callable default is called for each row), and each value is prepared by its
    field as ``Model.save()`` would, except plain text, number and key columns,
    which are passed as they are (the prepared value is the same, and preparing
    it was most of the cost of a large seed). No model instance is made and no
    signal sent. With ``returning`` the new rows' ids come back, in order
    (``INSERT … RETURNING``: SQLite 3.35+ and PostgreSQL); otherwise ``[]``.
    """
    if not rows:
        return []
    given = set().union(*(row.keys() for row in rows[:1]))
    fields = [
        f
        for f in model._meta.local_concrete_fields
        if not (f.primary_key and f.get_internal_type() in {"AutoField", "BigAutoField"} and f.attname not in given)
    ]
    # The columns the first row gives come first, so each row's values are one itemgetter call
    # followed by the other columns' defaults (no Python step per column but the preparing).
    first = rows[0]
    fields.sort(key=lambda f: f.attname not in first)
    columns = []  # (attname, prepare or None, default maker or None, prepared constant default)
    by_copy = connection.vendor == "postgresql" and not returning
    for f in fields:
        prepare = _preparer(f)
        if f.has_default() and callable(f.default):
            empty = _json_empty_default(f, prepare, by_copy=by_copy)
            columns.append((f.attname, prepare, None, empty) if empty is not None else (f.attname, prepare, f.get_default, None))
        else:
            default = f.get_default()
            columns.append((f.attname, prepare, None, prepare(default) if prepare and default is not None else default))
    given_count = sum(1 for f in fields if f.attname in first)
    getter = operator.itemgetter(*[c[0] for c in columns[:given_count]]) if given_count else None
    to_prepare = [(i, c[1]) for i, c in enumerate(columns[:given_count]) if c[1] is not None]
    constant_rest = [c[3] for c in columns[given_count:]] if all(c[2] is None for c in columns[given_count:]) else None
    missing = object()
    params = []
    for row in rows:
        if getter is not None and constant_rest is not None:
            try:
                got = getter(row)
            except KeyError:  # this row lacks a column the first row gives: the long way
                pass
            else:
                values = [got] if given_count == 1 else list(got)
                for i, prepare in to_prepare:
                    value = values[i]
                    if value is not None:
                        values[i] = prepare(value)
                values += constant_rest
                params.append(values)
                continue
        values = []
        for attname, prepare, make_default, default in columns:
            value = row.get(attname, missing)
            if value is missing:
                if make_default is None:
                    values.append(default)
                    continue
                value = make_default()
            values.append(value if prepare is None or value is None else prepare(value))
        params.append(values)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if by_copy:
            # COPY streams the rows: no statement to parse per batch, no parameter limit.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            return []
        head = f"INSERT INTO {table} ({names}) VALUES "
        one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        if connection.vendor == "sqlite" and not returning:
            # SQLite runs one prepared statement per row fastest.
            cursor.executemany(head + one_row, params)
            return []
        # Elsewhere a statement costs a round trip and a parse: send many rows in each.
        per_statement = max(1, min(1_000, (connection.features.max_query_params or 65_535) // len(fields)))
        tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
        ids: list[int] = []
        for start in range(0, len(params), per_statement):
            chunk = params[start : start + per_statement]
            cursor.execute(head + ", ".join([one_row] * len(chunk)) + tail, [value for row in chunk for value in row])
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
        return ids


def _json_empty_default(field, prepare, *, by_copy: bool) -> Any:
    """The prepared value of a JSON column whose callable default makes an empty list or dict (``default=list``), or None.

    Every row gets the same value then, so it is prepared once (for COPY, as the
    text the server reads as JSON), and the rows keep the quick path of
    :func:`rows_insert`, which a default called per row would leave.
    """
    if field.get_internal_type() != "JSONField":
        return None
    value = field.get_default()
    if type(value) not in (list, dict) or value:
        return None
    return json.dumps(value) if by_copy else prepare(value)


_PLAIN_TYPES = {
    "CharField", "TextField", "SlugField", "BooleanField", "AutoField", "BigAutoField", "IntegerField",
    "BigIntegerField", "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}  # fmt: skip


def _preparer(field) -> Callable[[Any], Any] | None:
    """How to prepare ``field``'s values for the database; None when a value goes as it is.

    A str, int or bool column (or a key to one) stores the value unchanged. An
    aware datetime, a UUID and JSON (a list or dict) become what Django's backend
    would make of them, without the per-value settings, connection and field
    lookups that dominated a large seed's and a large import's profiles.
    """
    target = field
    while target.is_relation:  # a key to a key (a page type's page_ptr) stores what the last one points at
        target = target.target_field
    kind = target.get_internal_type()
    if kind in _PLAIN_TYPES:
        return None
    db = connections[connection.alias]  # the wrapper itself: the proxy costs a lookup per use
    if kind == "DateTimeField" and db.vendor == "sqlite" and settings.USE_TZ:
        return lambda value: str(value.astimezone(datetime.UTC).replace(tzinfo=None))
    if kind == "DateTimeField" and db.vendor == "postgresql":
        return lambda value: value
    if kind == "UUIDField":
        return (lambda value: value) if db.features.has_native_uuid_field else (lambda value: value.hex)
    if kind == "JSONField":  # also a StreamField given its blocks as a list (StreamValues take the field's own way)
        adapt, encoder = db.ops.adapt_json_value, getattr(field, "json_field", field).encoder
        return lambda value: adapt(value, encoder) if type(value) in (list, dict) else field.get_db_prep_save(value, db)
    return lambda value: field.get_db_prep_save(value, db)


def column_values_existing(*, model, column: str, values: Sequence, chunk: int = 2000) -> list:
    """Which of ``values`` the ``column`` (an attribute name) of ``model``'s table holds, sorted; plain SQL, in chunks."""
    quote = connection.ops.quote_name
    field = model._meta.get_field(column)
    head = f"SELECT DISTINCT {quote(field.column)} FROM {quote(model._meta.db_table)} WHERE {quote(field.column)} IN "
    found: set = set()
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            part = list(values[start : start + chunk])
            cursor.execute(head + "(" + ", ".join(["%s"] * len(part)) + ")", part)
            found.update(row[0] for row in cursor.fetchall())
    return sorted(found)


def ids_reserve(*, model, count: int) -> list[int]:
    """``count`` primary keys for new rows of ``model``, never handed out again; call inside a transaction.

    Rows inserted with their ids known need no ``RETURNING`` and no model
    instances, and replies can point at comments in the same batch. PostgreSQL
    hands them out from the table's sequence. On SQLite a write that changes
    nothing takes the database's write lock first, so no other connection
    inserts until the transaction ends; the table's ``AUTOINCREMENT`` counter
    then follows the largest id written.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(  # the sequence looked up once, not once per id
                "SELECT nextval(q.seq) FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) q, generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        if connection.vendor == "sqlite":
            cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = {quote(column)} WHERE 0 = 1")
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
    return list(range(top + 1, top + 1 + count))
