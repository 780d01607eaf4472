"""Deliberate caching: versioned keys, and one explicit clear function per cached value.

A cached value lives under ``<name>:e<version>``. Clearing bumps the version
kept under ``version:<name>``, so every process sharing the cache (the file
cache in the data folder, or Redis) stops seeing the old value at once, and the
old entry simply expires.

Rendered HTML (``local=True``) is also kept in this process, until the moment
its shared copy expires: the key names the version, so the copy can only go
out of date by expiring, and every process lets it go at the same moment. On
an uncached article page this spared nine of thirty file reads (issue 8). The
versions are read from the shared cache, once per request (see below).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started

_MISSING = object()


def _version_key(name: str) -> str:
    return f"version:{name}"


# Within one reader request each version is read once (a page asks for some of them four
# times); the request sees the versions as they were when it first asked. Outside requests
# (the worker, commands) every call reads the shared cache.
_request = threading.local()


def _request_started(**kwargs) -> None:
    _request.versions = {}


def _request_finished(**kwargs) -> None:
    _request.versions = None


request_started.connect(_request_started, dispatch_uid="dateline.core.cache.request_started")
request_finished.connect(_request_finished, dispatch_uid="dateline.core.cache.request_finished")


def cache_version(name: str) -> int:
    versions = getattr(_request, "versions", None)
    if versions is not None and name in versions:
        return versions[name]
    version = cache.get(_version_key(name))
    if version is None:
        # Start from the clock so a cleared cache folder never brings back old values.
        version = int(time.time() * 1000)
        cache.add(_version_key(name), version, timeout=None)
        version = cache.get(_version_key(name), version)
    if versions is not None:
        versions[name] = version
    return version


def cache_clear(name: str) -> None:
    """Make the value cached under ``name`` stale for every process."""
    try:
        cache.incr(_version_key(name))
    except ValueError:
        cache.set(_version_key(name), int(time.time() * 1000), timeout=None)
    versions = getattr(_request, "versions", None)
    if versions is not None:
        versions.pop(name, None)


#: How many values ``cached(local=True)`` keeps in each process (oldest first out).
LOCAL_ENTRIES = 500
_local: dict[str, tuple[float, Any]] = {}  # key: (expires, value)
_LOCAL_TYPES = (str, bool, int, tuple)  # immutable: a copy handed out twice cannot be changed by a caller


_refresh = threading.local()


@contextmanager
def refreshing():
    """Within this block, ``cached()`` computes every value afresh and stores it with a new expiry.

    The worker refreshes the lists every page shows this way before they expire,
    so no reader's request waits for one to be computed (``Slot.refresh``).
    """
    _refresh.on = True
    try:
        yield
    finally:
        _refresh.on = False


def local_clear() -> None:
    """Forget this process's copies (tests; the shared cache is untouched)."""
    _local.clear()


def cached(name: str, compute: Callable[[], Any], *, timeout: int | None, key_suffix: str = "", local: bool = False) -> Any:
    """Return the cached value for ``name`` (plus ``key_suffix``), computing it when missing.

    ``local=True`` keeps an immutable value (rendered HTML, mostly) in this
    process as well, until its shared copy expires (see the module docstring).
    """
    # Stored as a plain (expires, value) pair, under keys marked "e" (for "with its expiry") so
    # that code from before the pairs, say after a rollback, never reads one as its value.
    key = f"{name}:e{cache_version(name)}{':' + key_suffix if key_suffix else ''}"
    now = time.time()
    if not getattr(_refresh, "on", False):
        if local:
            entry = _local.get(key)
            if entry is not None and entry[0] > now:
                return entry[1]
        entry = cache.get(key)
        if type(entry) is tuple and len(entry) == 2 and entry[0] > now:
            if local and isinstance(entry[1], _LOCAL_TYPES):
                _remember(key, entry)
            return entry[1]
    entry = (now + timeout if timeout is not None else float("inf"), compute())
    cache.set(key, entry, timeout=timeout)
    if local and isinstance(entry[1], _LOCAL_TYPES):
        _remember(key, entry)
    return entry[1]


def _remember(key: str, entry: tuple[float, Any]) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.pop(next(iter(_local), None), None)
    _local[key] = entry


def fragment_clear(name: str) -> None:
    """Make every copy of the template fragment ``{% fragment name … %}`` stale."""
    cache_clear(f"fragment:{name}")


class Lazy:
    """A value computed on first use and kept, for template context that a cached fragment may never read.

    Templates call callables, so ``{{ value }}`` and ``{% for x in value %}`` both work.
    """

    def __init__(self, compute: Callable[[], Any]):
        self._compute = compute
        self._value = _MISSING

    def __call__(self):
        if self._value is _MISSING:
            self._value = self._compute()
        return self._value
