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
