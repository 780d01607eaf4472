"""Read a WordPress eXtended RSS (WXR) export as a stream of plain records.

:func:`wxr_read` walks the file with lxml's ``iterparse`` and yields one record
per author, category, tag, term and item, clearing each element (and the ones
before it) as soon as it has been turned into a record, so memory stays flat
however large the export is. Nothing here touches the database.

WordPress has written three versions of the format (1.0, 1.1, 1.2) under the
namespace ``http://wordpress.org/export/<version>/``; WordPress.com writes the
same with ``https``. Anything else in ``wp:wxr_version`` is refused, as is
malformed XML or an item without the ID or type every item has: the
:class:`WXRError` names the line and, when there is one, the item.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
WP_NAMESPACES = frozenset(
    f"{scheme}://wordpress.org/export/{version}/" for scheme in ("http", "https") for version in SUPPORTED_VERSIONS
)
EXCERPT_NAMESPACES = frozenset(f"{ns}excerpt/" for ns in WP_NAMESPACES)
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
_WP_NS_PATTERN = re.compile(r"^https?://wordpress\.org/export/([^/]+)/$")

# Meta keys whose value is a count of views, as popular plugins store them.
VIEW_META_KEYS = ("post_views_count", "views", "td_page_views", "_wpp_total_views", "wpp_total_views", "pvc_views")


class WXRError(Exception):
    """The export cannot be imported as it is: says where (line, item) and why."""

    def __init__(self, message: str, *, line: int | None = None, item: str = ""):
        self.line = line
        self.item = item
        where = []
        if line:
            where.append(f"line {line}")
        if item:
            where.append(item)
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


@dataclass(slots=True)
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    language: str = ""


@dataclass(slots=True)
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    bio: str = ""
    wp_id: str = ""
    line: int = 0


@dataclass(slots=True)
class Term:
    """A category, a tag, or another taxonomy's term (``wp:term``)."""

    taxonomy: str  # "category", "post_tag", "nav_menu", "post_format"…
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""
    wp_id: str = ""
    line: int = 0


@dataclass(slots=True)
class Comment:
    wp_id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"  # "1", "0", "spam", "trash"
    type: str = "comment"  # "comment" (or ""), "pingback", "trackback"
    parent: int = 0
    line: int = 0


@dataclass(slots=True)
class ItemTerm:
    domain: str
    nicename: str
    name: str


@dataclass(slots=True)
class Item:
    post_id: int
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    comment_status: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: int = 0
    menu_order: int = 0
    password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    line: int = 0

    def meta_first(self, key: str, default: str = "") -> str:
        values = self.meta.get(key)
        return values[0] if values else default

    def label(self) -> str:
        """How messages name the item: 'post 12 "Title"'."""
        title = (self.title or "").strip()
        shown = f' "{title[:60]}"' if title else ""
        return f"{self.post_type or 'item'} {self.post_id}{shown}"


Record = tuple[str, object]  # ("channel" | "author" | "term" | "item", record)


_LOCAL_NAMES: dict[str, tuple[str, str]] = {}

# The elements whose events the reader asks lxml for (the channel-level ones in every WordPress namespace).
_EVENT_TAGS = (
    "item",
    "{*}wxr_version",
    *(f"{{{ns}}}{name}" for ns in sorted(WP_NAMESPACES) for name in ("base_site_url", "base_blog_url", "author", "category", "tag", "term")),
)


def _local(tag) -> tuple[str, str]:
    """(namespace, local name) of an lxml tag (an export has a few dozen distinct tags: remembered)."""
    found = _LOCAL_NAMES.get(tag) if isinstance(tag, str) else ("", "")  # not a str: a comment or processing instruction
    if found is None:
        if tag[0] == "{":
            ns, _, local = tag[1:].partition("}")
            found = (ns, local)
        else:
            found = ("", tag)
        if len(_LOCAL_NAMES) < 10_000:
            _LOCAL_NAMES[tag] = found
    return found


def _text(el) -> str:
    return el.text or ""


def _int(value: str, default: int = 0) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


# The term elements, each with its taxonomy (empty: read from <wp:term_taxonomy>) and its names for
# the slug, name, parent and description fields.
_TERM_FIELDS = {
    "category": ("category", "category_nicename", "cat_name", "category_parent", "category_description"),
    "tag": ("post_tag", "tag_slug", "tag_name", "", "tag_description"),
    "term": ("", "term_slug", "term_name", "term_parent", "term_description"),
}


