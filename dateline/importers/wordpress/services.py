"""Write a WordPress export into dateline: `dateline import-wordpress FILE`.

:class:`WordPressImporter` reads the file twice with the streaming parser:

1. authors, categories, tags and attachments (images), and a count of items
   for the progress bar;
2. posts (and pages, when asked) with their comments, view counts and redirects.

Everything happens inside one ``transaction.atomic()``: an error anywhere
(a malformed item at the end of the file, a database error) leaves the
database as it was, and image files written on the way are deleted again. A
dry run is the same run, rolled back at the end, with the same summary.

Each WordPress object is remembered in :class:`ImportedObject` under (site,
kind, WordPress ID) with a digest of what was read, so importing again updates
what changed in WordPress and leaves the rest alone: no duplicates.

New posts are written in batches of ``batch_size``: their pages appended to the
tree together (``dateline.core.pagetree``), with one published revision each,
their bylines, tags, comments, redirects, view totals and import records in a
few bulk inserts per batch. What Wagtail does per saved page in the background
(search index, reference index) is queued once at the end
(:func:`imported_pages_index`), and the related-posts lists are rebuilt once.
Posts already imported are updated one by one, the way Wagtail saves a page.

What becomes what (see docs/wordpress.md):

* author → AuthorPage (display name, bio); login and e-mail kept private in ImportedObject.data;
* a post's first category → its section (the top-level ancestor of that category
  when it has parents, or ``section_map``); the other categories and the tags → tags;
* post → ArticlePage: title, slug, body blocks, excerpt as dek, dates from
  ``post_date_gmt``, the author's byline, tags, featured image; sticky → the home
  page's lead story; publish → live; draft and pending → draft; future → scheduled;
  private or password-protected → draft, reported; trash → skipped;
* comments → reader comments through ``dateline.comments.services.comment_import``;
* view-count post meta → the article's all-time readership total;
* the item's link and ``_wp_old_slug`` → permanent Wagtail redirects; ``/?p=ID`` is
  answered by ``middleware.WordPressLinkMiddleware``.

Subclass :class:`WordPressImporter` to change a mapping (``section_for``,
``tags_for``, ``article_fields``…) without editing it.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import multiprocessing
import pickle
import queue
import re
import threading
import traceback
import uuid
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import is_protected_type
from django.utils.text import slugify
from wagtail.models import Page, Revision

from dateline import conf
from dateline.core.pagetree import (
    column_values_existing,
    ids_reserve,
    page_children_rows,
    rows_insert,
)
from dateline.importers.wordpress import content as wp_content
from dateline.importers.wordpress.models import ImportedObject
from dateline.importers.wordpress.parser import (
    VIEW_META_KEYS,
    Author,
    Channel,
    Item,
    Term,
    WXRError,
    attachment_image_meta,
    wp_datetime,
    wxr_items_after_head,
    wxr_read,
)

Kind = ImportedObject.Kind
_UNKNOWN = object()
_PENDING = object()  # a new post read but not written yet (see WordPressImporter._articles_flush)
PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"
_RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_TAGS = re.compile(r"<[^>]+>")
_ATTACHMENT_REFS = re.compile(r"(?:wp-image-|attachment_|\"id\":)(\d+)")


class ImportAbort(Exception):
    """Raised to abort the import with a message for the user (the transaction rolls back)."""


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do): counts per kind, and everything skipped, with reasons."""

    site_url: str = ""
    dry_run: bool = False
    read: Counter = field(default_factory=Counter)  # items in the file, by "type/status"
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # reason -> items
    notes: list[str] = field(default_factory=list)

    def skip(self, reason: str, label: str) -> None:
        self.skipped[reason].append(label)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        getattr(self, outcome)[kind] += n

    def lines(self) -> list[str]:
        head = "Dry run: nothing was written. The import would have done this:" if self.dry_run else "Imported:"
        out = [f"{head} (WordPress site {self.site_url})"]
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        for kind in kinds:
            parts = [f"{self.created[kind]} new"]
            if self.updated[kind]:
                parts.append(f"{self.updated[kind]} updated")
            if self.unchanged[kind]:
                parts.append(f"{self.unchanged[kind]} unchanged")
            out.append(f"  {kind}: {', '.join(parts)}")
        if self.skipped:
            out.append("Skipped or not fully imported:")
            for reason, labels in sorted(self.skipped.items()):
                shown = "; ".join(labels[:5]) + (f"; and {len(labels) - 5} more" if len(labels) > 5 else "")
                out.append(f"  {len(labels)} × {reason}: {shown}")
        for note in self.notes:
            out.append(note)
        return out


@dataclass
class _Mapped:
    object_id: int | None
    checksum: str
    row_id: int


@dataclass
class _NewArticle:
    """A new post, read and converted, waiting for its batch to be written (as rows: no model instances)."""

    kind: str
    item: Item
    row: dict  # the page's field values by attribute name; the tree columns and id come when it is written
    section: Page
    state: str
    at: datetime.datetime | None
    checksum: str
    views: int | None
    comments: list
    comments_new: bool  # no comment ID of the item was met before in this import (see _comment_rows)
    mapping: _Mapped | None  # the import record, when the article it named was deleted since
    author_id: int
    tag_ids: list[int]
    pk: int | None = None
    path: str = ""  # the reader path, once the slug is final


@dataclass(slots=True)
class _Prepared:
    """An article's item worked out without the database (see WordPressImporter.article_prepare).

    ``fields`` and ``comments`` are None until converted; what the conversion
    skipped is told to the summary only when the article is written.
    """

    section: tuple[str, str]
    tags: list[str]
    views: int | None
    checksum: str
    fields: dict | None = None
    comments: list | None = None
    comments_new: bool = False
    body_skips: list[tuple[str, str]] = field(default_factory=list)
    comment_skips: list[tuple[str, str]] = field(default_factory=list)


class _IdsSeen:
    """Which WordPress IDs were met so far, one bit each (64 KB for 500,000 IDs, 16 MB at most)."""

    limit = 1 << 27

    def __init__(self):
        self.bits = bytearray()

    def add(self, ids: Iterable[int]) -> bool:
        """Mark the IDs; True when none was marked before (an ID past the limit counts as met)."""
        new = True
        bits = self.bits
        for n in ids:
            if not 0 <= n < self.limit:
                new = False
                continue
            byte, bit = n >> 3, 1 << (n & 7)
            if byte >= len(bits):
                bits.extend(bytes(min(max(byte + 1 - len(bits), len(bits)), (self.limit >> 3) - len(bits))))  # doubling
            if bits[byte] & bit:
                new = False
            bits[byte] |= bit
        return new


@dataclass(frozen=True, slots=True)
class _PageRef:
    """An article written by the batch path, as comment_import_threads needs it: by its id."""

    pk: int


