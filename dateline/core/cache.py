"""Deliberate caching: versioned keys, and one explicit clear function per cached value.

A cached value lives under ``<name>:v<version>``. Clearing bumps the version
kept under ``version:<name>``, so every process sharing the cache (the file
cache in the data folder, or Redis) stops seeing the old value at once, and the
old entry simply expires.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

_MISSING = object()


def _version_key(name: str) -> str:
    return f"version:{name}"


def cache_version(name: str) -> int:
    version = cache.get(_version_key(name))
    if version is None:
        # Start from the clock so a cleared cache folder never brings back old values.
        version = int(time.time() * 1000)
        cache.add(_version_key(name), version, timeout=None)
        version = cache.get(_version_key(name), version)
    return version


def cache_clear(name: str) -> None:
    """Make the value cached under ``name`` stale for every process."""
    try:
        cache.incr(_version_key(name))
    except ValueError:
        cache.set(_version_key(name), int(time.time() * 1000), timeout=None)


def cached(name: str, compute: Callable[[], Any], *, timeout: int, key_suffix: str = "") -> Any:
    """Return the cached value for ``name`` (plus ``key_suffix``), computing it when missing."""
    key = f"{name}:v{cache_version(name)}{':' + key_suffix if key_suffix else ''}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


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
