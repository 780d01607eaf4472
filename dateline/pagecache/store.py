"""Pages kept in one server process's memory, with their compressed variants.

An :class:`Entry` is a whole response (status, headers, body) stored once with
its gzip and brotli encodings, so a hit costs a dictionary look-up and a write.
The :class:`MemoryStore` is bounded in bytes and drops the least recently used
pages first; it indexes entries by URL path so that a purge of ``/world/``
also drops ``/world/?page=2``.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

try:  # brotli is a declared dependency; a missing wheel costs the br variant, not the page.
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

GZIP_LEVEL = 6
BROTLI_QUALITY = 5  # 5 compresses HTML about as well as gzip -9 at a fraction of brotli -11's time
MIN_COMPRESS_BYTES = 860


def compress_variants(body: bytes) -> dict[str, bytes]:
    """The identity body and, when they are worth it, its gzip and brotli encodings."""
    variants = {"identity": body}
    if len(body) < MIN_COMPRESS_BYTES:
        return variants
    variants["gzip"] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    if brotli is not None:
        variants["br"] = brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    return variants


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]  # without Content-Length, Content-Encoding, ETag and Vary
    vary: str
    bodies: dict[str, bytes]
    etag: str
    path: str
    stored_at: float
    expires_at: float
    size: int = field(init=False)

    def __post_init__(self):
        self.size = sum(len(b) for b in self.bodies.values()) + 512

    def fresh(self, now: float) -> bool:
        return now < self.expires_at


class MemoryStore:
    """A byte-bounded LRU of :class:`Entry`, indexed by URL path for purging."""

    def __init__(self, *, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._by_path: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str, *, now: float | None = None) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if not entry.fresh(now if now is not None else time.monotonic()):
            with self._lock:
                self._remove(key)
            return None
        try:
            self._entries.move_to_end(key)
        except KeyError:  # removed by another thread meanwhile
            pass
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if entry.size > self.max_bytes // 4:
            return
        with self._lock:
            self._remove(key)
            self._entries[key] = entry
            self._by_path.setdefault(entry.path, set()).add(key)
            self.bytes += entry.size
            while self.bytes > self.max_bytes and self._entries:
                self._remove(next(iter(self._entries)))

    def purge(self, paths) -> int:
        """Drop every entry for these URL paths (any query string, any host); ``"*"`` drops all."""
        with self._lock:
            if "*" in paths:
                count = len(self._entries)
                self._entries.clear()
                self._by_path.clear()
                self.bytes = 0
                return count
            count = 0
            for path in paths:
                for key in self._by_path.pop(path, ()):
                    entry = self._entries.pop(key, None)
                    if entry is not None:
                        self.bytes -= entry.size
                        count += 1
            return count

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self.bytes -= entry.size
        keys = self._by_path.get(entry.path)
        if keys is not None:
            keys.discard(key)
            if not keys:
                del self._by_path[entry.path]