class _Reader:
    def __init__(self, source, *, comments: bool = True, item_types=None):
        self.source = source
        self.comments = comments
        self.item_types = frozenset(item_types) if item_types is not None else None
        self.channel = Channel()
        self.version_seen = False
        self.channel_read = False
        self.wp_ns = ""  # the namespace of <wp:wxr_version>, which the items' wp: fields share
        self.unknown_ns: str = ""  # a WordPress namespace of a version this importer does not read, if declared
        self.item_line = 0
        self.item_el = None

    # -- the walk --------------------------------------------------------------------

    def records(self) -> Iterator[Record]:
        # Only the elements that make records raise events (lxml filters the rest in C); an item's
        # fields are read from its children when it ends, and start-ns events name every namespace declared.
        context = etree.iterparse(
            self.source,
            events=("start-ns", "start", "end"),
            tag=_EVENT_TAGS,
            huge_tree=True,
            resolve_entities=False,
            no_network=True,
            remove_comments=True,
            recover=False,
        )
        depth = 0  # 0 outside any item, >0 inside one
        channel_sent = False
        try:
            for event, el in context:
                if event == "start-ns":
                    match = _WP_NS_PATTERN.match(el[1])
                    if match and match.group(1) not in SUPPORTED_VERSIONS and not self.unknown_ns:
                        self.unknown_ns = el[1]
                    continue
                tag = el.tag
                if tag == "item":
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            self.item_line = el.sourceline or 0
                            self.item_el = el
                        continue
                    depth -= 1
                    if depth:
                        continue
                    if not channel_sent:
                        channel_sent = True
                        yield self._channel_record(el)
                    item = self._item(el)
                    self.item_el = None
                    _release(el)
                    yield ("item", item)
                    continue
                if event == "start" or depth:
                    continue
                ns, local = _local(tag)
                if local == "wxr_version":
                    if ns not in WP_NAMESPACES:
                        self._check_namespace(ns, el)
                        continue  # some other vocabulary's element of that name
                    if not channel_sent and self.unknown_ns:
                        self._check_namespace(self.unknown_ns, el)
                    self._version(el)
                    self.wp_ns = ns
                    continue
                if local == "base_site_url":
                    self.channel.base_site_url = _text(el).strip()
                elif local == "base_blog_url":
                    self.channel.base_blog_url = _text(el).strip()
                else:  # an author or a term: the channel's own fields are all read by now
                    if not channel_sent:
                        channel_sent = True
                        yield self._channel_record(el)
                    yield ("author", self._author(el)) if local == "author" else ("term", self._term(el, local))
                    _release(el)
            if not self.version_seen:
                raise WXRError("no <wp:wxr_version> found; is this a WordPress export (Tools → Export)?")
            if not channel_sent:
                yield ("channel", self.channel)
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else None)
            message = (exc.msg or str(exc)).strip()
            item = f"inside {self._item_label()}" if depth else _item_around(self.source, line)
            raise WXRError(f"malformed XML: {message}", line=line, item=item) from None
        finally:
            del context

    def _channel_record(self, el) -> Record:
        if not self.version_seen:
            raise WXRError(
                "no <wp:wxr_version> before the first author, term or item; is this a WordPress export (Tools → Export)?",
                line=el.sourceline,
            )
        channel = el.getparent()
        if channel is not None:  # its title, link and language come before everything released so far
            for child in channel:
                tag = child.tag
                if tag == "title":
                    self.channel.title = _text(child).strip()
                elif tag == "link":
                    self.channel.link = _text(child).strip()
                elif tag == "language":
                    self.channel.language = _text(child).strip()
        return ("channel", self.channel)

    def _item_label(self) -> str:
        """How an error inside the current item names it: by its ID once that has been read."""
        post_id = ""
        if self.item_el is not None:
            for child in self.item_el:
                ns, local = _local(child.tag)
                if local == "post_id" and ns in WP_NAMESPACES:
                    post_id = _text(child).strip()
        return _item_name(post_id, self.item_line)

    def _check_namespace(self, ns: str, el) -> None:
        match = _WP_NS_PATTERN.match(ns)
        if match and match.group(1) not in SUPPORTED_VERSIONS:
            raise WXRError(
                f"unknown WXR version {match.group(1)!r} (namespace {ns}); this importer reads versions "
                f"{', '.join(SUPPORTED_VERSIONS)}",
                line=el.sourceline,
            )

    def _version(self, el) -> None:
        version = _text(el).strip()
        if version not in SUPPORTED_VERSIONS:
            raise WXRError(
                f"unknown WXR version {version!r}; this importer reads versions {', '.join(SUPPORTED_VERSIONS)}",
                line=el.sourceline,
            )
        self.channel.wxr_version = version
        self.version_seen = True

    # -- records ---------------------------------------------------------------------

    @staticmethod
    def _fields(el) -> dict[str, str]:
        out = {}
        names = _LOCAL_NAMES
        for child in el:
            tag = child.tag
            found = names.get(tag) if isinstance(tag, str) else None
            local = (found or _local(tag))[1]
            if local:
                out[local] = child.text or ""
        return out

    def _author(self, el) -> Author:
        f = self._fields(el)
        login = f.get("author_login", "").strip()
        if not login:
            raise WXRError("an author without <wp:author_login>", line=el.sourceline)
        return Author(
            login=login,
            email=f.get("author_email", "").strip(),
            display_name=f.get("author_display_name", "").strip(),
            first_name=f.get("author_first_name", "").strip(),
            last_name=f.get("author_last_name", "").strip(),
            bio=f.get("author_description", "").strip(),
            wp_id=f.get("author_id", "").strip(),
            line=el.sourceline or 0,
        )

    def _term(self, el, element: str) -> Term:
        """A <wp:category>, <wp:tag> or <wp:term>: the same record, under each element's own field names."""
        taxonomy, slug_key, name_key, parent_key, description_key = _TERM_FIELDS[element]
        f = self._fields(el)
        slug = f.get(slug_key, "").strip()
        if not slug and element != "term":
            raise WXRError(f"a {element} without <wp:{slug_key}>", line=el.sourceline)
        return Term(
            taxonomy=taxonomy or f.get("term_taxonomy", "").strip(),
            slug=slug,
            name=f.get(name_key, "").strip() or slug,
            parent_slug=f.get(parent_key, "").strip() if parent_key else "",
            description=f.get(description_key, "").strip(),
            wp_id=f.get("term_id", "").strip(),
            line=el.sourceline or 0,
        )

    def _item(self, el) -> Item:
        line = el.sourceline or self.item_line
        if self.item_types is not None and self.wp_ns:
            wp = "{" + self.wp_ns + "}"
            post_type = (el.findtext(wp + "post_type") or "").strip()
            if post_type and post_type not in self.item_types:
                # Only what a count by type and status needs (and the checks every item gets).
                values = {
                    "title": el.findtext("title") or "",
                    "wp:post_id": el.findtext(wp + "post_id") or "",
                    "wp:post_type": post_type,
                    "wp:status": el.findtext(wp + "status") or "",
                }
                return self._item_made(values, [], {}, [], line=line)
        values: dict[str, str] = {}
        terms: list[ItemTerm] = []
        meta: dict[str, list[str]] = {}
        comments: list[Comment] = []
        names = _LOCAL_NAMES
        for child in el:
            tag = child.tag
            found = names.get(tag) if isinstance(tag, str) else None
            ns, local = found or _local(tag)
            if not local:
                continue
            if not ns:
                if local == "category":
                    terms.append(
                        ItemTerm(domain=child.get("domain", ""), nicename=child.get("nicename", ""), name=_text(child).strip())
                    )
                else:
                    values[local] = child.text or ""
            elif ns in WP_NAMESPACES:
                if local == "comment":
                    if self.comments:
                        comments.append(self._comment(child, item_line=line))
                elif local == "postmeta":
                    f = self._fields(child)
                    meta.setdefault(f.get("meta_key", ""), []).append(f.get("meta_value", ""))
                else:
                    values["wp:" + local] = child.text or ""
            elif local == "encoded":
                if ns == CONTENT_NS:
                    values["content"] = child.text or ""
                elif ns in EXCERPT_NAMESPACES:
                    values["excerpt"] = child.text or ""
            elif ns == DC_NS and local == "creator":
                values["creator"] = child.text or ""
        return self._item_made(values, terms, meta, comments, line=line)

    def _item_made(self, values: dict[str, str], terms: list, meta: dict, comments: list, *, line: int) -> Item:
        raw_id = values.get("wp:post_id", "").strip()
        title = values.get("title", "")
        label = f'"{title.strip()[:60]}"' if title.strip() else f"the item starting at line {line}"
        if not raw_id:
            raise WXRError("the item has no <wp:post_id>", line=line, item=label)
        post_id = _int(raw_id, -1)
        if post_id < 0:
            raise WXRError(f"<wp:post_id> is {raw_id!r}, not a number", line=line, item=label)
        post_type = values.get("wp:post_type", "").strip()
        if not post_type:
            raise WXRError("the item has no <wp:post_type>", line=line, item=f"item {post_id} {label}")
        return Item(
            post_id=post_id,
            post_type=post_type,
            title=title,
            link=values.get("link", "").strip(),
            # WordPress.com has been seen writing a stray '>' before the login.
            creator=values.get("creator", "").strip().lstrip(">").strip(),
            guid=values.get("guid", "").strip(),
            content=values.get("content", ""),
            excerpt=values.get("excerpt", ""),
            post_date=values.get("wp:post_date", "").strip(),
            post_date_gmt=values.get("wp:post_date_gmt", "").strip(),
            post_modified=values.get("wp:post_modified", "").strip(),
            post_modified_gmt=values.get("wp:post_modified_gmt", "").strip(),
            comment_status=values.get("wp:comment_status", "").strip(),
            post_name=values.get("wp:post_name", "").strip(),
            status=values.get("wp:status", "").strip(),
            post_parent=_int(values.get("wp:post_parent", "")),
            menu_order=_int(values.get("wp:menu_order", "")),
            password=values.get("wp:post_password", ""),
            is_sticky=values.get("wp:is_sticky", "").strip() == "1",
            attachment_url=values.get("wp:attachment_url", "").strip(),
            terms=terms,
            meta=meta,
            comments=comments,
            line=line,
        )

    def _comment(self, el, *, item_line: int) -> Comment:
        f = self._fields(el)
        raw_id = f.get("comment_id", "").strip()
        wp_id = _int(raw_id, -1)
        if wp_id < 0:
            raise WXRError(f"a comment whose <wp:comment_id> is {raw_id!r}", line=el.sourceline, item=self._item_label())
        return Comment(
            wp_id=wp_id,
            author=f.get("comment_author", "").strip(),
            author_email=f.get("comment_author_email", "").strip(),
            author_url=f.get("comment_author_url", "").strip(),
            date=f.get("comment_date", "").strip(),
            date_gmt=f.get("comment_date_gmt", "").strip(),
            content=f.get("comment_content", ""),
            approved=f.get("comment_approved", "1").strip(),
            type=f.get("comment_type", "").strip() or "comment",
            parent=_int(f.get("comment_parent", "")),
            line=el.sourceline or 0,
        )


