"""Newest-first pagination without COUNT(*): 'Older' and 'Newer' links, cheap at any size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404

MAX_PAGE = 10_000


def page_number_from_request(request, *, param: str = "page", maximum: int = MAX_PAGE, digits: int = 6) -> int:
    """The ?page= (or ``param``) number; anything malformed means page 1, never an error."""
    raw = request.GET.get(param, "1") if request is not None else "1"
    try:
        number = int(str(raw).strip()[:digits])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), maximum)


class PageLinks:
    """Previous/next page numbers for any page object with ``page_number`` and ``has_next``."""

    page_number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page_number > 1

    @property
    def next_page_number(self) -> int:
        return self.page_number + 1

    @property
    def previous_page_number(self) -> int:
        return self.page_number - 1


@dataclass
class Listing(PageLinks):
    items: list[Any]
    page_number: int
    has_next: bool
    per_page: int
    extra: dict = field(default_factory=dict)


def paginate(queryset, *, page_number: int, per_page: int) -> Listing:
    """Slice one page plus one row to know whether an older page exists."""
    start = (page_number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and page_number > 1:
        raise Http404("No such page")
    return Listing(items=rows[:per_page], page_number=page_number, has_next=len(rows) > per_page, per_page=per_page)
