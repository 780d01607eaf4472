"""Synthetic bulk data for benchmarks: `dateline seed --articles N --comments M`.

Saving pages one by one through Wagtail (``add_child`` and a published
revision) costs dozens of queries a page; a hundred thousand articles would take
hours. This module writes the rows directly, in batches, each batch in one
transaction, with ``dateline.core.pagetree`` (which keeps Wagtail's page tree
valid; running the command twice appends rather than collides).

* The denormalised ``ArticlePage.section`` and ``published_at`` are set as
  ``ArticlePage.save()`` would set them: the parent section, and
  ``first_published_at``.

How it stays fast at a million articles and five million comments (profiled
on 20,000 / 100,000; building model instances and preparing every value
through its field were most of the time):

* Ids are reserved first (``ids_reserve``: the table's sequence on
  PostgreSQL, the current maximum under the write lock on SQLite), so rows go
  in as plain tuples without ``RETURNING``, and replies point at comments of
  the same batch.
* ``rows_insert`` passes text, number and key values as they are and
  formats datetimes directly; SQLite gets one prepared statement run per row
  (``executemany``), PostgreSQL a ``COPY``.
* Loads of ``DEFER_INDEXES_FROM`` rows or more drop the filled tables'
  non-unique indexes and make them again at the end from their own stored
  definitions (much faster than updating them row by row). A seed killed in
  between leaves them missing: seed into data you can throw away.
* On SQLite the seeding connection runs with ``synchronous=OFF`` and a 512 MiB
  page cache, put back afterwards.
* The approved-comment counts are recounted a few thousand articles at a time.

What the bulk path leaves out, on purpose:

* **No revisions.** Seeded pages are live with ``latest_revision`` empty; the
  admin treats the page itself as the latest version, and the first edit makes
  the first revision.
* **No search index entries** (``wagtailsearch``) and **no reference index**
  rows; run ``dateline manage update_index`` and ``dateline manage
  rebuild_references_index`` afterwards when a benchmark needs them (slow).
* **No signals**: nothing listens for these rows, so the cached article lists
  are cleared once at the end with ``article_lists_clear()``.
* **No images**: ``lead_image`` is empty.

All text is generated from a small word list with :class:`random.Random`
seeded by ``seed``, so the same seed gives the same headlines, bodies and
comments (slugs also carry a serial number so that repeated runs never clash).
"""

from __future__ import annotations

import contextlib
import datetime
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from dateline.core.pagetree import ids_reserve, page_children_append, rows_insert

SECTION_NAMES = [
    "World", "Local", "Politics", "Business", "Technology", "Science",
    "Health", "Culture", "Sport", "Opinion", "Travel",
]  # fmt: skip
AUTHOR_POOL_SIZE = 50
BATCH_SIZE = 5_000
COMMENT_BATCH_SIZE = 50_000
DEFER_INDEXES_FROM = 100_000  # articles plus comments
REPLY_SHARE = 0.2  # of comments, answering an earlier comment on the same article
PUBLISHED_WITHIN = datetime.timedelta(days=730)