def _release(el) -> None:
    """Free an element and every sibling before it, so the tree never grows."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


_POST_ID = re.compile(rb"<(?:\w+:)?post_id>\s*(?:<!\[CDATA\[\s*)?(\d+)")


def _item_around(source, line: int | None) -> str:
    """Name the item a syntax error at ``line`` is inside, from the file's bytes ("" if none, or not a file).

    lxml may stop on the error before it has reported the item's start to the
    reader (it parses ahead of the events it hands out), so the reader's own
    notion of the current item cannot be relied on here.
    """
    if not line or not isinstance(source, str | os.PathLike):
        return ""
    start = post_id = None
    with open(source, "rb") as f:
        for number, text in enumerate(f, start=1):
            if number > line:
                break
            if _ITEM_TAG in text or b"<item " in text:
                start, post_id = number, None
            if start is not None and post_id is None and (found := _POST_ID.search(text)):
                post_id = found.group(1).decode()
            if b"</item>" in text and number < line:
                start = None
    return f"inside {_item_name(post_id, start)}" if start is not None else ""


def _item_name(post_id: str | None, line: int) -> str:
    """How an error names an item: by its ID once that is known, else by where it starts."""
    return f"item {post_id} (starting at line {line})" if post_id else f"the item starting at line {line}"


def wxr_read(source: str | IO[bytes], *, comments: bool = True, item_types=None) -> Iterator[Record]:
    """Yield ("channel", Channel) once, then ("author"|"term"|"item", record) in file order.

    The channel record comes before the first author, term or item (or at the
    end of a file with none). Raises :class:`WXRError` for malformed XML, an unknown version,
    or an item without an ID or type. With ``comments=False`` items come without
    their comments (a quicker read when only the items' other fields are wanted). With
    ``item_types``, items of other types come with only their ID, type, status and title.
    """
    yield from _Reader(source, comments=comments, item_types=item_types).records()


# What a record the first pass needs looks like after the first item: a WordPress author or term element
# under any prefix, an attachment's type, or the WordPress namespace as a default (prefix-less) one.
_FIRST_PASS_SIGNS = (b":author", b":category", b":tag", b":term")
_ATTACHMENT_TYPE = re.compile(rb"post_type\s*>\s*(?:<!\[CDATA\[\s*)?attachment")
_WP_DEFAULT_NS = re.compile(rb"xmlns\s*=\s*[\"']https?://wordpress\.org/export")
_ITEM_TAG = b"<item>"


def wxr_items_after_head(path: str, *, chunk: int = 8 << 20) -> int | None:
    """How many items the export holds, when nothing but items follows its first item; otherwise None.

    A byte scan, several times quicker than parsing: an importer that needs
    the channel, the authors and the terms, and every attachment, before the
    other items can stop its first pass at the first item when this says so.
    It errs one way only: text that merely looks like an author or term
    element, an attachment's type, or the WordPress namespace made the
    default one (in a post's content, say) gives None, and a full pass. The
    count is of ``<item>`` tags, for a progress bar: one in a post's text counts too.
    """
    first = None
    count = 0
    carry = b""
    keep = 64  # longer than any sign, so one split between two chunks is found whole in the second
    with open(path, "rb") as f:
        while block := f.read(chunk):
            data = carry + block
            if _WP_DEFAULT_NS.search(data):
                return None
            count += data.count(_ITEM_TAG, max(0, len(carry) - len(_ITEM_TAG) + 1))
            if first is None:
                at = data.find(_ITEM_TAG)
                if at >= 0:
                    first = at
                    data = data[at:]
            if first is not None:
                if _ATTACHMENT_TYPE.search(data) or any(sign in data for sign in _FIRST_PASS_SIGNS):
                    return None
            carry = data[-keep:]
    return count if first is not None else None


# -- dates ---------------------------------------------------------------------------------

_EMPTY_DATES = {"", "0000-00-00 00:00:00"}


def wp_datetime(*, gmt: str, local: str, tz: datetime.tzinfo) -> datetime.datetime | None:
    """An aware datetime from WordPress's GMT date, else its local date read in ``tz``; None when both are empty.

    Drafts carry ``0000-00-00 00:00:00`` as their GMT date; their local date is
    in the WordPress site's time zone, which the export does not record.
    """
    for value, zone in ((gmt, datetime.UTC), (local, tz)):
        value = (value or "").strip()
        if value in _EMPTY_DATES:
            continue
        try:
            if len(value) == 19 and value[10] == " ":  # what WordPress writes: the quick parser reads exactly it
                naive = datetime.datetime.fromisoformat(value)
            else:
                naive = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return naive.replace(tzinfo=zone) if zone is datetime.UTC else _localize(naive, zone)
    return None


def _localize(naive: datetime.datetime, tz) -> datetime.datetime:
    return naive.replace(tzinfo=tz)


# -- PHP-serialised attachment metadata -----------------------------------------------------

_IMAGE_META_STRING = re.compile(r's:\d+:"(credit|copyright|caption|title)";s:\d+:"(.*?)";', re.S)


def attachment_image_meta(serialised: str) -> dict[str, str]:
    """The credit, copyright, caption and title in ``_wp_attachment_metadata``'s image_meta, when present.

    The value is PHP's serialize() output; only the string fields that matter
    here are read, without evaluating anything.
    """
    found: dict[str, str] = {}
    for key, value in _IMAGE_META_STRING.findall(serialised or ""):
        if value and key not in found:
            found[key] = value
    return found
