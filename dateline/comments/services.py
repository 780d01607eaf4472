"""Writes about comments: import, post, moderate, report, close, forget, mail.

Each operation is written once and called from everywhere: the reader views,
the moderation queue, the CLI, the worker and the WordPress importer. Every
operation that changes what readers see sends
:func:`dateline.core.purge.reader_pages_changed_send` with the article's reader
paths, after the transaction commits.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from dateline import conf
from dateline.comments.models import Comment, Discussion
from dateline.comments.text import html_to_text, normalise_newlines
from dateline.core.absolute import absolute_url
from dateline.core.cache import cache_clear
from dateline.core.purge import reader_pages_changed_send

logger = logging.getLogger("dateline.comments")

NAME_MAX = Comment._meta.get_field("author_name").max_length
URL_MAX = Comment._meta.get_field("author_url").max_length


class CommentError(Exception):
    """A post or an import that cannot be accepted; ``code`` says which kind, ``field`` where."""

    def __init__(self, message: str, *, code: str = "invalid", field: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


# -- which pages show a comment ---------------------------------------------------


def comment_reader_paths(*, article) -> list[str]:
    """The reader pages whose HTML shows this article's comments or their count."""
    paths = [article.article_path(), "/"]
    if article.section_id:
        paths.append(f"/{article.section.slug}/")
    return paths


def comment_threads_clear(*, article_ids: Iterable[int]) -> None:
    """Make the cached comment areas of these articles stale, once the transaction commits.

    After the commit, so that no request renders the old thread again under the new version.
    """
    from dateline.comments.selectors import COMMENT_THREAD_CACHE

    ids = sorted(set(article_ids))

    def clear():
        for article_id in ids:
            cache_clear(f"{COMMENT_THREAD_CACHE}:{article_id}")

    if ids:
        transaction.on_commit(clear)


def _pages_changed(*, article_ids: Iterable[int], reason: str) -> None:
    from dateline.articles.models import ArticlePage
    from dateline.articles.services import article_lists_clear

    ids = sorted(set(article_ids))
    if not ids:
        return
    comment_threads_clear(article_ids=ids)
    paths: list[str] = []
    for article in ArticlePage.objects.filter(pk__in=ids).select_related("section").only(
        "pk", "slug", "section__slug", "published_at", "first_published_at", "go_live_at"
    ):
        paths.extend(comment_reader_paths(article=article))
    # Cards carry comment counts; the cached lists pick up the new ones.
    transaction.on_commit(article_lists_clear)
    reader_pages_changed_send(paths=paths, reason=reason)


# -- counts ---------------------------------------------------------------------------


def discussion_count_refresh(*, article_ids: Iterable[int]) -> None:
    """Recount the approved comments of these articles into ``Discussion.comment_count``."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    comment_threads_clear(article_ids=ids)  # imports change threads without a purge of their own
    counts = dict(
        Comment.objects.filter(article_id__in=ids).approved().values("article_id").annotate(n=Count("pk")).values_list("article_id", "n")
    )
    existing = set(Discussion.objects.filter(article_id__in=ids).values_list("article_id", flat=True))
    for article_id in ids:
        n = counts.get(article_id, 0)
        if article_id in existing:
            Discussion.objects.filter(article_id=article_id).update(comment_count=n)
        else:
            try:
                with transaction.atomic():
                    Discussion.objects.create(article_id=article_id, comment_count=n)
            except IntegrityError:  # made meanwhile by another process
                Discussion.objects.filter(article_id=article_id).update(comment_count=n)


def discussion_counts_rebuild(*, article_ids: Iterable[int] | None = None, batch_size: int = 5000) -> int:
    """Recount approved comments in bulk (demo seeding, repairs): grouped counts and upserts, a batch of articles at a time.

    A million articles cost a few hundred statements: neither the counts nor
    the ids are ever held in one query, which SQLite's parameter limit forbids.
    """
    if article_ids is None:
        ids = sorted(set(Comment.objects.approved().values_list("article_id", flat=True).distinct()))
    else:
        ids = sorted(set(article_ids))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        counts = dict(
            Comment.objects.approved()
            .filter(article_id__in=chunk)  # a range here made SQLite walk the status index: every comment, each batch
            .values("article_id")
            .annotate(n=Count("pk"))
            .values_list("article_id", "n")
        )
        _discussion_counts_write(counts={pk: counts.get(pk, 0) for pk in chunk})
    return len(ids)


def _discussion_counts_write(*, counts: dict[int, int]) -> None:
    """Set the articles' approved-comment counts, creating their Discussion rows where missing; one statement per article."""
    if not counts:
        return
    table = connection.ops.quote_name(Discussion._meta.db_table)
    upsert = (
        f"INSERT INTO {table} (article_id, mode, comment_count, changed_at) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (article_id) DO UPDATE SET comment_count = excluded.comment_count"
    )
    now = Discussion._meta.get_field("changed_at").get_db_prep_save(timezone.now(), connection)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(upsert, [(pk, Discussion.Mode.AUTO, n, now) for pk, n in counts.items()])


