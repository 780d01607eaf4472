"""The purge journal: how a purge made in one process reaches every server process.

A purge appends one line per path to ``DATA_DIR/pagecache/purges`` (``*`` means
every page). Each server process remembers how far it has read; before it
answers from its memory it looks at the file's size (one ``stat``), and when the
file grew it reads the new lines and drops those pages. Appends of one short
line are atomic on a local file system, so writers need no lock.

When the file passes :data:`ROTATE_BYTES` a writer replaces it with an empty
one; readers notice the new inode and drop everything they hold, which is
always safe.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

ALL = "*"
ROTATE_BYTES = 1_000_000


def journal_path() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "pagecache" / "purges"


def journal_append(paths: list[str], *, path: Path | None = None) -> None:
    """Record a purge of ``paths`` (absolute URL paths, or ``ALL``) for every process to see."""
    path = path or journal_path()
    lines = "".join(f"{p}\n" for p in paths if p and "\n" not in p)
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = lines.encode("utf-8")
    for _ in range(3):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        size = st.st_size
        try:
            if os.stat(path).st_ino == st.st_ino:
                break
        except FileNotFoundError:
            pass
        # Another writer rotated the file while we wrote: write again into the new one.
    if size > ROTATE_BYTES:
        fresh = path.with_name(f"{path.name}.{os.getpid()}.new")
        fresh.write_bytes(b"")
        os.replace(fresh, path)


class JournalReader:
    """One process's view of the journal: what changed since it last looked.

    :meth:`poll` returns the purged paths that appeared since the previous call
    (``[ALL]`` when the journal was rotated or removed). ``sequence`` counts every
    purge seen so far, so a caller can tell whether a purge happened while it was
    rendering a page.
    """

    def __init__(self, path: Path):
        self.path = path
        self.sequence = 0
        self._inode = None
        self._offset = 0
        self._partial = b""
        self._lock = threading.Lock()
        self._start()

    def _start(self):
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        # Earlier purges concern pages this process never held.
        self._inode, self._offset = st.st_ino, st.st_size

    def poll(self) -> list[str]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._inode is None:
                return []
            st = None
        if st is not None and st.st_ino == self._inode and st.st_size == self._offset:
            return []  # the common case: nothing new, one stat
        with self._lock:
            return self._read(st)

    def _read(self, st) -> list[str]:
        if self._inode is None and st is not None:
            # The first purge made the file: every line in it is news.
            self._inode, self._offset = st.st_ino, 0
            return self._read_new()
        if st is None or st.st_ino != self._inode or st.st_size < self._offset:
            # Rotated or removed: what happened in between is unknown, so everything goes.
            self._inode = st.st_ino if st is not None else None
            self._offset = 0
            self._partial = b""
            self.sequence += 1
            if st is None:
                return [ALL]
            self._read_new()
            return [ALL]
        return self._read_new()

    def _read_new(self) -> list[str]:
        try:
            with open(self.path, "rb") as f:
                f.seek(self._offset)
                data = f.read()
        except FileNotFoundError:
            return []
        self._offset += len(data)
        data = self._partial + data
        complete, _, self._partial = data.rpartition(b"\n")
        if not complete:
            return []
        paths = complete.decode("utf-8", "replace").split("\n")
        self.sequence += len(paths)
        return paths
