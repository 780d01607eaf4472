"""Fuzz targets over parsers from other parts of dateline (comments, search, API), when installed."""

from __future__ import annotations


def targets() -> dict:
    return {}