# -- import (the WordPress importer calls this) ------------------------------------------


@functools.lru_cache(maxsize=4096)  # an import repeats its commenters' addresses thousands of times
def _clean_email(value: str) -> str:
    value = (value or "").strip().lower()[:254]
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


@functools.lru_cache(maxsize=4096)
def _clean_url(value: str) -> str:
    value = (value or "").strip()
    if not value or len(value) > URL_MAX:
        return ""
    if not value.lower().startswith(("http://", "https://")):
        value = f"http://{value}"
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


# Read once: an enum's .values builds its list afresh on every use, which showed in an import's profile.
_STATUSES = frozenset(Comment.Status.values)
_APPROVED = Comment.Status.APPROVED.value
_KINDS = frozenset(Comment.Kind.values)


def _import_values(*, article, parent, author_name, author_email, author_url, body_html_or_text, created_at, status, kind) -> dict:
    """The checked field values of one imported comment (shared by comment_import and comment_import_many)."""
    if status not in _STATUSES:
        raise CommentError(f"Unknown comment status {status!r}; use one of {', '.join(Comment.Status.values)}.", code="status")
    if kind not in _KINDS:
        raise CommentError(f"Unknown comment kind {kind!r}; use one of {', '.join(Comment.Kind.values)}.", code="kind")
    if parent is not None and parent.article_id != article.pk:
        raise CommentError("The parent comment belongs to another article.", code="parent")
    if created_at is not None and timezone.is_naive(created_at):
        created_at = timezone.make_aware(created_at, datetime.UTC)
    created_at = created_at or timezone.now()
    body = html_to_text(body_html_or_text)
    values = {
        "article": article,
        "parent": parent,
        "depth": (parent.depth + 1) if parent is not None else 0,
        "kind": kind,
        "author_name": (author_name or "").strip()[:NAME_MAX] or "Anonymous",
        "author_email": _clean_email(author_email),
        "author_url": _clean_url(author_url),
        "body": body,
        "status": status,
        "created_at": created_at,
        "approved_at": created_at if status == _APPROVED else None,
    }
    return values


@dataclass(frozen=True)
class CommentImportRow:
    """One comment for :func:`comment_import_many`; ``parent_key`` is the import_key of its parent, if any."""

    import_key: str
    author_name: str
    author_email: str
    author_url: str
    body_html_or_text: str
    created_at: datetime.datetime | None
    status: str
    kind: str = Comment.Kind.COMMENT
    parent_key: str = ""


def comment_import_many(*, article, rows: list[CommentImportRow]) -> dict[str, Comment]:
    """:func:`comment_import` for many comments of one article (see :func:`comment_import_threads`).

    Returns the comments by import key.
    """
    comment_import_threads(threads=[(article, rows)])
    return {c.import_key: c for c in Comment.objects.filter(article=article, import_key__in=[r.import_key.strip() for r in rows])}


