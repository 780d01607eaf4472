"""Interim fillings for the article page's slots, each under an honest heading.

The readership app replaces ``sidebar`` and ``footer`` with most-read lists,
the related app replaces ``related``, the comments app replaces ``comments``.
Until then readers see what these really are: the latest articles, more from
the same section, and a plain note that comments are not open.
"""

from dateline import conf
from dateline.articles.selectors import article_list_latest
from dateline.core import slots


@slots.register
class LatestSlot(slots.Slot):
    name = "sidebar"
    heading = "Latest"
    template = "articles/includes/slot_card_list.html"

    def get_items(self, *, page, request):
        return article_list_latest(limit=conf.get("SIDEBAR_COUNT"), exclude_pk=getattr(page, "pk", None))


@slots.register
class MoreInSectionSlot(slots.Slot):
    name = "related"
    heading = "More in this section"
    template = "articles/includes/slot_card_grid.html"

    def get_heading(self, *, page, request):
        section = getattr(page, "section", None)
        return f"More in {section.title}" if section else "More stories"

    def get_items(self, *, page, request):
        section = getattr(page, "section", None)
        return article_list_latest(limit=conf.get("RELATED_COUNT"), section=section, exclude_pk=getattr(page, "pk", None))


@slots.register
class CommentsClosedSlot(slots.Slot):
    name = "comments"
    heading = "Comments"
    template = "articles/includes/slot_comments_closed.html"

    def get_items(self, *, page, request):
        return []


@slots.register
class AcrossSectionsSlot(slots.Slot):
    name = "footer"
    heading = "Latest from the newsroom"
    template = "articles/includes/slot_footer_list.html"

    def get_items(self, *, page, request):
        return article_list_latest(limit=conf.get("FOOTER_COUNT"))
