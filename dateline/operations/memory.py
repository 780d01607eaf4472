"""A served process's memory: what loading made is kept out of the cyclic collector's way.

Django, Wagtail, the URLconf and the apps' modules leave a few hundred thousand
objects that live as long as the process. Python's full collection (its oldest
generation) walks all of them: in a `dateline serve` worker under wrk that took
200 to 240 ms, about once every 15 s, and every request queued on that worker
waited behind it (issue 8, the uncached article's p99). :func:`heap_freeze`,
called once the application is built, moves them to the permanent generation
the collector skips; full collections then took 7 to 18 ms. Whatever is made
later (compiled templates, per-process memos, requests) is collected as usual.
"""

from __future__ import annotations

import gc


def heap_freeze() -> int:
    """Collect the garbage loading left, then freeze every object still alive; returns how many are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
