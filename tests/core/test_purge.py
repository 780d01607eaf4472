"""The reader-pages-changed signal: what writers send and when caches hear it."""

import pytest

from dateline.core.purge import reader_pages_changed, reader_pages_changed_send


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # flush without post_migrate, so later transactional tests can restore the site tree
def test_paths_are_sent_once_each_after_commit():
    """Paths arrive sorted and de-duplicated, and only when the transaction commits."""
    from django.db import transaction

    heard = []

    def receiver(sender, paths, reason, **kwargs):
        heard.append((paths, reason))

    reader_pages_changed.connect(receiver)
    try:
        with transaction.atomic():
            reader_pages_changed_send(paths=["/b/", "/a/", "/b/", ""], reason="test")
            assert heard == []
        assert heard == [(["/a/", "/b/"], "test")]
    finally:
        reader_pages_changed.disconnect(receiver)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # flush without post_migrate, so later transactional tests can restore the site tree
def test_rolled_back_changes_send_nothing():
    """A write that rolls back never purges a cache."""
    from django.db import transaction

    heard = []

    def receiver(sender, paths, reason, **kwargs):
        heard.append(paths)

    reader_pages_changed.connect(receiver)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            reader_pages_changed_send(paths=["/a/"], reason="test")
            raise RuntimeError("rolled back")
        assert heard == []
    finally:
        reader_pages_changed.disconnect(receiver)
