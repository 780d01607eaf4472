"""Appending many pages to Wagtail's tree at once, without a save() per page.

Saving pages one by one through Wagtail (``add_child`` and a published
revision) costs dozens of queries a page. These helpers write the rows
directly while keeping the page tree valid:

* Pages are appended after their parent's current last child, with treebeard's
  materialised path (``steplen`` 4, base 36), ``depth``, ``url_path`` and the
  parent's ``numchild`` updated in the same transaction, so ``Page.find_problems()``
  stays clean and appending twice appends rather than collides.
* Multi-table inheritance is written by hand: ``wagtailcore_page`` rows first
  (``bulk_create`` returns their ids on SQLite 3.35+ and PostgreSQL), then the
  child table (``articles_articlepage`` and so on) with ``page_ptr_id``, each value
  prepared by its own model field, as ``Model.save()`` would.

No signals are sent and no revision is written: the callers (``dateline seed``,
the WordPress importer) do what they need of that themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page


def page_children_append(*, parent: Page, model: type[Page], rows: Sequence[dict]) -> list[int]:
    """Insert ``rows`` as pages of ``model`` after ``parent``'s last child; return their ids (see :func:`page_children_insert`)."""
    return [page.pk for page in page_children_insert(parent=parent, model=model, rows=rows)]


def page_children_insert(*, parent: Page, model: type[Page], rows: Sequence[dict]) -> list[Page]:
    """Insert ``rows`` as pages of ``model`` after ``parent``'s last child; return their ``Page`` rows, in order.

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
    pages = []
    for step, row in enumerate(rows, start=first_step):
        values = {k: v for k, v in row.items() if k in page_fields}
        values.setdefault("draft_title", values["title"])
        pages.append(
            Page(
                **values,
                path=Page._get_path(parent_row["path"], depth, step),
                depth=depth,
                numchild=0,
                url_path=f"{parent_row['url_path']}{values['slug']}/",
                content_type_id=content_type_id,
                locale_id=parent_row["locale_id"],
            )
        )
    Page.objects.bulk_create(pages)
    ids = [page.pk for page in pages]
    if None in ids:
        raise RuntimeError("The database did not return the new pages' ids; SQLite 3.35+ or PostgreSQL is needed.")

    child_rows = []
    for page_id, row in zip(ids, rows, strict=True):
        values = {k: v for k, v in row.items() if k not in page_fields}
        values[model._meta.pk.attname] = page_id
        child_rows.append(values)
    rows_insert(model=model, rows=child_rows)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
    return pages


def rows_insert(*, model, rows: Sequence[dict], returning: bool = False) -> list[int]:
    """Insert ``rows`` into ``model``'s own table, in as few statements as the database allows.

    Only the table's local columns are written (for a page type: its child
    table, keyed by ``page_ptr_id``); missing values take the field's default,
    and each value is prepared by its field as ``Model.save()`` would. No model
    instance is made and no signal sent (this is ``bulk_create`` without its
    per-object cost). With ``returning`` the new rows' ids come back, in order
    (``INSERT … RETURNING``: SQLite 3.35+ and PostgreSQL); otherwise ``[]``.
    """
    if not rows:
        return []
    pk = model._meta.pk
    fields = [
        f
        for f in model._meta.local_concrete_fields
        if not (f.primary_key and f.get_internal_type() in {"AutoField", "BigAutoField"})
    ]
    defaults = {f.attname: f.get_default() for f in fields}
    params = [
        [f.get_db_prep_save(row[f.attname] if f.attname in row else defaults[f.attname], connection) for f in fields]
        for row in rows
    ]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and not returning:
            # SQLite runs one prepared statement per row fastest.
            cursor.executemany(head + one_row, params)
            return []
        # Elsewhere a statement costs a round trip and a parse: send many rows in each.
        per_statement = max(1, min(1_000, (connection.features.max_query_params or 65_535) // len(fields)))
        tail = f" RETURNING {quote(pk.column)}" if returning else ""
        ids: list[int] = []
        for start in range(0, len(params), per_statement):
            chunk = params[start : start + per_statement]
            cursor.execute(head + ", ".join([one_row] * len(chunk)) + tail, [value for row in chunk for value in row])
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
        return ids