def site_url_normalise(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    return f"{host}{path}"


def _digest(*values) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _plain(text: str) -> str:
    """Text without tags or entities, whitespace collapsed (most names and titles have neither: no regex then)."""
    import html

    text = text or ""
    if "<" in text:
        text = _TAGS.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


class WordPressImporter:
    """One import of one WXR file. Configure by attributes, or override the ``*_for`` methods."""

    placeholder_author_name = "Unknown author (WordPress import)"
    placeholder_author_slug = "wordpress-import-unknown-author"
    default_section = ("news", "News")
    byline_role = "writer"
    view_meta_keys = VIEW_META_KEYS
    #: Item types imported as articles; pages only when ``pages_section`` is given.
    article_types = ("post",)
    redirect_permanent = True
    #: New posts written together (pages, revisions, comments, redirects in a few queries per batch).
    batch_size = 500
    #: On PostgreSQL, write each batch on a second thread while the next one is read (see _BackgroundWriter).
    write_in_background = True
    #: Read and convert the items in a second process while this one writes (see _ProcessReader). Subclasses
    #: whose ``body_for``, ``article_fields``, ``section_for``, ``tags_for`` or comment mapping query the
    #: database must set it to False: the reading process has no database.
    read_in_process = True
    _background = None
    _prepared: tuple[Item | None, _Prepared | None] = (None, None)  # the item being imported, and its conversion
    _comment_statuses: dict[str, str] | None = None
    _comment_keys_unused = False  # no comment bears this site's import keys yet (see _channel)

    def __init__(
        self,
        *,
        path: str | Path,
        site_url: str = "",
        media_dir: str | Path | None = None,
        section_map: dict[str, str] | None = None,
        pages_section: str = "",
        pingbacks: bool = True,
        progress: Callable[[Iterable, int], Iterator] | None = None,
        echo: Callable[[str], object] | None = None,
    ):
        self.path = Path(path)
        self.site_url_option = site_url
        self.media_dir = Path(media_dir) if media_dir else None
        self.section_map = {k.strip(): v.strip() for k, v in (section_map or {}).items()}
        self.pages_section = pages_section.strip()
        self.pingbacks = pingbacks
        self.progress = progress
        self.echo = echo or (lambda message: None)
        self.summary = ImportSummary()
        self.tz = zoneinfo.ZoneInfo(conf.get("TIME_ZONE"))
        # Per run: WordPress → dateline lookups, filled as the import goes.
        self.authors: dict[str, int] = {}
        self.categories: dict[str, Term] = {}
        self.tags: dict[str, Term] = {}
        self.images: dict[int, int] = {}  # attachment ID → NewsImage pk
        self.images_by_url: dict[str, int] = {}
        self.attachments_pending: dict[int, str] = {}  # attachment ID → URL still to fetch
        self.sections: dict[str, int] = {}  # section slug → SectionPage pk
        self.stored_files: list[str] = []
        self.sticky: list[tuple[datetime.datetime, int]] = []
        self.article_paths: list[str] = []
        self.placeholder_used: list[str] = []
        self.user = None
        self._last_child: dict[int, str | None] = {}
        self._section_pages: dict[int, Page] = {}
        self._section_ids: dict[tuple[str, str], int] = {}  # (slug, title) as asked → SectionPage pk
        self._tag_objects: dict[str, object] = {}
        self._pending: list[_NewArticle] = []
        self.created_article_ids: list[int] = []
        self._comment_ids_seen = _IdsSeen()

    # -- the run -------------------------------------------------------------------------

    def run(self, *, dry_run: bool = False) -> ImportSummary:
        """Import the file in one transaction; roll back on any error, or at the end of a dry run."""
        if not self.path.is_file():
            raise WXRError("no such file")
        if self.media_dir is not None and not self.media_dir.is_dir():
            raise WXRError(f"--media-dir {self.media_dir}: no such folder")
        self.summary.dry_run = dry_run
        try:
            with transaction.atomic():
                self._session_settings()
                self._import()
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self._delete_stored_files()
            raise
        if dry_run:
            self._delete_stored_files()
        else:
            self.after_import()
        return self.summary

    @staticmethod
    def _session_settings() -> None:
        """On PostgreSQL, for this transaction only: compress large values (bodies, revisions) with lz4, not pglz.

        The server spent most of its COPY time for revisions and pages squeezing
        their JSON with pglz; lz4 is several times quicker, and reading either is
        transparent. Servers built without lz4 keep their default.
        """
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
            if cursor.fetchone():
                cursor.execute("SET LOCAL default_toast_compression = 'lz4'")

    def _import(self) -> None:
        from dateline.articles.models import HomePage
        from dateline.authors.models import AuthorIndexPage

        self.home = HomePage.objects.filter(depth=2).first()
        self.author_index = AuthorIndexPage.objects.first()
        if self.home is None or self.author_index is None:
            raise ImportAbort("the site has no home page or author index yet; run `dateline manage migrate` first")
        self.content_types = {
            "article": ContentType.objects.get_for_model(self._article_model()),
            "author": ContentType.objects.get_for_model(self._author_model()),
            "image": ContentType.objects.get_for_model(self._image_model()),
        }
        items = self._first_pass()
        self._second_pass(total=items)
        self._articles_flush()
        self._sticky_apply()
        self._index_queue()
        if self.placeholder_used:
            self.summary.notes.append(
                f"{len(self.placeholder_used)} item(s) credited to authors not in the export are bylined "
                f"'{self.placeholder_author_name}': " + "; ".join(self.placeholder_used[:5])
            )
        pending = len(self.attachments_pending)
        if pending:
            self.summary.notes.append(
                f"{pending} attachment file(s) were not available (no --media-dir, or not found in it); their URLs are "
                "recorded for a later fetch (ImportedObject.objects.awaiting_fetch()); import again with --media-dir to attach them."
            )

    def _first_pass(self) -> int:
        """The channel, authors, terms and attachments, which the items need; returns how many items there are.

        When a byte scan finds that only items follow the first item, and no
        attachment among them (a posts-only export), the pass stops at the
        first item: parsing the rest was a tenth of a large import's time,
        before any of it could start.
        """
        items = 0
        counted = wxr_items_after_head(str(self.path))
        # The second pass reads the comments, and every item but attachments in full.
        for kind, record in wxr_read(str(self.path), comments=False, item_types=("attachment",)):
            if kind == "channel":
                self._channel(record)
            elif kind == "author":
                self.author_import(record)
            elif kind == "term":
                self._term(record)
            elif kind == "item":
                if counted is not None:
                    return counted
                items += 1
                if record.post_type == "attachment":
                    self.attachment_import(record)
        return items

    def _second_pass(self, *, total: int) -> None:
        reader = _ProcessReader(self) if self._reads_in_process() else None
        if reader is not None:
            stream = reader.items()
        else:
            stream = ((record, None) for kind, record in wxr_read(str(self.path)) if kind == "item")
        if self.progress is not None:
            stream = self.progress(stream, total)
        background = _BackgroundWriter(self._batch_write) if self._writes_in_background() else None
        self._background = background
        try:
            with reader.running() if reader is not None else contextlib.nullcontext(), \
                    background.running() if background is not None else contextlib.nullcontext():
                for item, prepared in stream:
                    self._prepared = (item, prepared)
                    self.summary.read[f"{item.post_type}/{item.status or '-'}"] += 1
                    self.item_import(item)
                    if len(self._pending) >= self.batch_size:
                        pending, self._pending = self._pending, []
                        if background is not None:
                            background.submit(pending)
                        else:
                            self._batch_write(pending)
                self._articles_flush()
        finally:
            self._background = None

    def _reads_in_process(self) -> bool:
        return self.read_in_process and "fork" in multiprocessing.get_all_start_methods()

    def _writes_in_background(self) -> bool:
        """Only where the database is another process: SQLite's work is this process's own CPU time."""
        return self.write_in_background and connection.vendor == "postgresql"

    def _channel(self, channel: Channel) -> None:
        raw = self.site_url_option or channel.base_blog_url or channel.link or channel.base_site_url
        self.site_url = site_url_normalise(raw)
        if not self.site_url:
            raise WXRError("the export names no site (<wp:base_blog_url>); pass --site-url")
        self.summary.site_url = self.site_url
        self.mapped = self._mapped_load()
        self._comment_keys_unused = self._comment_keys_none()

    def after_import(self) -> None:
        """Once, after the commit: clear the cached lists, purge changed pages, queue the related-posts rebuild."""
        from dateline.analytics.signals import popular_lists_clear
        from dateline.articles.services import article_lists_clear
        from dateline.core.purge import reader_pages_changed_send
        from dateline.feeds.services import feeds_clear
        from dateline.sitemaps.services import sitemaps_clear

        article_lists_clear()
        popular_lists_clear()
        feeds_clear()
        sitemaps_clear()
        if self.summary.created or self.summary.updated:
            paths = set(self.article_paths) | {"/"} | {f"/{slug}/" for slug in self.sections}
            reader_pages_changed_send(paths=paths, reason="wordpress-import")
            try:
                from dateline.related.tasks import related_rebuild_task

                related_rebuild_task.enqueue()
            except Exception:  # noqa: BLE001 - related lists catch up on the worker's schedule anyway
                pass

    # -- the mapping table ---------------------------------------------------------------

    def _mapped_load(self) -> dict[tuple[str, str], _Mapped]:
        """Everything already imported from this site, in one query (a few MB for 100,000 posts)."""
        rows = ImportedObject.objects.for_site(self.site_url).values_list("kind", "wp_key", "object_id", "checksum", "pk")
        return {(kind, key): _Mapped(object_id, checksum, pk) for kind, key, object_id, checksum, pk in rows.iterator(chunk_size=5000)}

    def _mapping(self, kind: str, key: str):
        """The import record of a WordPress object: a _Mapped, None, or _PENDING for a new post not written yet."""
        return self.mapped.get((kind, key))

    def _remember(self, *, kind: str, key: str, obj, content_type_key: str | None, checksum: str, data: dict | None = None, source_url: str = "") -> None:
        values = {
            "content_type": self.content_types[content_type_key] if obj is not None and content_type_key else None,
            "object_id": obj.pk if obj is not None else None,
            "checksum": checksum,
            "data": data or {},
            "source_url": source_url[:1000],
        }
        existing = self._mapping(kind, key)
        if existing is None:
            row = ImportedObject.objects.create(site_url=self.site_url, kind=kind, wp_key=key, **values)
        else:
            ImportedObject.objects.filter(pk=existing.row_id).update(updated_at=timezone.now(), **values)
            row = ImportedObject(pk=existing.row_id)
        self.mapped[(kind, key)] = _Mapped(values["object_id"], checksum, row.pk)

    # -- models (override to import into other page types) --------------------------------

    def _article_model(self):
        from dateline.articles.models import ArticlePage

        return ArticlePage

    def _author_model(self):
        from dateline.authors.models import AuthorPage

        return AuthorPage

    def _image_model(self):
        from dateline.images.models import NewsImage

        return NewsImage

    # -- pages, written the way Wagtail would ----------------------------------------------

    def _page_add(self, *, parent: Page, page: Page, state: str, at: datetime.datetime | None, modified: datetime.datetime | None) -> None:
        """Add ``page`` under ``parent`` with one revision, live or draft or scheduled, dated from WordPress.

        Wagtail's publish action would send the publishing signals for every
        page (cache clears, related-posts tasks, purges); the import sets the
        same fields itself and does those things once, at the end.
        """
        self._page_state_fields(page, state=state, at=at, modified=modified)
        self._child_append(parent, page)
        self._revision_record(page, state=state, at=at, modified=modified)

    def _child_append(self, parent: Page, page: Page) -> None:
        """What treebeard's ``add_child`` does, remembering the parent's last child between calls.

        The page is saved without Wagtail's full validation: its slug was made
        unique among its siblings here, and the importer fills every field itself.
        """
        last = self._last_child.get(parent.pk, _UNKNOWN)
        if last is _UNKNOWN:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
        page.depth = parent.depth + 1
        page.path = Page(path=last, depth=page.depth)._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
        page.numchild = 0
        page.locale_id = parent.locale_id
        page._cached_parent_obj = parent
        page.draft_title = page.draft_title or page.title
        page.save(clean=False)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1
        self._last_child[parent.pk] = page.path

    def _page_state_fields(self, page: Page, *, state: str, at, modified) -> None:
        if state == PUBLISHED:
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = at or timezone.now()
            page.last_published_at = max(filter(None, [modified, at])) if (modified or at) else page.first_published_at
            page.go_live_at = None
        else:
            page.live = False
            page.has_unpublished_changes = True
            page.first_published_at = None
            page.last_published_at = None
            page.go_live_at = at if state == SCHEDULED else None
        return page

    def _revision_record(self, page: Page, *, state: str, at, modified) -> Revision:
        created = modified or at or timezone.now()
        revision = Revision.objects.create(
            created_at=created,
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            approved_go_live_at=page.go_live_at if state == SCHEDULED else None,
            content=page.serializable_data(),
            object_str=str(page)[:255],
        )
        fields = {
            "latest_revision": revision,
            "latest_revision_created_at": created,
            "draft_title": page.title,
            "live_revision": revision if state == PUBLISHED else None,
            "has_unpublished_changes": state != PUBLISHED,
        }
        Page.objects.filter(pk=page.pk).update(**fields)
        for name, value in fields.items():
            setattr(page, name, value)
        return revision

    # -- authors -----------------------------------------------------------------------------

    def author_import(self, author: Author) -> None:
        name = author.display_name or " ".join(p for p in (author.first_name, author.last_name) if p) or author.login
        checksum = _digest(name, author.bio)
        data = {"login": author.login, "email": author.email, "first_name": author.first_name, "last_name": author.last_name}
        existing = self._mapping(Kind.AUTHOR, author.login)
        model = self._author_model()
        page = model.objects.filter(pk=existing.object_id).first() if existing and existing.object_id else None
        if page is not None and existing.checksum == checksum:
            self.authors[author.login] = page.pk
            self.summary.count("authors", "unchanged")
            return
        if page is None:
            page = model(title=name[:255], slug=self._unique_child_slug(self.author_index, slugify(name) or slugify(author.login) or "author"), bio=author.bio)
            self._page_add(parent=self.author_index, page=page, state=PUBLISHED, at=None, modified=None)
            self.summary.count("authors", "created")
        else:
            page.title, page.bio = name[:255], author.bio
            page.save(clean=False)
            self._revision_record(page, state=PUBLISHED if page.live else DRAFT, at=None, modified=None)
            self.summary.count("authors", "updated")
        self.authors[author.login] = page.pk
        self._remember(kind=Kind.AUTHOR, key=author.login, obj=page, content_type_key="author", checksum=checksum, data=data)

    def _author_for(self, item: Item) -> int:
        login = item.creator
        if login in self.authors:
            return self.authors[login]
        self.placeholder_used.append(f"{item.label()} by {login or '(nobody)'!r}")
        key = "__placeholder__"
        if key not in self.authors:
            model = self._author_model()
            page = model.objects.filter(slug=self.placeholder_author_slug).first()
            if page is None:
                page = model(
                    title=self.placeholder_author_name,
                    slug=self.placeholder_author_slug,
                    bio="Stands in for WordPress authors the export did not describe; reassign these articles' bylines.",
                )
                self._page_add(parent=self.author_index, page=page, state=PUBLISHED, at=None, modified=None)
                self.summary.count("placeholder author", "created")
            self.authors[key] = page.pk
        return self.authors[key]

    # -- categories and tags -----------------------------------------------------------------

    def _term(self, term: Term) -> None:
        if term.taxonomy == "category":
            if term.slug not in self.categories:
                self.categories[term.slug] = term
                self.summary.count("categories", "created" if (Kind.CATEGORY, term.slug) not in self.mapped else "unchanged")
                self._remember_term(Kind.CATEGORY, term)
        elif term.taxonomy == "post_tag":
            if term.slug not in self.tags:
                self.tags[term.slug] = term
                self.summary.count("tags", "created" if (Kind.TAG, term.slug) not in self.mapped else "unchanged")
                self._remember_term(Kind.TAG, term)
        else:
            self.summary.skip(f"'{term.taxonomy}' terms (menus, formats) have no place in dateline", f"{term.taxonomy} {term.slug}")

    def _remember_term(self, kind: str, term: Term) -> None:
        checksum = _digest(term.name, term.parent_slug, term.description)
        existing = self._mapping(kind, term.slug)
        if existing is None or existing.checksum != checksum:
            self._remember(
                kind=kind, key=term.slug, obj=None, content_type_key=None, checksum=checksum,
                data={"name": term.name, "parent": term.parent_slug, "description": term.description, "term_id": term.wp_id},
            )

    def category_root(self, slug: str) -> str:
        """The top-level ancestor of a category (itself when it has no parent)."""
        seen = set()
        while slug in self.categories and self.categories[slug].parent_slug and slug not in seen:
            seen.add(slug)
            slug = self.categories[slug].parent_slug
        return slug

    def section_for(self, item: Item) -> tuple[str, str]:
        """(section slug, title) for an item: its first category's mapping or top-level ancestor."""
        categories = [t for t in item.terms if t.domain == "category"]
        if item.post_type == "page":
            return self.pages_section, self.pages_section.replace("-", " ").title()
        if not categories:
            return self.default_section
        first = categories[0]
        if first.nicename in self.section_map:
            target = self.section_map[first.nicename]
            return target, self._category_name(target) if target in self.categories else target.replace("-", " ").title()
        root = self.category_root(first.nicename)
        if root in self.section_map:
            target = self.section_map[root]
            return target, target.replace("-", " ").title()
        return root, self._category_name(root)

    def _category_name(self, slug: str) -> str:
        term = self.categories.get(slug)
        return term.name if term else slug.replace("-", " ").title()

    def tags_for(self, item: Item, *, section_slug: str) -> list[str]:
        """Tag names: every tag, and every category but the one that became the section."""
        names: list[str] = []
        categories = [t for t in item.terms if t.domain == "category"]
        for i, term in enumerate(categories):
            if i == 0 and (term.nicename == section_slug or self.section_map.get(term.nicename) == section_slug):
                continue
            names.append(term.name or term.nicename)
        for term in item.terms:
            if term.domain == "post_tag":
                names.append(term.name or term.nicename)
        out, seen = [], set()
        for name in names:
            name = _plain(name)[:100]
            if name and name.lower() not in seen:
                seen.add(name.lower())
                out.append(name)
        return out

    def _section(self, slug: str, title: str) -> int:
        """The SectionPage id for a section slug and title, made when missing (remembered for the run)."""
        known = self._section_ids.get((slug, title))
        if known is not None:
            return known
        self._section_ids[(slug, title)] = section_id = self._section_find(slugify(slug)[:50] or self.default_section[0], title)
        return section_id

    def _section_find(self, slug: str, title: str) -> int:
        from dateline.articles.models import SectionPage

        if slug in self.sections:
            return self.sections[slug]
        section = SectionPage.objects.filter(depth=3, slug=slug).first()
        if section is None:
            taken = Page.objects.child_of(self.home).filter(slug=slug).exists()
            final = slug if not taken else self._unique_child_slug(self.home, f"{slug}-section")
            section = SectionPage(title=_plain(title)[:255] or slug, slug=final, show_in_menus=False)
            self._page_add(parent=self.home, page=section, state=PUBLISHED, at=None, modified=None)
            self.summary.count("sections", "created")
        self.sections[slug] = section.pk
        self._section_pages[section.pk] = section
        return section.pk

    @staticmethod
    def _unique_child_slug(parent: Page, slug: str) -> str:
        slug = slug[:240] or "page"
        taken = set(Page.objects.child_of(parent).filter(slug__startswith=slug).values_list("slug", flat=True))
        if slug not in taken:
            return slug
        n = 2
        while f"{slug}-{n}" in taken:
            n += 1
        return f"{slug}-{n}"

    # -- attachments -----------------------------------------------------------------------

    def attachment_file(self, item: Item) -> Path | None:
        """The attachment's file under --media-dir (the wp-content/uploads tree), if there."""
        if self.media_dir is None:
            return None
        candidates = []
        attached = item.meta_first("_wp_attached_file")
        if attached:
            candidates.append(attached)
        path = urlsplit(item.attachment_url).path
        if "/uploads/" in path:
            candidates.append(path.split("/uploads/", 1)[1])
        candidates.append(path.lstrip("/"))
        root = self.media_dir.resolve()
        for candidate in candidates:
            full = (root / candidate).resolve()
            if full.is_file() and root in full.parents:
                return full
        return None

    def attachment_import(self, item: Item) -> None:
        key = str(item.post_id)
        meta = attachment_image_meta(item.meta_first("_wp_attachment_metadata"))
        title = _plain(item.title) or Path(urlsplit(item.attachment_url).path).name or f"WordPress attachment {item.post_id}"
        caption = _plain(item.excerpt)
        alt = _plain(item.meta_first("_wp_attachment_image_alt"))
        credit = meta.get("credit") or meta.get("copyright") or ""
        fields = {"title": title[:255], "caption": caption, "description": alt[:255], "credit": credit[:255]}
        file_path = self.attachment_file(item)
        checksum = _digest(fields, item.attachment_url, str(file_path or ""))
        existing = self._mapping(Kind.ATTACHMENT, key)
        model = self._image_model()
        image = model.objects.filter(pk=existing.object_id).first() if existing and existing.object_id else None
        if existing is not None and existing.checksum == checksum and (image is not None or file_path is None):
            self._attachment_known(item, image)
            self.summary.count("images" if image is not None else "images awaiting fetch", "unchanged")
            return
        if image is None and file_path is not None:
            image = self._image_create(file_path=file_path, fields=fields, label=item.label())
            if image is not None:
                self.summary.count("images", "created")
        elif image is not None:
            for name, value in fields.items():
                setattr(image, name, value)
            image.save()
            self.summary.count("images", "updated")
        if image is None:
            self.summary.count("images awaiting fetch", "created" if existing is None else "unchanged")
        self._attachment_known(item, image)
        self._remember(kind=Kind.ATTACHMENT, key=key, obj=image, content_type_key="image", checksum=checksum, data=fields, source_url=item.attachment_url)

    def _attachment_known(self, item: Item, image) -> None:
        if image is not None:
            self.images[item.post_id] = image.pk
            if item.attachment_url:
                self.images_by_url[_RESIZED.sub("", item.attachment_url)] = image.pk
        elif item.attachment_url:
            self.attachments_pending[item.post_id] = item.attachment_url

    def _image_create(self, *, file_path: Path, fields: dict, label: str):
        from PIL import Image as PILImage

        try:
            with PILImage.open(file_path) as probe:
                probe.verify()
        except Exception:  # noqa: BLE001 - any unreadable file is reported, not fatal
            self.summary.skip("attachment file is not an image dateline can read", f"{label} ({file_path.name})")
            return None
        model = self._image_model()
        with file_path.open("rb") as handle:
            image = model(file=ImageFile(handle, name=file_path.name), **fields)
            image.save()
        self.stored_files.append(image.file.name)
        return image

    def _delete_stored_files(self) -> None:
        from django.core.files.storage import default_storage

        for name in self.stored_files:
            try:
                default_storage.delete(name)
            except Exception:  # noqa: BLE001, S110 - best effort: the rows are gone either way
                pass
        self.stored_files = []

    def _image_for(self, ref: wp_content.ImageRef) -> int | None:
        if ref.wp_id is not None and ref.wp_id in self.images:
            return self.images[ref.wp_id]
        if ref.src:
            return self.images_by_url.get(_RESIZED.sub("", ref.src))
        return None

    # -- posts ---------------------------------------------------------------------------------

    def item_import(self, item: Item) -> None:
        reason = self._not_article_reason(item)
        if reason is None:
            self.article_import(item)
        elif reason:
            self.summary.skip(reason, item.label())

    def _not_article_reason(self, item: Item) -> str | None:
        """Why the second pass does not import the item as an article, or None when it does.

        "" for attachments, which the first pass imported. The reading process
        (_ProcessReader) asks too, to convert only what will be imported.
        """
        post_type, status = item.post_type, item.status
        if post_type == "attachment":
            return ""
        if post_type == "page" and not self.pages_section:
            return "WordPress pages are not imported unless --pages-section names a section for them"
        if post_type not in self.article_types and post_type != "page":
            return f"'{post_type}' items (menus, blocks, templates…) have no place in dateline"
        if status == "trash":
            return "in WordPress's trash"
        if status in ("auto-draft", "inherit"):
            return f"'{status}' items are WordPress's working copies"
        return None

    @staticmethod
    def _article_kind(item: Item) -> str:
        return Kind.PAGE if item.post_type == "page" else Kind.POST

    def state_for(self, item: Item) -> str:
        if item.password or item.status == "private":
            return DRAFT
        if item.status == "publish":
            return PUBLISHED
        if item.status == "future":
            return SCHEDULED
        return DRAFT

    def article_import(self, item: Item) -> None:
        kind = self._article_kind(item)
        label = item.label()
        state = self.state_for(item)
        if item.password:
            self.summary.skip("password-protected in WordPress: imported as an unpublished draft", label)
        elif item.status == "private":
            self.summary.skip("private in WordPress: imported as an unpublished draft", label)
        at = wp_datetime(gmt=item.post_date_gmt, local=item.post_date, tz=self.tz)
        modified = wp_datetime(gmt=item.post_modified_gmt, local=item.post_modified, tz=self.tz)
        if state == SCHEDULED and (at is None or at <= timezone.now()):
            state = PUBLISHED  # its time has come since the export
        if state == PUBLISHED and at is None:
            at = modified or timezone.now()
        prepared = self._prepared_of(item) or self.article_prepare(item, convert=False)
        (section_slug, section_title), tags, views, checksum = prepared.section, prepared.tags, prepared.views, prepared.checksum
        existing = self._mapping(kind, str(item.post_id))
        if existing is _PENDING:  # the same post twice in one file: write the first, then update it
            self._articles_flush()
            existing = self._mapping(kind, str(item.post_id))
        model = self._article_model()
        article = model.objects.filter(pk=existing.object_id).first() if existing and existing.object_id else None
        if article is not None and existing.checksum == checksum:
            self.summary.count(f"{kind}s", "unchanged")
            if item.is_sticky and state == PUBLISHED:
                self.sticky.append((at, article.pk))
            return

        section_id = self._section(section_slug, section_title)
        author_id = self._author_for(item)
        if prepared.fields is None:
            self._article_convert(item, prepared)
        self._skips_tell(prepared.body_skips)
        fields = prepared.fields
        lead_image_id = self._lead_image(item, label=label)
        if article is None:
            self._article_queue(
                kind=kind, item=item, existing=existing, section_id=section_id, author_id=author_id, fields=fields, tags=tags,
                lead_image_id=lead_image_id, state=state, at=at, modified=modified, checksum=checksum, views=views, prepared=prepared,
            )
            self.summary.count(f"{kind}s", "created")
            return
        self._articles_flush()  # an update sees every post before it written (slugs, redirects)
        article = self._article_update(article, item=item, fields=fields, section_id=section_id, author_id=author_id, tags=tags, lead_image_id=lead_image_id, state=state, at=at, modified=modified)
        self.summary.count(f"{kind}s", "updated")
        self._remember(kind=kind, key=str(item.post_id), obj=article, content_type_key="article", checksum=checksum, data={"link": item.link, "guid": item.guid})
        if state == PUBLISHED:
            self.article_paths.append(article.article_path())
            if item.is_sticky:
                self.sticky.append((at, article.pk))
        self.redirects_for(item, article=article)
        if views is not None:
            self.views_import(article=article, views=views)
        self._skips_tell(prepared.comment_skips)
        self.comments_import(item, article=article, new=False, rows=prepared.comments)

    def article_prepare(self, item: Item, *, convert: bool) -> _Prepared:
        """What deciding about an article needs (section, tags, views, checksum), and with ``convert`` its body, fields and comments.

        Touches no database (the reading process calls it, see :class:`_ProcessReader`).
        """
        section_slug, section_title = self.section_for(item)
        tags = self.tags_for(item, section_slug=section_slug)
        thumbnail = item.meta_first("_thumbnail_id")
        views = self.views_for(item)
        checksum = _digest(
            item.title, item.post_name, item.content, item.excerpt, item.status, item.password != "", item.post_date_gmt,
            item.post_date, item.post_modified_gmt, item.creator, section_slug, tags, thumbnail, item.is_sticky, item.link,
            item.meta.get("_wp_old_slug", []), views, self.pingbacks,
            [(c.wp_id, c.content, c.approved, c.type, c.parent, c.author, c.author_email, c.author_url, c.date_gmt) for c in item.comments],
            self._images_resolved(item, thumbnail),
        )
        prepared = _Prepared(section=(section_slug, section_title), tags=tags, views=views, checksum=checksum)
        if convert:
            self._article_convert(item, prepared)
        return prepared

    def _article_convert(self, item: Item, prepared: _Prepared) -> None:
        """The body, fields and comment rows into ``prepared``, with what they skipped kept aside (told when used)."""
        summary = self.summary
        try:
            self.summary = ImportSummary()
            prepared.fields = self.article_fields(item, body=self.body_for(item, label=item.label()))
            prepared.body_skips = [(reason, label) for reason, labels in self.summary.skipped.items() for label in labels]
            self.summary = ImportSummary()
            prepared.comments, prepared.comments_new = self._comment_rows(item)
            prepared.comment_skips = [(reason, label) for reason, labels in self.summary.skipped.items() for label in labels]
        finally:
            self.summary = summary

    def _prepared_of(self, item: Item) -> _Prepared | None:
        """What the reading process prepared for the item being imported, if it did."""
        read, prepared = self._prepared
        return prepared if read is item else None

    def _skips_tell(self, skips: list[tuple[str, str]]) -> None:
        for reason, label in skips:
            self.summary.skip(reason, label)

    # -- new posts, in batches ------------------------------------------------------------------

    def _article_queue(self, *, kind, item, existing, section_id, author_id, fields, tags, lead_image_id, state, at, modified, checksum, views, prepared) -> None:
        """Make the new article's row in memory, as Wagtail would save the page, and queue it for the next batch."""
        section = self._section_pages[section_id]
        state_fields = self._page_state_fields(_Fields(), state=state, at=at, modified=modified).__dict__
        row = {
            **fields,
            "body": _blocks_identified(json.loads(fields["body"]) if isinstance(fields["body"], str) else fields["body"]),
            "slug": self._article_slug_base(item),
            "lead_image_id": lead_image_id,
            "translation_key": uuid.uuid4(),  # written to the row and to the revision alike
            **state_fields,
            "draft_title": fields["title"],
            "latest_revision_created_at": modified or at or timezone.now(),
            "section_id": section.pk,  # ArticlePage.save() keeps these two in step with the tree
            "published_at": state_fields["first_published_at"],
        }
        comments = prepared.comments
        self._skips_tell(prepared.comment_skips)
        self._comments_counted(comments, outcome="created")
        if views is not None:
            self.summary.count("view totals", "created")
        self._pending.append(
            _NewArticle(
                kind=kind, item=item, row=row, section=section, state=state, at=at, checksum=checksum, views=views, comments=comments,
                comments_new=prepared.comments_new, mapping=existing, author_id=author_id, tag_ids=[tag.pk for tag in self._tag_instances(tags)],
            )
        )
        self.mapped[(kind, str(item.post_id))] = _PENDING

    def _articles_flush(self) -> None:
        """Write the queued new articles now, after any batch still being written in the background."""
        if self._background is not None:
            self._background.wait()
        pending, self._pending = self._pending, []
        self._batch_write(pending)

    def _batch_write(self, pending: list[_NewArticle]) -> None:
        """Write new articles: pages, bylines and tags, revisions, import records, redirects, views, comments."""
        if not pending:
            return
        from dateline.articles.models import article_path_for, article_url_date

        taken = set(column_values_existing(model=Page, column="slug", values=[new.row["slug"] for new in pending]))
        for new in pending:
            row = new.row
            row["slug"] = self._article_slug(new.item, base=row["slug"], taken=taken)
            day = article_url_date(row["published_at"] or row["first_published_at"] or row["go_live_at"])
            new.path = article_path_for(section_slug=new.section.slug, day=day, slug=row["slug"])
        revision_ids = self._pages_append(pending)
        children = self._children_insert(pending)
        self._revisions_insert(pending, revision_ids=revision_ids, children=children)
        self._records_insert(pending)
        self._redirects_insert(pending)
        self._views_insert(pending)
        self._comments_insert(pending)
        self._constraints_check()
        for new in pending:
            self.created_article_ids.append(new.pk)
            if new.state == PUBLISHED:
                self.article_paths.append(new.path)
                if new.item.is_sticky:
                    self.sticky.append((new.at, new.pk))

    @staticmethod
    def _constraints_check() -> None:
        """On PostgreSQL, check the batch's deferred foreign keys now rather than all at the commit.

        Django makes its foreign keys ``DEFERRABLE INITIALLY DEFERRED``; a batch
        leaves none dangling (its pages' revisions are written in it), so making
        them immediate for a moment checks what the batch queued (the ``SET
        CONSTRAINTS`` mode change is retroactive) while the next batch is read,
        instead of one long check at the end that nothing overlaps. A violation
        raises here, and the import rolls back as ever.
        """
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _pages_append(self, pending: list[_NewArticle]) -> list[int]:
        """Append the pages under their sections, section by section, pointing at revisions whose ids are reserved here.

        The pages name their revisions before those are written (the revision's
        content holds the page's tree columns, known only once it is placed);
        both foreign keys are checked at commit. Returns the revision ids, in order.
        """
        from wagtail.models import Revision

        revision_ids = ids_reserve(model=Revision, count=len(pending))
        for new, revision_id in zip(pending, revision_ids, strict=True):
            new.row["latest_revision_id"] = revision_id
            new.row["live_revision_id"] = revision_id if new.state == PUBLISHED else None
        model = self._article_model()
        by_section: dict[int, list[_NewArticle]] = defaultdict(list)
        for new in pending:
            by_section[new.section.pk].append(new)
        for group in by_section.values():
            section = group[0].section
            written = page_children_rows(parent=section, model=model, rows=[new.row for new in group])
            for new, values in zip(group, written, strict=True):
                new.row.update(values)  # id, path, depth, numchild, url_path, content type, locale
                new.pk = new.row["page_ptr_id"] = values["id"]
            section.numchild += len(group)
            self._last_child.pop(section.pk, None)  # the per-page append reads the last child afresh
        return revision_ids

    def _children_insert(self, pending: list[_NewArticle]) -> dict[int, dict[str, list[dict]]]:
        """The bylines and tags, with ids reserved; returns each page's child rows by relation, for its revision."""
        from dateline.articles.models import ArticleByline, ArticleTag

        bylines = [{"sort_order": 0, "article_id": new.pk, "author_id": new.author_id, "role": self.byline_role} for new in pending]
        tagged = [{"tag_id": tag_id, "content_object_id": new.pk} for new in pending for tag_id in new.tag_ids]
        for rows, model in ((bylines, ArticleByline), (tagged, ArticleTag)):
            for row, pk in zip(rows, ids_reserve(model=model, count=len(rows)), strict=True):
                row["id"] = pk
            rows_insert(model=model, rows=rows)
        children: dict[int, dict[str, list[dict]]] = {new.pk: {"bylines": [], "tagged_items": []} for new in pending}
        for row in bylines:
            children[row["article_id"]]["bylines"].append(row)
        for row in tagged:
            children[row["content_object_id"]]["tagged_items"].append(row)
        return children

    def _revisions_insert(self, pending: list[_NewArticle], *, revision_ids: list[int], children: dict) -> None:
        """One revision per page, with the content Wagtail's ``serializable_data()`` would give, made from the rows."""
        from wagtail.models import Revision

        from dateline.articles.models import ArticleByline, ArticleTag

        model = self._article_model()
        child_models = {"bylines": ArticleByline, "tagged_items": ArticleTag}
        content_type_id = self.content_types["article"].pk
        base_content_type_id = ContentType.objects.get_for_model(Page).pk
        user_id = self.user.pk if self.user is not None else None
        rows = []
        for new, revision_id in zip(pending, revision_ids, strict=True):
            row = new.row
            content = serializable_row(model, row)
            content["latest_revision"] = content["live_revision"] = None  # what the page pointed at before this revision
            for name in self._article_relations():
                content[name] = [serializable_row(child_models[name], child) for child in children[new.pk].get(name, [])] if name in child_models else []
            rows.append(
                {
                    "id": revision_id,
                    "content_type_id": content_type_id,
                    "base_content_type_id": base_content_type_id,
                    "object_id": str(new.pk),
                    "created_at": row["latest_revision_created_at"],
                    "user_id": user_id,
                    "object_str": row["title"][:255],  # str(page): the headline
                    "content": content,
                    "approved_go_live_at": row["go_live_at"] if new.state == SCHEDULED else None,
                }
            )
        rows_insert(model=Revision, rows=rows)

    def _article_relations(self) -> list[str]:
        from modelcluster.models import get_all_child_relations

        if not hasattr(self, "_relations"):
            self._relations = [r.get_accessor_name() for r in get_all_child_relations(self._article_model())]
        return self._relations

    def _records_insert(self, pending: list[_NewArticle]) -> None:
        rows = []
        now = timezone.now()
        content_type = self.content_types["article"]
        for new in pending:
            values = {
                "content_type_id": content_type.pk,
                "object_id": new.pk,
                "checksum": new.checksum,
                "data": {"link": new.item.link, "guid": new.item.guid},
                "source_url": "",
            }
            key = str(new.item.post_id)
            if new.mapping is None:
                rows.append({"site_url": self.site_url, "kind": new.kind, "wp_key": key, **values, "created_at": now, "updated_at": now})
            else:  # imported before, and its article deleted in dateline since
                ImportedObject.objects.filter(pk=new.mapping.row_id).update(updated_at=now, **values)
                self.mapped[(new.kind, key)] = _Mapped(new.pk, new.checksum, new.mapping.row_id)
        for row, pk in zip(rows, ids_reserve(model=ImportedObject, count=len(rows)), strict=True):
            row["id"] = pk
            self.mapped[(row["kind"], row["wp_key"])] = _Mapped(row["object_id"], row["checksum"], pk)
        rows_insert(model=ImportedObject, rows=rows)

    def _redirects_insert(self, pending: list[_NewArticle]) -> None:
        """redirects_for for a batch: the same outcomes, one query to find the paths already taken, one insert."""
        from wagtail.contrib.redirects.models import Redirect

        wanted = []
        for new in pending:
            own = Redirect.normalise_path(new.path)
            wanted += [(old_path, new.pk) for old_path in self.old_paths_for(new.item) if old_path != own]
        paths = sorted({path for path, _ in wanted})
        known: dict[str, Redirect] = {}
        for start in range(0, len(paths), 2000):
            known.update((r.old_path, r) for r in Redirect.objects.filter(site=None, old_path__in=paths[start : start + 2000]))
        fresh: dict[str, Redirect] = {}
        for path, page_id in wanted:
            redirect = known.get(path) or fresh.get(path)
            if redirect is None:
                fresh[path] = Redirect(old_path=path, site=None, redirect_page_id=page_id, is_permanent=self.redirect_permanent)
                self.summary.count("redirects", "created")
            elif redirect.redirect_page_id != page_id or redirect.redirect_link:
                redirect.redirect_page_id, redirect.redirect_link, redirect.is_permanent = page_id, "", self.redirect_permanent
                if redirect.pk is not None:
                    redirect.save()
                self.summary.count("redirects", "updated")
            else:
                self.summary.count("redirects", "unchanged")
        now = timezone.now()
        rows_insert(
            model=Redirect,
            rows=[
                {"old_path": r.old_path, "site_id": None, "is_permanent": r.is_permanent, "redirect_page_id": r.redirect_page_id, "created_at": now}
                for r in fresh.values()
            ],
        )

    def _views_insert(self, pending: list[_NewArticle]) -> None:
        from dateline.analytics.services import article_views_seed_totals

        article_views_seed_totals(totals={new.pk: new.views for new in pending if new.views is not None})

    def _comments_insert(self, pending: list[_NewArticle]) -> None:
        from dateline.comments.services import CommentError, comment_import_threads

        threads = [(_PageRef(new.pk), new.comments) for new in pending if new.comments]
        if not threads:
            return
        # New articles all; on the site's first import, comments whose IDs were not met before have keys no row has.
        fresh = self._comment_keys_unused and all(new.comments_new for new in pending if new.comments)
        try:
            comment_import_threads(threads=threads, fresh=fresh)
        except CommentError as exc:
            first, last = pending[0].item, pending[-1].item
            raise WXRError(f"comments cannot be stored: {exc.message}", line=first.line, item=f"an item from {first.label()} to {last.label()}") from None

    def _index_queue(self) -> None:
        """Queue the search and reference indexing Wagtail does for each saved page, for the new articles, in chunks."""
        from dateline.importers.wordpress.tasks import imported_pages_index_task

        ids = self.created_article_ids
        for start in range(0, len(ids), INDEX_CHUNK):
            imported_pages_index_task.enqueue(page_ids=ids[start : start + INDEX_CHUNK])

    def _images_resolved(self, item: Item, thumbnail: str) -> list[int]:
        """The attachments the post shows that are imported now: when a file arrives later, the post is updated."""
        ids = {int(n) for n in _ATTACHMENT_REFS.findall(item.content)}
        if thumbnail.isdigit():
            ids.add(int(thumbnail))
        return sorted(i for i in ids if i in self.images)

    def article_fields(self, item: Item, *, body: list) -> dict:
        title = _plain(item.title)
        if not title:
            first_words = _plain(wp_content.blocks_text(body_blocks_preview(body)))[:60] if body else ""
            title = first_words or f"Untitled WordPress {item.post_type} {item.post_id}"
            self.summary.skip("no title in WordPress: given one from its first words", item.label() + f' → "{title}"')
        dek = _plain(item.excerpt)
        if len(dek) > 400:
            body = [{"type": "paragraph", "value": f"<p>{_escape(dek)}</p>"}, *body]
            dek = dek[:399].rsplit(" ", 1)[0] + "…"
        return {"title": title[:255], "dek": dek, "body": json.dumps(body)}

    def body_for(self, item: Item, *, label: str) -> list[dict]:
        blocks = wp_content.body_blocks(item.content)
        out: list[dict] = []
        missing = 0
        for block in blocks:
            if block.type == "image":
                ref = block.value
                image_id = self._image_for(ref)
                if image_id is None:
                    missing += 1
                    if ref.caption:
                        out.append({"type": "paragraph", "value": f"<p>{_escape(ref.caption)}</p>"})
                    continue
                caption = ref.caption
                value = {"image": image_id, "caption": caption[:400], "credit": "", "alt": ref.alt[:300]}
                out.append({"type": "image", "value": value})
                if len(caption) > 400:
                    out.append({"type": "paragraph", "value": f"<p>{_escape(caption)}</p>"})
            else:
                out.append(block.raw())
        if missing:
            self.summary.skip("images in the text not available (file not imported): caption kept, image left out", f"{label} ({missing})")
        return out

    def _lead_image(self, item: Item, *, label: str) -> int | None:
        thumbnail = item.meta_first("_thumbnail_id")
        if not thumbnail.isdigit():
            return None
        image_id = self.images.get(int(thumbnail))
        if image_id is None:
            url = self.attachments_pending.get(int(thumbnail), "")
            self.summary.skip("featured image not available yet (URL recorded for a later fetch)", f"{label} ({url or 'attachment ' + thumbnail})")
        return image_id

    @staticmethod
    def _article_slug_base(item: Item) -> str:
        return slugify(item.post_name, allow_unicode=False)[:200] or slugify(_plain(item.title))[:200] or f"post-{item.post_id}"

    def _article_slug(self, item: Item, *, base: str, taken: set[str]) -> str:
        """WordPress's slug, made unique among all pages (reader URLs find articles by slug).

        ``taken`` holds the slugs known to be in use (the batch's own, and those
        the database had of the batch's wishes); the slug chosen is added to it.
        """
        slug = base
        n = 1
        while slug in taken or (n > 1 and Page.objects.filter(slug=slug).exists()):
            slug = f"{base}-{item.post_id}" if n == 1 else f"{base}-{item.post_id}-{n}"
            n += 1
        taken.add(slug)
        return slug

    def _tag_instances(self, names: list[str]) -> list:
        """Tags by name, made when missing, remembered for the run (one lookup per name, not per article)."""
        from taggit.models import Tag

        out = []
        for name in names:
            tag = self._tag_objects.get(name)
            if tag is None:
                tag = Tag.objects.filter(name=name).first()
                if tag is None:
                    tag = Tag.objects.create(name=name)  # taggit makes a unique slug
                self._tag_objects[name] = tag
            out.append(tag)
        return out

    def _article_update(self, article, *, item, fields, section_id, author_id, tags, lead_image_id, state, at, modified):
        from dateline.articles.models import ArticleByline, SectionPage

        for name, value in fields.items():
            setattr(article, name, value)
        article.lead_image_id = lead_image_id
        article.bylines.set([ArticleByline(author_id=author_id, role=self.byline_role, sort_order=0)])
        article.tags.set(self._tag_instances(tags))
        self._page_state_fields(article, state=state, at=at, modified=modified)
        article.save(clean=False)
        if article.section_id != section_id:
            article.move(SectionPage.objects.get(pk=section_id), pos="last-child")
            article = self._article_model().objects.get(pk=article.pk)
        self._revision_record(article, state=state, at=at, modified=modified)
        return article

    def _sticky_apply(self) -> None:
        """The newest sticky post leads the home page (dateline has one lead slot)."""
        if not self.sticky:
            return
        self.sticky.sort(key=lambda pair: (pair[0] or timezone.now(), pair[1]))
        lead_id = self.sticky[-1][1]
        if self.home.lead_article_id != lead_id:
            self.home.lead_article_id = lead_id
            self.home.save(clean=False)
            self._revision_record(self.home, state=PUBLISHED if self.home.live else DRAFT, at=None, modified=None)
            self.summary.count("home page lead story", "updated")
        if len(self.sticky) > 1:
            self.summary.notes.append(f"{len(self.sticky)} sticky posts: the newest leads the home page; the others are ordinary articles.")

    # -- redirects -------------------------------------------------------------------------

    def old_paths_for(self, item: Item) -> list[str]:
        """The paths WordPress served the item at: its permalink, and the same with each old slug."""
        from wagtail.contrib.redirects.models import Redirect

        paths = []
        link = urlsplit(item.link)
        if link.path and link.path != "/":
            paths.append(link.path)
            segments = link.path.rstrip("/").split("/")
            for old in item.meta.get("_wp_old_slug", []):
                old = old.strip()
                if old and segments and segments[-1]:
                    paths.append("/".join(segments[:-1] + [old]) + ("/" if link.path.endswith("/") else ""))
        out = []
        for path in paths:
            normalised = Redirect.normalise_path(path)
            if normalised and normalised != "/" and normalised not in out:
                out.append(normalised[:255])
        return out

    def redirects_for(self, item: Item, *, article) -> None:
        from wagtail.contrib.redirects.models import Redirect

        own = Redirect.normalise_path(article.article_path())
        for old_path in self.old_paths_for(item):
            if old_path == own:
                continue
            redirect, created = Redirect.objects.get_or_create(
                old_path=old_path, site=None, defaults={"redirect_page": article, "is_permanent": self.redirect_permanent}
            )
            if created:
                self.summary.count("redirects", "created")
            elif redirect.redirect_page_id != article.pk or redirect.redirect_link:
                redirect.redirect_page, redirect.redirect_link, redirect.is_permanent = article, "", self.redirect_permanent
                redirect.save()
                self.summary.count("redirects", "updated")
            else:
                self.summary.count("redirects", "unchanged")

    # -- readership ------------------------------------------------------------------------

    def views_for(self, item: Item) -> int | None:
        """The largest view count among the known post meta keys, or None when there is none."""
        found = []
        for key in self.view_meta_keys:
            for value in item.meta.get(key, []):
                digits = value.strip().replace(",", "")
                if digits.isdigit():
                    found.append(int(digits))
        return max(found) if found else None

    def views_import(self, *, article, views: int) -> None:
        from dateline.analytics.services import article_views_seed_total

        article_views_seed_total(article_id=article.pk, views=views)
        self.summary.count("view totals", "created")

    # -- comments --------------------------------------------------------------------------

    def comments_import(self, item: Item, *, article, new: bool = True, rows: list | None = None) -> None:
        """Approved comments with their threads, pending ones to the moderation queue; spam and trash skipped.

        Goes through ``dateline.comments.services.comment_import_many`` (keyed on
        the WordPress site and comment ID, so a re-import updates). New articles'
        comments go in batches through ``comment_import_threads`` instead
        (:meth:`_comments_insert`), with the same rows.
        """
        from dateline.comments.services import CommentError, comment_import_many

        if rows is None:
            rows, _ = self._comment_rows(item)
        if not rows:
            return
        try:
            comment_import_many(article=article, rows=rows)
        except CommentError as exc:
            raise WXRError(f"its comments cannot be stored: {exc.message}", line=item.line, item=item.label()) from None
        self._comments_counted(rows, outcome="created" if new else "updated")

    def _comment_rows(self, item: Item) -> tuple[list, bool]:
        """The item's comments to import, parents first; a reply whose parent was skipped hangs from the nearest ancestor kept.

        And whether none of the item's comment IDs was met before in this import
        (every comment written goes through here, in the file's order): with
        :meth:`_comment_keys_none`, its comments' keys cannot be in the table.
        """
        from dateline.comments.services import CommentImportRow

        if not item.comments:
            return [], True
        new = self._comment_ids_seen.add(c.wp_id for c in item.comments)
        by_id = {c.wp_id: c for c in item.comments}
        kept: set[int] = set()
        rows: list[CommentImportRow] = []
        label = item.label()
        for wp_comment in self._comments_parent_first(item.comments):
            status = self.comment_status_for(wp_comment)
            if status is None:
                self.summary.skip(f"comments marked '{wp_comment.approved}' in WordPress", f"{label} comment {wp_comment.wp_id}")
                continue
            kind = self.comment_kind_for(wp_comment)
            if kind is None:
                self.summary.skip("pingbacks and trackbacks (--no-pingbacks)", f"{label} comment {wp_comment.wp_id}")
                continue
            parent, ancestor = 0, wp_comment.parent
            seen = set()
            while ancestor and ancestor not in seen:
                seen.add(ancestor)
                if ancestor in kept:
                    parent = ancestor
                    break
                ancestor = by_id[ancestor].parent if ancestor in by_id else 0
            kept.add(wp_comment.wp_id)
            rows.append(
                CommentImportRow(
                    import_key=self.comment_key(wp_comment.wp_id),
                    parent_key=self.comment_key(parent) if parent else "",
                    author_name=_plain(wp_comment.author),
                    author_email=wp_comment.author_email,
                    author_url=wp_comment.author_url,
                    body_html_or_text=wp_comment.content,
                    created_at=wp_datetime(gmt=wp_comment.date_gmt, local=wp_comment.date, tz=self.tz),
                    status=status,
                    kind=kind,
                )
            )
        return rows, new

    def _comments_counted(self, rows: list, *, outcome: str) -> None:
        from dateline.comments.models import Comment

        if not rows:
            return
        approved = sum(1 for r in rows if r.status == Comment.Status.APPROVED)
        self.summary.count("comments", outcome, approved)
        if len(rows) - approved:
            self.summary.count("comments held for moderation", outcome, len(rows) - approved)

    def comment_key(self, wp_id: int) -> str:
        return f"wp:{self.site_url}:{wp_id}"[:200]

    def _comment_keys_none(self) -> bool:
        """Whether no comment has an import key of this site yet: its first import, whose new comments need no lookup.

        Only with the keys :meth:`comment_key` makes, whole (a site URL so long
        that they are cut could make two IDs one key).
        """
        from dateline.comments.models import Comment

        if type(self).comment_key is not WordPressImporter.comment_key or len(self.comment_key(10**20)) >= 200:
            return False
        return not Comment.objects.filter(import_key__startswith=f"wp:{self.site_url}:").exists()

    @staticmethod
    def _comments_parent_first(comments: list) -> list:
        """The comments with every parent before its replies (exports are usually, not always, in that order)."""
        ids = {c.wp_id for c in comments}
        done: set[int] = set()
        ordered = []
        pending = list(comments)
        while pending:
            progressed = []
            rest = []
            for c in pending:
                if not c.parent or c.parent not in ids or c.parent in done or c.parent == c.wp_id:
                    progressed.append(c)
                    done.add(c.wp_id)
                else:
                    rest.append(c)
            if not progressed:  # a cycle: take the rest as they are
                progressed, rest = rest, []
            ordered.extend(progressed)
            pending = rest
        return ordered

    def comment_status_for(self, comment) -> str | None:
        """dateline's status for a WordPress comment, or None to skip it (spam, trash)."""
        if self._comment_statuses is None:
            from dateline.comments.models import Comment

            approved, pending = Comment.Status.APPROVED, Comment.Status.PENDING
            self._comment_statuses = {"1": approved, "approve": approved, "0": pending, "hold": pending}
        return self._comment_statuses.get(comment.approved.strip().lower())

    def comment_kind_for(self, comment) -> str | None:
        from dateline.comments.models import Comment

        if comment.type in ("pingback", "trackback"):
            return comment.type if self.pingbacks else None
        return Comment.Kind.COMMENT


#: New articles per queued indexing task.
INDEX_CHUNK = 2000


def imported_pages_index(*, page_ids: list[int]) -> int:
    """What Wagtail does in the background for each saved page, for many imported articles at once.

    The search index (every backend that updates itself) and the reference
    index. Run by ``imported_pages_index_task`` (``dateline worker``); pages
    deleted meanwhile are left out. Returns the number indexed.
    """
    from modelsearch.backends import get_search_backends
    from wagtail.models import ReferenceIndex

    from dateline.articles.models import ArticlePage

    pages = list(ArticlePage.get_indexed_objects().filter(pk__in=page_ids))
    if not pages:
        return 0
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, pages)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    return len(pages)