WORDS = """
able account after agency agreement air alder amber answer april area around autumn
bank basin bay bell bench bird board border bridge brook budget building cabinet
canal capital card cedar centre channel chart choice circle city clay cliff clinic
coast committee common community company council county court crew crossing current
dairy data deal debate delta desk district dock draft early east economy editor
election energy engine estate evening factory fair farm ferry field figure final
fleet forest forum fund garden gate glass grain green group growth hall harbour
harvest health heath hill history holiday hospital house island journey june
justice kettle lake lane league ledger library light line local lodge market
meadow measure meeting member mill minister morning motion museum network night
north notice number office orchard panel park pass path plan plant plaza policy
port post power press project public quarry rail range record report review ridge
river road round route rule school season second service share ship shore signal
slate south spring square station steel stone storm street study summer supply
survey system table team term test tide timber tower trade trail transit trust
union valley vote water weather week west wharf winter work yard year
""".split()
VERBS = """
approves backs blocks builds calls cuts delays doubles extends faces finds funds
halts joins lifts opens plans raises rejects reopens reviews shifts signs splits
tests wins
""".split()
KICKERS = ["", "", "", "Analysis", "Explainer", "Exclusive", "Investigation", "Live", "Interview", "Review"]
PLACES = [
    "ALDERPORT", "BRACKENFIELD", "CALDER BAY", "DUNMERE", "EASTBRIDGE", "FERNHOLM",
    "GREYWATER", "HOLLINGSTEAD", "IRONGATE", "KESTREL POINT", "LOWMOOR", "MARROWDALE",
    "NORTHWICK", "OAKSHAW", "PELLING", "QUARRY HILL", "RAVENSCAR", "SALTMARSH",
    "THORNBURY", "UPPER WEALD", "VANTAGE", "WESTMERE",
]  # fmt: skip
FIRST_NAMES = """
Ada Alex Amara Ben Bea Cal Dana Eli Eva Femi Gus Hana Ida Ines Jon Juno Kai Lena
Leo Mara Milo Nell Noor Omar Otto Pia Rafa Rosa Sami Tess Uma Vik Wren Yara Zane
""".split()
LAST_NAMES = """
Abbot Baines Carver Dunmore Ellery Fairley Garrow Hartwell Ingram Jessop Kenning
Lowther Marlow Nettle Oakes Prowse Quarrel Rendle Sallow Tarrant Upton Varley
Whitlock Yeoman
""".split()
ROLES = ["reporter", "reporter", "reporter", "writer", "analyst", "editor", "photographer"]


@dataclass(frozen=True)
class SeedResult:
    """What one run added."""

    articles: int
    comments: int
    sections: int = 0
    authors: int = 0
    tags: int = 0


def seed_bulk(
    *,
    articles: int,
    comments: int = 0,
    sections: int = len(SECTION_NAMES),
    tags: int = 200,
    seed: int = 1,
    echo: Callable[[str], Any] | None = None,
    batch_size: int = BATCH_SIZE,
    defer_indexes: bool | None = None,
) -> SeedResult:
    """Add ``articles`` live articles and ``comments`` approved comments, in bulk.

    Articles are spread over the first ``sections`` sections (made when missing),
    carry one or two bylines from a pool of about fifty authors and up to three
    tags from ``tags`` tags (both made when missing), and were first published at
    some moment in the last two years. Comments are spread over the new articles;
    about a fifth are replies to an earlier comment. See the module docstring for
    what is left out (revisions, the search index).

    ``defer_indexes`` drops the loaded tables' secondary (non-unique) indexes
    for the load and builds them again after it, which is much faster than
    keeping them up to date row by row; by default it does so for loads of
    ``DEFER_INDEXES_FROM`` rows or more.
    """
    from dateline.articles.services import article_lists_clear

    echo = echo or (lambda message: None)
    rng = random.Random(seed)
    text = _TextMaker(rng)
    now = timezone.now()

    home = _home()
    with transaction.atomic():
        section_pages, sections_made = _sections_ensure(home=home, count=sections, now=now)
        author_ids, authors_made = _authors_ensure(home=home, text=text, now=now)
        tag_ids, tags_made = _tags_ensure(count=tags)
    if sections_made or authors_made or tags_made:
        echo(f"Made {sections_made} sections, {authors_made} authors and {tags_made} tags.")

    if defer_indexes is None:
        defer_indexes = articles + comments >= DEFER_INDEXES_FROM
    new_articles: list[tuple[int, datetime.datetime]] = []
    comments_made = 0
    with _bulk_load_settings(), _indexes_deferred(_bulk_models() if defer_indexes else [], echo=echo):
        started = time.monotonic()
        serial = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        for start in range(0, articles, batch_size):
            size = min(batch_size, articles - start)
            with transaction.atomic():
                new_articles += _articles_batch(
                    size=size,
                    serial=serial + start,
                    sections=section_pages,
                    author_ids=author_ids,
                    tag_ids=tag_ids,
                    text=text,
                    now=now,
                )
            echo(f"  articles {start + size:>9,} / {articles:,}  ({_rate(start + size, started)})")

        if new_articles and comments:
            started = time.monotonic()
            for start in range(0, comments, COMMENT_BATCH_SIZE):
                size = min(COMMENT_BATCH_SIZE, comments - start)
                with transaction.atomic():
                    comments_made += _comments_batch(size=size, articles=new_articles, text=text, now=now)
                echo(f"  comments {start + size:>9,} / {comments:,}  ({_rate(start + size, started)})")
    if new_articles and comments:
        from dateline.comments.services import discussion_counts_rebuild

        started = time.monotonic()
        discussion_counts_rebuild(article_ids=[article_id for article_id, _ in new_articles])
        echo(f"  comment counts of {len(new_articles):,} new pages in {time.monotonic() - started:.1f} s")

    article_lists_clear()
    return SeedResult(
        articles=len(new_articles),
        comments=comments_made,
        sections=sections_made,
        authors=authors_made,
        tags=tags_made,
    )