@dataclass
class _NewComment:
    """A comment of a batch not written yet: what its replies need of it (see comment_import_threads)."""

    values: dict
    article_id: int
    depth: int
    wave: int
    pk: int | None = None


def comment_import_threads(*, threads: list[tuple[object, list[CommentImportRow]]], fresh: bool = False) -> dict[str, int]:
    """:func:`comment_import` for the comments of many articles, in a handful of queries.

    The same rules, keyed the same way (a re-import updates, never duplicates),
    but new comments are written with their ids reserved first, in one bulk insert for all
    the articles at once (rows straight to the table, no model instance per
    comment), and the articles' counts are refreshed together. Each thread is
    (article, rows); rows come parents first, and a ``parent_key`` names an
    earlier row of the same article or a comment imported before. Returns the
    comments' ids by import key. Sends no purge.

    ``fresh`` is the caller's word that no comment has any of the rows' import
    keys yet and that the articles have no comments (new articles on a site's
    first import): the query for existing keys is skipped and the articles'
    counts are taken from the rows rather than counted in the table. Were the
    word wrong, the table's unique import key still refuses a duplicate.
    """
    from dateline.core.pagetree import column_values_existing, ids_reserve, rows_insert

    all_rows = [row for _, rows in threads for row in rows]
    keys = [r.import_key.strip() for r in all_rows if r.import_key.strip()]
    if len(keys) != len(all_rows):
        raise CommentError("Every comment in a batch import needs an import_key.", code="import_key")
    wanted = sorted(set(keys) | {r.parent_key for r in all_rows if r.parent_key})
    # Which keys exist, by a plain query (Django's handling of tens of thousands of IN
    # parameters showed in its profile); then those comments. A fresh batch has none.
    found = [] if fresh else column_values_existing(model=Comment, column="import_key", values=wanted)
    known: dict[str, Comment] = {}
    for start in range(0, len(found), 2000):  # under every database's limit of bound parameters
        known.update((c.import_key, c) for c in Comment.objects.filter(import_key__in=found[start : start + 2000]))
    comments: dict[str, Comment | _NewComment] = {}
    waves: dict[int, list[tuple[_NewComment, _NewComment | Comment | None]]] = {}
    changed: list[Comment] = []
    counted: set[int] = set()
    for article, rows in threads:
        counted.add(article.pk)
        for row in rows:
            key = row.import_key.strip()
            parent = comments.get(row.parent_key) or known.get(row.parent_key) if row.parent_key else None
            if row.parent_key and parent is None:
                raise CommentError(f"The parent {row.parent_key!r} of {key!r} is neither in the batch before it nor imported.", code="parent")
            values = _import_values(
                article=article,
                parent=parent,
                author_name=row.author_name,
                author_email=row.author_email,
                author_url=row.author_url,
                body_html_or_text=row.body_html_or_text,
                created_at=row.created_at,
                status=row.status,
                kind=row.kind,
            )
            comment = known.get(key)
            if comment is not None:
                counted.add(comment.article_id)  # it may move from another article
                values["parent"] = None if isinstance(parent, _NewComment) else parent
                del values["article"]  # by id: the importer's batches name new articles by id only
                for name, value in values.items():
                    setattr(comment, name, value)
                comment.article_id = article.pk
                changed.append((comment, parent))
                comments[key] = comment
                continue
            del values["article"], values["parent"]
            # A reply to a comment written before this batch can go in the first wave.
            wave = parent.wave + 1 if isinstance(parent, _NewComment) else 0
            new = _NewComment(values={**values, "import_key": key, "article_id": article.pk}, article_id=article.pk, depth=values["depth"], wave=wave)
            waves.setdefault(wave, []).append((new, parent))
            comments[key] = new
    with transaction.atomic():
        # Ids reserved first: replies point at parents of the same batch, and every new row goes
        # in one insert without RETURNING (SQLite's executemany, PostgreSQL's COPY), parents first.
        batch = [pair for wave in sorted(waves) for pair in waves[wave]]
        for (new, _), pk in zip(batch, ids_reserve(model=Comment, count=len(batch)), strict=True):
            new.pk = new.values["id"] = pk
        for new, parent in batch:
            new.values["parent_id"] = parent.pk if parent is not None else None
        rows_insert(model=Comment, rows=[new.values for new, _ in batch])
        for comment, parent in changed:
            comment.parent_id = parent.pk if parent is not None else None  # a new parent has its id now
        Comment.objects.bulk_update([comment for comment, _ in changed], list(_IMPORT_FIELDS), batch_size=500)
        if fresh:
            counts = dict.fromkeys(counted, 0)
            for new, _ in batch:
                if new.values["status"] == _APPROVED:
                    counts[new.article_id] += 1
            _discussion_counts_write(counts=counts)
        else:
            discussion_counts_rebuild(article_ids=counted)
    return {key: comment.pk for key, comment in comments.items()}