class _BackgroundWriter:
    """Writes a batch on a second thread, on the import's own connection (so inside its one transaction).

    On PostgreSQL the server's work on a batch (COPY, indexes, the deferred key
    checks) took as long as two thirds of the import's own CPU time, all of it
    waited for. Written in the background, the server works on one core while
    Python reads and converts the next batch on the other. One batch at a time:
    ``submit`` waits for the one before. The reading thread must not use the
    connection meanwhile: while ``running``, every query it makes first waits for
    the batch in progress (an execute wrapper), so the rare ones (a new tag or
    section, an update of a post imported before) are serialised, savepoints
    included. An error in the writer is raised in the reading thread at its next
    submit, query or wait, and the import rolls back as ever; leaving on an
    error waits for the writer before the rollback.
    """

    def __init__(self, write):
        self.write = write
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.reader = threading.get_ident()
        self.alias = connection.alias
        self.connection = connections[self.alias]

    @contextlib.contextmanager
    def running(self):
        self.connection.inc_thread_sharing()
        try:
            with self.connection.execute_wrapper(self._reader_waits):
                yield self
                self.wait()
        finally:
            if self.thread is not None:  # leaving on an error: never roll back under a running batch
                self.thread.join()
                self.thread = None
            self.connection.dec_thread_sharing()

    def submit(self, pending: list) -> None:
        self.wait()
        self.thread = threading.Thread(target=self._run, args=(pending,), name="wordpress-import-writer", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def _run(self, pending: list) -> None:
        connections[self.alias] = self.connection  # this thread's queries go to the import's transaction
        try:
            self.write(pending)
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
            self.error = exc

    def _reader_waits(self, execute, sql, params, many, context):
        if threading.get_ident() == self.reader and self.thread is not None:
            self.wait()
        return execute(sql, params, many, context)


class _ProcessReader:
    """Reads the file and converts its articles in a second process, so that this one only decides and writes.

    The import is bound by Python's work under one lock (the GIL): lxml's parse,
    the content's conversion to blocks, the comment rows, the checksums on one
    side; the rows, the COPY and the bookkeeping on the other. A forked child
    (it has the first pass's lookups: images, categories, what was imported
    before) runs :func:`wxr_read` and :meth:`WordPressImporter.article_prepare`
    for every article (the conversion only when the article is new or changed as
    far as the import records said at the start), and sends ``(item, prepared)``
    in chunks through a pipe. Converted items travel without their content and
    comments, which only the conversion reads. A thread here takes the chunks
    off the pipe as they come, still pickled, up to ``ahead`` of them (a batch
    and some), so that the child goes on converting while this process writes
    a batch (with only the pipe's own few kilobytes, each waited for the
    other: a third of the import's time, at 50,000 posts). ``send`` waits when
    those are full, so memory stays bounded. The child never touches the database (a
    query there raises); the writing process keeps its one transaction.

    An error while reading (a malformed file, an item missing its ID) arrives in
    order, after the items before it, and is raised here as the same
    :class:`WXRError`, naming the item and its line: the import rolls back as
    ever. Any other error in the child is raised as a RuntimeError with its
    traceback. Leaving early (an error here) stops the child.
    """

    chunk = 50
    #: Chunks received and not yet read, still pickled (about 300 KB each for the benchmark's posts): a batch and some.
    ahead = 12

    def __init__(self, importer: WordPressImporter):
        self.importer = importer
        self.process = None
        self.receiver = None
        self.receiving: threading.Thread | None = None
        self.received: queue.Queue = queue.Queue(maxsize=self.ahead)

    @contextlib.contextmanager
    def running(self):
        try:
            yield self
        finally:
            self.stop()

    def items(self) -> Iterator[tuple[Item, _Prepared | None]]:
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=self._child, args=(sender,), name="wordpress-import-reader", daemon=True)
        self.process.start()
        sender.close()
        self.receiving = threading.Thread(target=self._receive, name="wordpress-import-receiver", daemon=True)
        self.receiving.start()
        while True:
            data = self.received.get()
            if data is None:
                self.process.join(5)
                raise RuntimeError(f"the process reading the file stopped unexpectedly (exit code {self.process.exitcode})")
            what, payload = pickle.loads(data)
            if what == "items":
                yield from payload
            elif what == "done":
                return
            elif what == "wxr-error":
                message, line, item = payload  # the message already names the line and the item
                error = WXRError(message)
                error.line, error.item = line, item
                raise error
            else:
                raise RuntimeError(f"reading the file failed:\n{payload}")

    def _receive(self) -> None:
        """On a thread: the chunks, as they come, into ``received``; None once the pipe is closed."""
        try:
            while True:
                self.received.put(self.receiver.recv_bytes())
        except (EOFError, OSError):
            self.received.put(None)

    def stop(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None
        while self.receiving is not None and self.receiving.is_alive():  # it ends at the closed pipe, once it can put
            with contextlib.suppress(queue.Empty):
                self.received.get_nowait()
            self.receiving.join(0.01)
        self.receiving = None
        if self.receiver is not None:
            self.receiver.close()
            self.receiver = None

    def _child(self, sender) -> None:
        connection.execute_wrappers.append(_no_queries)  # this copy of the connection is the parent's: never use it
        importer = self.importer
        chunk: list = []
        try:
            for kind, item in wxr_read(str(importer.path)):
                if kind != "item":
                    continue
                prepared = None
                if importer._not_article_reason(item) is None:
                    prepared = importer.article_prepare(item, convert=False)
                    known = importer._mapping(importer._article_kind(item), str(item.post_id))
                    if known is None or known.checksum != prepared.checksum:
                        importer._article_convert(item, prepared)
                        item.content, item.comments = "", []  # read by the conversion only: not sent
                chunk.append((item, prepared))
                if len(chunk) >= self.chunk:
                    sender.send(("items", chunk))
                    chunk = []
            sender.send(("items", chunk))
            sender.send(("done", None))
        except WXRError as exc:
            sender.send(("items", chunk))
            sender.send(("wxr-error", (str(exc), exc.line, exc.item)))
        except BaseException:  # noqa: BLE001 - told to the writing process, which raises it
            sender.send(("error", traceback.format_exc()))
        finally:
            sender.close()


def _no_queries(execute, sql, params, many, context):
    raise RuntimeError("the WordPress import's reading process must not query the database; set read_in_process = False")


class _Fields:
    """Attributes set by _page_state_fields, for a page that is a row rather than an instance."""


def _blocks_identified(blocks: list[dict]) -> list[dict]:
    """Body blocks with the ids StreamField gives each block when it is saved (so the page and its revision agree)."""
    for block in blocks:
        if not block.get("id"):
            block["id"] = str(uuid.uuid4())
    return blocks


_SERIALIZABLE_PLANS: dict[type, list] = {}


def serializable_row(model, row: dict) -> dict:
    """What modelcluster's ``get_serializable_data_for_fields`` gives for an instance holding ``row``, without the instance.

    ``row`` holds values by attribute name; fields it lacks take their (constant)
    defaults. Keys and relations as they are, datetimes in UTC, None, numbers,
    dates and strings as they are, anything else through its field's
    ``value_to_string`` (a StreamField's JSON text, a UUID's string).
    """
    plan = _SERIALIZABLE_PLANS.get(model)
    if plan is None:
        pk = model._meta.pk
        while pk.remote_field and pk.remote_field.parent_link:
            pk = pk.remote_field.model._meta.pk
        plan = [("pk", pk.attname, None, None)]
        for f in model._meta.fields:
            if f.serialize:
                default = None if f.has_default() and callable(f.default) else f.get_default()
                plan.append((f.name, f.attname, None if f.remote_field is not None else f, default))
        _SERIALIZABLE_PLANS[model] = plan
    out = {}
    missing = object()
    for name, attname, model_field, default in plan:
        value = row.get(attname, missing)
        if value is missing:
            value = default
        if model_field is None or value is None or type(value) is str or type(value) is bool or type(value) is int:
            out[name] = value
        elif isinstance(value, datetime.datetime):
            out[name] = value.astimezone(datetime.UTC)
        elif is_protected_type(value):
            out[name] = value
        else:
            out[name] = model_field.value_to_string(_Holder(attname, value))
    return out


class _Holder:
    """One attribute, for a field's value_to_string."""

    def __init__(self, attname: str, value):
        setattr(self, attname, value)


def body_blocks_preview(body: list[dict]) -> list:
    return [wp_content.Block(b["type"], b["value"]) for b in body if b["type"] in ("paragraph", "subheading")]


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def wordpress_import(
    *,
    path: str | Path,
    dry_run: bool = False,
    media_dir: str | Path | None = None,
    site_url: str = "",
    section_map: dict[str, str] | None = None,
    pages_section: str = "",
    pingbacks: bool = True,
    progress=None,
    importer_class: type[WordPressImporter] = WordPressImporter,
) -> ImportSummary:
    """Import a WXR file (see :class:`WordPressImporter`); what the CLI calls."""
    importer = importer_class(
        path=path, site_url=site_url, media_dir=media_dir, section_map=section_map, pages_section=pages_section, pingbacks=pingbacks, progress=progress
    )
    return importer.run(dry_run=dry_run)