# -- bulk load settings --------------------------------------------------------------


def _bulk_models() -> list:
    from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag
    from dateline.comments.models import Comment

    return [Page, ArticlePage, ArticleByline, ArticleTag, Comment]


@contextlib.contextmanager
def _bulk_load_settings():
    """On SQLite: no fsync per transaction and a large page cache while loading; put back after.

    A crash mid-seed can then lose the last batches (never corrupt the file in WAL mode), which is
    fine for synthetic data. The settings belong to this connection only, and
    SQLite cannot change them inside a transaction (a test's), so there they stay.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -524288")  # 512 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")


@contextlib.contextmanager
def _indexes_deferred(models: Sequence, *, echo: Callable[[str], Any]):
    """Drop the non-unique indexes of ``models``' tables, and make them again on the way out.

    The definitions are read back from the database itself (``sqlite_master``,
    ``pg_get_indexdef``), so each index comes back exactly as the migrations made
    it. Unique indexes and primary keys stay: they guard the data. If the
    process is killed in between, `dateline seed` run again (with any count)
    does not bring them back; ``dateline manage migrate`` does not either, so
    seed on data you can throw away.
    """
    definitions: list[tuple[str, str]] = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL"
                    " AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    [table],
                )
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    " JOIN pg_class t ON t.oid = x.indrelid WHERE t.relname = %s AND t.relkind = 'r'"
                    " AND t.relnamespace = to_regnamespace(current_schema())"
                    " AND NOT x.indisunique AND NOT x.indisprimary",
                    [table],
                )
            else:
                continue
            definitions += cursor.fetchall()
        for name, _ in definitions:
            cursor.execute(f"DROP INDEX {quote(name)}")
    try:
        yield
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            for _, sql in definitions:
                cursor.execute(sql)
        if definitions:
            echo(f"  {len(definitions)} indexes made again in {time.monotonic() - started:.1f} s")



# -- what the articles hang on ----------------------------------------------------------------


def _home():
    from dateline.articles.models import HomePage

    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        raise RuntimeError("There is no home page to seed under; run `dateline manage migrate` first.")
    return home


def _page_row(*, title: str, slug: str, at: datetime.datetime, **fields) -> dict:
    return {
        "title": title,
        "slug": slug,
        "live": True,
        "first_published_at": at,
        "last_published_at": at,
        **fields,
    }


def _sections_ensure(*, home, count: int, now) -> tuple[list, int]:
    """The first ``count`` sections under the home page, made when missing, in name order."""
    from dateline.articles.models import SectionPage

    names = SECTION_NAMES[:count] + [f"Section {n}" for n in range(len(SECTION_NAMES) + 1, count + 1)]
    existing = {s.slug: s for s in SectionPage.objects.child_of(home).filter(slug__in=[slugify(n) for n in names])}
    missing = [n for n in names if slugify(n) not in existing]
    page_children_append(
        parent=home,
        model=SectionPage,
        rows=[_page_row(title=n, slug=slugify(n), at=now, show_in_menus=True, intro=f"The latest from {n}.") for n in missing],
    )
    found = {s.slug: s for s in SectionPage.objects.child_of(home).filter(slug__in=[slugify(n) for n in names])}
    return [found[slugify(n)] for n in names], len(missing)


def _authors_ensure(*, home, text: _TextMaker, now) -> tuple[list[int], int]:
    """The ids of the seeded author pool, making the authors that are missing."""
    from dateline.authors.models import AuthorIndexPage, AuthorPage

    index = AuthorIndexPage.objects.first()
    if index is None:
        page_children_append(parent=home, model=AuthorIndexPage, rows=[_page_row(title="Authors", slug="authors", at=now)])
        index = AuthorIndexPage.objects.get()
    names = _author_names(AUTHOR_POOL_SIZE)
    slugs = [slugify(n) for n in names]
    existing = set(AuthorPage.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    rows = [
        _page_row(
            title=name,
            slug=slug,
            at=now,
            job_title=f"{text.rng.choice(['Reporter', 'Correspondent', 'Editor', 'Writer'])}, {text.place().title()}",
            bio=text.paragraph(),
        )
        for name, slug in zip(names, slugs, strict=True)
        if slug not in existing
    ]
    page_children_append(parent=index, model=AuthorPage, rows=rows)
    ids = list(AuthorPage.objects.filter(slug__in=slugs).order_by("pk").values_list("pk", flat=True))
    return ids, len(rows)


def _author_names(count: int) -> list[str]:
    """Made-up names, the same on every run."""
    names = []
    for i in range(count):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i * 7 + i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        names.append(f"{first} {last}")
    return names


def _tags_ensure(*, count: int) -> tuple[list[int], int]:
    """The ids of ``count`` tags named from the word list, making those that are missing."""
    names = [
        f"{WORDS[i % len(WORDS)]}" if i < len(WORDS) else f"{WORDS[i % len(WORDS)]} {WORDS[(i // len(WORDS) * 37) % len(WORDS)]}"
        for i in range(count)
    ]
    names = list(dict.fromkeys(names))
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    taken_slugs = set(Tag.objects.filter(slug__in=[slugify(n) for n in names]).values_list("slug", flat=True))
    missing = [Tag(name=n, slug=slugify(n)) for n in names if n not in existing and slugify(n) not in taken_slugs]
    Tag.objects.bulk_create(missing)
    ids = list(Tag.objects.filter(name__in=names).order_by("pk").values_list("pk", flat=True))
    return ids, len(missing)


# -- articles and comments ----------------------------------------------------------------------


def _articles_batch(*, size: int, serial: int, sections, author_ids, tag_ids, text: _TextMaker, now) -> list[tuple[int, datetime.datetime]]:
    from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag

    rng = text.rng
    span = int(PUBLISHED_WITHIN.total_seconds())
    by_section: dict[int, list[dict]] = defaultdict(list)
    for n in range(serial, serial + size):
        section = rng.choice(sections)
        title = text.headline()
        at = now - datetime.timedelta(seconds=rng.randint(60, span))
        by_section[section.pk].append(
            _page_row(
                title=title,
                slug=f"{slugify(title)[:60].rstrip('-')}-{n}",
                at=at,
                kicker=rng.choice(KICKERS),
                dek=text.sentence(min_words=14, max_words=24),
                body=text.body(),
                dateline_place=text.place(),
                section_id=section.pk,
                published_at=at,
            )
        )

    made: list[tuple[int, datetime.datetime]] = []
    bylines: list[dict] = []
    tagged: list[dict] = []
    for section in sections:
        rows = by_section.get(section.pk)
        if not rows:
            continue
        ids = page_children_append(parent=section, model=ArticlePage, rows=rows)
        for page_id, row in zip(ids, rows, strict=True):
            made.append((page_id, row["published_at"]))
            for order, author_id in enumerate(rng.sample(author_ids, k=min(len(author_ids), 1 if rng.random() < 0.75 else 2))):
                bylines.append({"article_id": page_id, "author_id": author_id, "sort_order": order, "role": rng.choice(ROLES)})
            for tag_id in rng.sample(tag_ids, k=min(len(tag_ids), rng.randint(0, 3))):
                tagged.append({"content_object_id": page_id, "tag_id": tag_id})
    rows_insert(model=ArticleByline, rows=bylines)
    rows_insert(model=ArticleTag, rows=tagged)
    return made


def _comments_batch(*, size: int, articles: Sequence[tuple[int, datetime.datetime]], text: _TextMaker, now) -> int:
    """Top-level comments first, then replies to some of them, all in one insert with reserved ids."""
    from dateline.comments.models import Comment

    rng = text.rng
    rand = rng.random
    pool = text.pool
    names = text.commenter_names
    approved = Comment.Status.APPROVED
    replies = int(size * REPLY_SHARE)
    ids = ids_reserve(model=Comment, count=size)
    rows = []
    for n in range(size):
        if n < size - replies:
            article_id, after = articles[int(rand() * len(articles))]
            parent_id, depth = None, 0
        else:
            parent = rows[int(rand() * (size - replies))]
            article_id, after = parent["article_id"], parent["created_at"]
            parent_id, depth = parent["id"], parent["depth"] + 1
        window = max(60, min(int((now - after).total_seconds()), 3 * 86_400))
        at = min(after + datetime.timedelta(seconds=1 + int(rand() * window)), now)
        rows.append(
            {
                "id": ids[n],
                "article_id": article_id,
                "parent_id": parent_id,
                "depth": depth,
                "author_name": names[int(rand() * len(names))],
                "author_email": f"reader{int(rand() * 1_000_000)}@example.com",
                "body": " ".join([pool[int(rand() * len(pool))] for _ in range(1 + int(rand() * 3))]),
                "status": approved,
                "created_at": at,
                "approved_at": at,
            }
        )
    rows_insert(model=Comment, rows=rows)
    return len(rows)


def _comment(*, article_id: int, after, text: _TextMaker, now, parent=None):
    """One approved comment as a model instance (the serving benchmark tops up an article with these)."""
    from dateline.comments.models import Comment

    rng = text.rng
    window = max(60, int(min((now - after).total_seconds(), 3 * 86_400)))
    at = after + datetime.timedelta(seconds=rng.randint(1, window))
    at = min(at, now)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}."
    return Comment(
        article_id=article_id,
        parent=parent,
        depth=(parent.depth + 1) if parent is not None else 0,
        author_name=name,
        author_email=f"reader{rng.randrange(1_000_000)}@example.com",
        body=" ".join(text.sentences(rng.randint(1, 3))),
        status=Comment.Status.APPROVED,
        held_reasons=[],
        created_at=at,
        approved_at=at,
    )


def _rate(done: int, started: float) -> str:
    elapsed = time.monotonic() - started
    return f"{done / elapsed:,.0f}/s" if elapsed > 0 else "-"


# -- synthetic text --------------------------------------------------------------------------


class _TextMaker:
    """Sentences made of the word list, drawn from one seeded random generator.

    A few thousand sentences are made up front and reused, so a hundred thousand
    bodies cost little more than shuffling.
    """

    POOL = 4_000

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pool = [self.sentence() for _ in range(self.POOL)]
        self.commenter_names = [f"{first} {last[0]}." for first in FIRST_NAMES for last in LAST_NAMES]

    def sentence(self, *, min_words: int = 8, max_words: int = 20) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(min_words, max_words))
        return " ".join(words).capitalize() + "."

    def sentences(self, count: int) -> list[str]:
        return self.rng.sample(self.pool, k=count)

    def paragraph(self) -> str:
        return " ".join(self.sentences(self.rng.randint(3, 5)))

    def headline(self) -> str:
        rng = self.rng
        subject = " ".join(rng.choices(WORDS, k=rng.randint(1, 2)))
        rest = " ".join(rng.choices(WORDS, k=rng.randint(2, 4)))
        return f"{subject.capitalize()} {rng.choice(VERBS)} {rest}"

    def place(self) -> str:
        return self.rng.choice(PLACES)

    def body(self) -> list[dict]:
        return [
            {"type": "paragraph", "value": f"<p>{self.paragraph()}</p>", "id": self._block_id()}
            for _ in range(5)
        ]

    def _block_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
