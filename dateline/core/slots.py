"""Slots: the named places on reader pages that other apps fill.

The article page has four: ``sidebar`` ("Top 5 This Week"), ``related``
("Related Posts"), ``comments`` ("LEAVE A REPLY") and ``footer`` ("Popular
Articles"). Each is a :class:`Slot` subclass registered under its name; an app
that does the job better registers its own class under the same name in its
``AppConfig.ready()`` and the page changes without a template edit::

    @slots.register
    class PopularThisWeek(slots.Slot):
        name = "sidebar"
        heading = "Top 5 This Week"
        template = "analytics/slot_popular.html"

        def get_items(self, *, page, request):
            return article_list_popular(days=7, limit=5)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

from dateline.core.cache import cached


class Slot:
    name: str = ""
    heading: str = ""
    template: str = ""

    def get_heading(self, *, page, request) -> str:
        return self.heading

    def get_items(self, *, page, request) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define get_items()")

    def get_context(self, *, page, request) -> dict:
        return {
            "slot": self,
            "heading": self.get_heading(page=page, request=request),
            "items": self.get_items(page=page, request=request),
            "page": page,
            "request": request,
        }

    def cache_key(self, *, page, request) -> tuple[str, str, int] | None:
        """``(cache name, key suffix, timeout)`` to keep the rendered slot under, or None to render every time.

        A slot whose HTML depends only on values with a cache version (see
        dateline.core.cache) returns a key carrying those versions; the name's
        clear function then makes every copy stale. Never key on, nor render,
        anything about the reader: the HTML is shared by everyone.
        """
        return None

    def refresh(self) -> None:
        """Compute afresh whatever this slot shows that would otherwise expire on a reader's request.

        The worker calls it for every registered slot, a minute before most-read
        lists expire (``slots_refresh``). Nothing by default.
        """

    def render(self, *, page, request) -> str:
        def html() -> str:
            return render_to_string(self.template, self.get_context(page=page, request=request))

        key = None if getattr(request, "is_preview", False) else self.cache_key(page=page, request=request)
        if key is None:
            return html()
        name, suffix, timeout = key
        return cached(name, html, timeout=timeout, key_suffix=suffix, local=True)


_registry: dict[str, Slot] = {}


def register(slot_class: type[Slot]) -> type[Slot]:
    """Register (or replace) the slot class for ``slot_class.name``; usable as a decorator."""
    if not slot_class.name or not slot_class.template:
        raise ImproperlyConfigured(f"{slot_class.__name__} needs a name and a template")
    _registry[slot_class.name] = slot_class()
    return slot_class


def get(name: str) -> Slot:
    try:
        return _registry[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No slot named {name!r} is registered; register a dateline.core.slots.Slot subclass with that name."
        ) from None


def slots_refresh() -> None:
    """Let every registered slot refresh what it shows (a periodic worker job)."""
    for slot in list(_registry.values()):
        slot.refresh()
