"""One receiver: reader pages changed, so purge them (see dateline.core.purge)."""

from dateline.core.purge import reader_pages_changed


def _on_reader_pages_changed(sender, paths, reason, **kwargs):
    from dateline.pagecache.services import pages_purge

    pages_purge(paths=paths)


def connect():
    reader_pages_changed.connect(_on_reader_pages_changed, dispatch_uid="dateline-pagecache-purge")
