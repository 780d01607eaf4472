"""Reader pages whose HTML changed: one signal every writer sends, one place that purges.

Writers (publishing and unpublishing, corrections, comment moderation, closing
comments) call :func:`reader_pages_changed_send` with the paths of the reader
pages whose HTML is now out of date. The page cache connects receivers to
:data:`reader_pages_changed` and purges those paths from the embedded cache and
from any front-end cache (nginx, a CDN). Nothing else listens, and writers
never talk to a cache directly, so a new cache in front of the site means one
new receiver, not edits across the apps.

The signal is sent after the surrounding transaction commits, so a cache is
never refilled from data that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

#: Sent with ``paths`` (a sorted list of absolute URL paths such as
#: ``/world/2026/11/25/harbour-bridge-reopens/``) and ``reason`` (a short word
#: for logs: ``"published"``, ``"comment-approved"``…). ``sender`` is None.
reader_pages_changed = Signal()


def reader_pages_changed_send(*, paths: Iterable[str], reason: str) -> None:
    """Tell the page caches that these reader pages changed, once the transaction commits."""
    unique = sorted({p for p in paths if p})
    if not unique:
        return
    transaction.on_commit(lambda: reader_pages_changed.send(sender=None, paths=unique, reason=reason))


def purge_on_page_changes(*, name: str, clear, paths_for, models) -> None:
    """Keep a cached machine-read surface (feeds, sitemaps) current when pages of ``models`` change.

    On publish, unpublish (a correction is a publish), move and delete, ``clear()`` empties the
    surface's own cache at once, and ``paths_for(page)`` names its URLs that show the page, which
    go to the page caches through :func:`reader_pages_changed_send` like reader pages. On a delete
    the paths are read before it, while the page's tags and bylines are still there.
    """
    from django.db.models.signals import post_delete, pre_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    def changed(sender, instance, **kwargs):
        clear()
        reason = {page_published: "published", page_unpublished: "unpublished"}.get(kwargs.get("signal"), "moved")
        reader_pages_changed_send(paths=paths_for(instance.specific), reason=reason)

    def deleting(sender, instance, **kwargs):
        reader_pages_changed_send(paths=paths_for(instance), reason="deleted")

    def deleted(sender, **kwargs):
        clear()

    # Closures: held strongly, or the signals would drop them at once.
    for model in models:
        page_published.connect(changed, sender=model, weak=False, dispatch_uid=f"dateline-{name}-published-{model.__name__}")
        page_unpublished.connect(changed, sender=model, weak=False, dispatch_uid=f"dateline-{name}-unpublished-{model.__name__}")
        pre_delete.connect(deleting, sender=model, weak=False, dispatch_uid=f"dateline-{name}-deleting-{model.__name__}")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"dateline-{name}-deleted-{model.__name__}")
    post_page_move.connect(changed, weak=False, dispatch_uid=f"dateline-{name}-moved")