_IMPORT_FIELDS = ("article", "parent", "depth", "kind", "author_name", "author_email", "author_url", "body", "status", "created_at", "approved_at")


def comment_import(
    *,
    article,
    parent: Comment | None,
    author_name: str,
    author_email: str,
    author_url: str,
    body_html_or_text: str,
    created_at: datetime.datetime,
    status: str,
    kind: str = Comment.Kind.COMMENT,
    import_key: str,
) -> Comment:
    """Create or update one imported comment, keyed by ``import_key`` (a re-import never duplicates).

    The body is converted from HTML to dateline's plain-text rules. Sends no
    purge: the importer purges once when it is done. Updates the article's
    comment count. Raises :class:`CommentError` for a status, kind or parent
    that cannot be stored.
    """
    values = _import_values(
        article=article,
        parent=parent,
        author_name=author_name,
        author_email=author_email,
        author_url=author_url,
        body_html_or_text=body_html_or_text,
        created_at=created_at,
        status=status,
        kind=kind,
    )
    key = (import_key or "").strip() or None
    with transaction.atomic():
        if key is None:
            comment = Comment.objects.create(**values)
        else:
            comment, created = Comment.objects.select_for_update().get_or_create(import_key=key, defaults=values)
            if not created:
                old_article_id = comment.article_id
                for name, value in values.items():
                    setattr(comment, name, value)
                comment.save()
                if old_article_id != article.pk:
                    discussion_count_refresh(article_ids=[old_article_id])
        discussion_count_refresh(article_ids=[article.pk])
    return comment


# -- posting ---------------------------------------------------------------------------------


@dataclass
class PostResult:
    comment: Comment
    published: bool


def discussion_is_open(*, article, discussion: Discussion | None = None, now=None) -> bool:
    """Whether readers may comment: the site switch, the article's override, then the auto-close age."""
    if not conf.get("COMMENTS_ENABLED"):
        return False
    mode = discussion.mode if discussion is not None else Discussion.Mode.AUTO
    if mode == Discussion.Mode.CLOSED:
        return False
    if mode == Discussion.Mode.OPEN:
        return True
    days = conf.get("COMMENTS_CLOSE_AFTER_DAYS")
    if days and article.published_at:
        return article.published_at > (now or timezone.now()) - datetime.timedelta(days=days)
    return True


