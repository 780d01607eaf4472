"""The article page's most-read lists: "Top 5 This Week" in the sidebar, "Popular Articles" in the footer.

A site with no counted views yet (a new install) shows its latest articles
instead, under the heading "Latest", never an empty or invented "most read".
"""

from dateline import conf
from dateline.analytics.selectors import article_list_popular
from dateline.articles.selectors import article_list_latest
from dateline.core import slots


class PopularSlot(slots.Slot):
    days_setting = ""
    heading_setting = ""
    fallback_heading = "Latest"

    def limit(self) -> int:
        raise NotImplementedError

    def get_context(self, *, page, request):
        items = article_list_popular(days=conf.get(self.days_setting), limit=self.limit())
        heading = conf.get(self.heading_setting)
        if not items:
            items = article_list_latest(limit=self.limit(), exclude_pk=getattr(page, "pk", None))
            heading = self.fallback_heading
        return {"slot": self, "heading": heading, "items": items, "page": page, "request": request}


@slots.register
class TopThisWeekSlot(PopularSlot):
    name = "sidebar"
    template = "articles/includes/slot_card_list.html"
    days_setting = "POPULAR_SIDEBAR_DAYS"
    heading_setting = "POPULAR_SIDEBAR_HEADING"

    def limit(self) -> int:
        return conf.get("SIDEBAR_COUNT")


@slots.register
class PopularArticlesSlot(PopularSlot):
    name = "footer"
    template = "articles/includes/slot_footer_list.html"
    days_setting = "POPULAR_FOOTER_DAYS"
    heading_setting = "POPULAR_FOOTER_HEADING"
    fallback_heading = "Latest from the newsroom"

    def limit(self) -> int:
        return conf.get("FOOTER_COUNT")