def comment_post(
    *,
    article,
    parent: Comment | None,
    author_name: str,
    author_email: str,
    author_url: str,
    body: str,
    notify_replies: bool,
    ip_hash: str,
    rate_limited: bool = False,
    client_ip: str = "",
    user_agent: str = "",
    referrer: str = "",
    discussion: Discussion | None | bool = False,
) -> PostResult:
    """Store a reader's comment (already validated by the form), published or held with its reasons.

    ``discussion`` is the article's Discussion row (or None) when the caller already read it.
    """
    from dateline.comments.moderation import Candidate, moderator

    author_email = author_email.strip().lower()
    if discussion is False:
        discussion = Discussion.objects.filter(article=article).first()
    if not discussion_is_open(article=article, discussion=discussion):
        raise CommentError("Comments on this article are closed.", code="closed")
    if parent is not None:
        if parent.article_id != article.pk or parent.status != Comment.Status.APPROVED:
            raise CommentError("The comment you replied to is no longer there.", code="parent", field="parent")
    candidate = Candidate(
        article_id=article.pk,
        author_name=author_name,
        author_email=author_email,
        author_url=author_url,
        body=body,
        ip_hash=ip_hash,
        rate_limited=rate_limited,
        client_ip=client_ip,
        user_agent=user_agent,
        referrer=referrer,
        permalink=absolute_url(article.article_path()),
    )
    reasons = moderator.reasons_for(candidate)
    now = timezone.now()
    # The true depth is stored; the page shows replies below the maximum depth at that depth.
    depth = parent.depth + 1 if parent is not None else 0
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            depth=depth,
            author_name=author_name,
            author_email=author_email,
            author_url=author_url,
            body=normalise_newlines(body),
            notify_replies=notify_replies,
            ip_hash=ip_hash,
            held_reasons=reasons,
            status=Comment.Status.PENDING if reasons else Comment.Status.APPROVED,
            created_at=now,
            approved_at=None if reasons else now,
        )
        if not reasons:
            discussion_count_refresh(article_ids=[article.pk])
            _pages_changed(article_ids=[article.pk], reason="comment-published")
            _enqueue_reply_notice(comment)
    return PostResult(comment=comment, published=not reasons)


# -- moderation ------------------------------------------------------------------------------


def _moderate(*, comment_ids: Iterable[int], status: str, reason: str) -> int:
    ids = list(comment_ids)
    with transaction.atomic():
        rows = list(Comment.objects.select_for_update().filter(pk__in=ids).exclude(status=status))
        if not rows:
            return 0
        now = timezone.now()
        changed_public = {c.article_id for c in rows if Comment.Status.APPROVED in (c.status, status)}
        updates = {"status": status}
        if status == Comment.Status.APPROVED:
            updates.update(approved_at=now, report_count=0)
        Comment.objects.filter(pk__in=[c.pk for c in rows]).update(**updates)
        if changed_public:
            discussion_count_refresh(article_ids=changed_public)
            _pages_changed(article_ids=changed_public, reason=reason)
        if status == Comment.Status.APPROVED:
            for c in rows:
                c.status = status
                _enqueue_reply_notice(c)
    return len(rows)


def comment_approve(*, comment_ids: Iterable[int]) -> int:
    """Publish these comments; returns how many changed."""
    return _moderate(comment_ids=comment_ids, status=Comment.Status.APPROVED, reason="comment-approved")


def comment_mark_spam(*, comment_ids: Iterable[int]) -> int:
    return _moderate(comment_ids=comment_ids, status=Comment.Status.SPAM, reason="comment-spam")


def comment_remove(*, comment_ids: Iterable[int]) -> int:
    """Take these comments off the site (kept as 'removed' until the retention run erases their personal data)."""
    return _moderate(comment_ids=comment_ids, status=Comment.Status.REMOVED, reason="comment-removed")


def comment_report(*, comment: Comment) -> bool:
    """A reader reported this comment: count it, and send it back to the queue at the threshold.

    Returns True when the comment left the page.
    """
    with transaction.atomic():
        row = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if row is None or row.status != Comment.Status.APPROVED:
            return False
        row.report_count += 1
        reasons = list(row.held_reasons)
        if "reported" not in reasons:
            reasons.append("reported")
        hold = row.report_count >= max(1, conf.get("COMMENTS_REPORTS_TO_HOLD"))
        Comment.objects.filter(pk=row.pk).update(
            report_count=row.report_count,
            held_reasons=reasons if hold else row.held_reasons,
            status=Comment.Status.PENDING if hold else row.status,
        )
        if hold:
            discussion_count_refresh(article_ids=[row.article_id])
            _pages_changed(article_ids=[row.article_id], reason="comment-reported")
    return hold


def discussion_set_mode(*, article, mode: str) -> Discussion:
    """Close, reopen, or return an article's comments to the site's auto-close rule."""
    if mode not in Discussion.Mode.values:
        raise CommentError(f"Unknown mode {mode!r}.", code="mode")
    with transaction.atomic():
        discussion, _ = Discussion.objects.get_or_create(article=article)
        if discussion.mode != mode:
            Discussion.objects.filter(pk=discussion.pk).update(mode=mode, changed_at=timezone.now())
            discussion.mode = mode
            _pages_changed(article_ids=[article.pk], reason=f"comments-{mode}")
    return discussion


def discussions_autoclose_purge(*, now=None) -> int:
    """Purge the pages of articles whose comments closed by age in the last day (their form must go)."""
    from dateline.articles.models import ArticlePage

    days = conf.get("COMMENTS_CLOSE_AFTER_DAYS")
    if not days or not conf.get("COMMENTS_ENABLED"):
        return 0
    edge = (now or timezone.now()) - datetime.timedelta(days=days)
    ids = list(
        ArticlePage.objects.filter(published_at__lte=edge, published_at__gt=edge - datetime.timedelta(days=1))
        .exclude(discussion__mode__in=[Discussion.Mode.OPEN, Discussion.Mode.CLOSED])
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        _pages_changed(article_ids=ids, reason="comments-autoclosed")
    return len(ids)


# -- privacy ------------------------------------------------------------------------------------

ANONYMOUS = "Anonymous"


def commenter_forget(*, email: str, delete_text: bool = False) -> dict:
    """Erase one commenter's personal data: name, email, website and address hash on every comment.

    With ``delete_text`` the comments' text is erased too and they leave the site.
    Returns what was removed, for the CLI to say.
    """
    email = (email or "").strip()
    if not email:
        raise CommentError("Give the commenter's email address.", code="email")
    with transaction.atomic():
        rows = list(Comment.objects.select_for_update().filter(author_email__iexact=email).values("pk", "article_id", "status", "author_url", "ip_hash", "notify_replies"))
        ids = [r["pk"] for r in rows]
        result = {
            "comments": len(rows),
            "names": len(rows),
            "emails": len(rows),
            "websites": sum(1 for r in rows if r["author_url"]),
            "address_hashes": sum(1 for r in rows if r["ip_hash"]),
            "reply_subscriptions": sum(1 for r in rows if r["notify_replies"]),
            "texts": 0,
        }
        if not ids:
            return result
        updates = {"author_name": ANONYMOUS, "author_email": "", "author_url": "", "ip_hash": "", "notify_replies": False}
        if delete_text:
            updates.update(body="", status=Comment.Status.REMOVED)
            result["texts"] = len(rows)
        Comment.objects.filter(pk__in=ids).update(**updates)
        shown = {r["article_id"] for r in rows if r["status"] == Comment.Status.APPROVED}
        if shown:
            discussion_count_refresh(article_ids=shown)
            _pages_changed(article_ids=shown, reason="commenter-forgotten")
    return result


def comments_retention_apply(*, now=None) -> dict:
    """Erase email, website and address hash from comments older than the retention period."""
    days = conf.get("COMMENTS_RETENTION_DAYS")
    if not days:
        return {"comments": 0, "days": 0}
    edge = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        qs = Comment.objects.older_than(edge).filter(Q(author_email__gt="") | Q(author_url__gt="") | Q(ip_hash__gt=""))
        shown = set(qs.approved().filter(author_url__gt="").values_list("article_id", flat=True))
        count = qs.update(author_email="", author_url="", ip_hash="", notify_replies=False)
        _pages_changed(article_ids=shown, reason="comments-retention")  # the website link leaves the page
    return {"comments": count, "days": days}


# -- mail ----------------------------------------------------------------------------------------


def _enqueue_reply_notice(comment: Comment) -> None:
    if comment.parent_id is None or comment.status != Comment.Status.APPROVED:
        return
    from dateline.comments.tasks import reply_notice_task

    transaction.on_commit(lambda: reply_notice_task.enqueue(comment_id=comment.pk))


def reply_notice_send(*, comment_id: int) -> int:
    """Mail the parent's author about this approved reply, if they opted in; returns mails sent."""
    from dateline.comments import mail

    comment = Comment.objects.select_related("parent", "article", "article__section").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.APPROVED or comment.parent is None:
        return 0
    parent = comment.parent
    if not parent.notify_replies or not parent.author_email:
        return 0
    if parent.author_email.strip().lower() == comment.author_email.strip().lower():
        return 0  # nobody needs mail about their own reply
    return mail.reply_notice(comment=comment, parent=parent)


def reply_notices_unsubscribe(*, email: str) -> int:
    """Stop every reply notification to this address; returns how many comments it covered."""
    return Comment.objects.filter(author_email__iexact=email.strip(), notify_replies=True).update(notify_replies=False)


def reply_notices_resubscribe(*, comment_id: int, email: str) -> int:
    return Comment.objects.filter(author_email__iexact=email.strip(), pk=comment_id).update(notify_replies=True)


def digest_window(now=None) -> str:
    minutes = max(1, conf.get("COMMENTS_DIGEST_MINUTES"))
    moment = now or timezone.now()
    slot = int(moment.timestamp() // (minutes * 60))
    return f"{minutes}m-{slot}"


def digest_send(*, now=None, force: bool = False) -> dict:
    """Send the moderators one mail listing what waits in the queue, at most once per window."""
    from dateline.comments import mail
    from dateline.comments.models import DigestLog

    pending = Comment.objects.in_moderation()
    count = pending.count()
    if not count:
        return {"sent": False, "waiting": 0, "recipients": 0, "why": "nothing waits"}
    recipients = mail.moderator_addresses()
    if not recipients:
        return {"sent": False, "waiting": count, "recipients": 0, "why": "no moderator has an email address"}
    window = digest_window(now)
    if force:
        window = f"{window}-forced-{timezone.now().timestamp():.0f}"
    try:
        with transaction.atomic():
            log = DigestLog.objects.create(window=window, comment_count=count, recipient_count=len(recipients))
    except IntegrityError:
        return {"sent": False, "waiting": count, "recipients": 0, "why": "already sent in this window"}
    try:
        mail.moderator_digest(recipients=recipients, comments=list(pending.select_related("article")[:100]), total=count)
    except Exception:
        log.delete()  # a failed send may be retried in the same window
        raise
    return {"sent": True, "waiting": count, "recipients": len(recipients), "why": ""}


# -- a reader's post, from form data to a stored comment -------------------------------------------

ARTICLE_GONE = "This article cannot be found (it may have been unpublished), so your comment was not posted. Your text is below if you want to keep it."
PARENT_GONE = "The comment you replied to is no longer there; you can post yours as a new comment."
CLOSED = "Comments on this article are closed. Your text is below if you want to keep it."
BOT = "Your comment could not be accepted."
RATE = "You have sent many comments in a few minutes. Please wait a little, then send yours again."
SAVE_FAILED = "Your comment could not be saved just now. Please press “Post Comment” again in a moment."


@dataclass
class SubmitOutcome:
    """What happened to a post: ``code`` is approved, pending, or the kind of problem."""

    code: str
    status: int
    message: str = ""
    form: object = None
    article: object = None
    parent: Comment | None = None
    comment: Comment | None = None
    token_code: str = ""

    @property
    def ok(self) -> bool:
        return self.code in ("approved", "pending")

    def errors(self) -> dict[str, list[str]]:
        form = self.form
        if form is None or not form.is_bound:
            return {}
        return {name: [str(e) for e in errs] for name, errs in form.errors.items() if name != "__all__"}


POSTED_APPROVED = "Thank you: your comment is published."
POSTED_PENDING = "Thank you: your comment awaits moderation. It is not public yet; it will appear once a moderator approves it."


def _int_or_none(value) -> int | None:
    try:
        number = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def comment_submit(*, data, client_ip: str = "", user_agent: str = "", referrer: str = "") -> SubmitOutcome:
    """Validate a reader's post (form, article, parent, token, closed, rate) and store it.

    Nothing is stored unless every check passes; when one fails, the outcome
    carries the bound form, so the reader's text is shown again.
    """
    from dateline.articles.models import ArticlePage
    from dateline.comments import ratelimit, tokens
    from dateline.comments.forms import CommentForm
    from dateline.comments.privacy import ip_hash as make_ip_hash

    form = CommentForm(data)
    valid = form.is_valid()
    article_id = _int_or_none(data.get("article"))
    article = ArticlePage.objects.published().select_related("section").filter(pk=article_id).first() if article_id else None
    outcome = SubmitOutcome(code="", status=400, form=form, article=article)
    if article is None:
        outcome.code, outcome.message = "article", ARTICLE_GONE
        return outcome
    parent_id = _int_or_none(data.get("parent"))
    if parent_id:
        outcome.parent = Comment.objects.approved().filter(pk=parent_id, article=article).first()
        if outcome.parent is None:
            outcome.code, outcome.message = "parent", PARENT_GONE
            return outcome
    if form.is_bot:
        outcome.code, outcome.message = "bot", BOT
        return outcome
    if not valid:
        outcome.code = "invalid"
        outcome.message = "Please check the fields marked below."
        return outcome
    token = form.cleaned_data.get("token") or ""
    try:
        tokens.token_check(token)
    except tokens.TokenError as exc:
        outcome.code, outcome.message, outcome.token_code = "token", exc.message, exc.code
        return outcome
    discussion = Discussion.objects.filter(article=article).first()
    if not discussion_is_open(article=article, discussion=discussion):
        outcome.code, outcome.message = "closed", CLOSED
        return outcome
    hashed = make_ip_hash(client_ip)
    cleaned = form.cleaned_data
    verdict = ratelimit.rate_check(ip_hash=hashed, email=cleaned["email"])
    if verdict == ratelimit.BLOCK:
        outcome.code, outcome.status, outcome.message = "rate", 429, RATE
        return outcome
    try:
        tokens.token_spend(token)
    except tokens.TokenError as exc:
        outcome.code, outcome.message, outcome.token_code = "token", exc.message, exc.code
        return outcome
    try:
        result = comment_post(
            article=article,
            parent=outcome.parent,
            author_name=cleaned["name"],
            author_email=cleaned["email"],
            author_url=cleaned.get("url") or "",
            body=cleaned["body"],
            notify_replies=bool(cleaned.get("notify")),
            ip_hash=hashed,
            rate_limited=verdict == ratelimit.HOLD,
            client_ip=client_ip,
            user_agent=user_agent[:300],
            referrer=referrer[:300],
            discussion=discussion,
        )
    except CommentError as exc:
        tokens.token_unspend(token)
        outcome.code, outcome.message = exc.code, exc.message
        return outcome
    except DatabaseError:
        logger.exception("Saving a comment on article %s failed", article.pk)
        tokens.token_unspend(token)
        outcome.code, outcome.status, outcome.message = "unavailable", 503, SAVE_FAILED
        return outcome
    outcome.comment = result.comment
    outcome.status = 200
    outcome.code = "approved" if result.published else "pending"
    outcome.message = POSTED_APPROVED if result.published else POSTED_PENDING
    return outcome
