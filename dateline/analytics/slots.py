"""The article page's most-read lists: "Top 5 This Week" in the sidebar, "Popular Articles" in the footer.

A site with no counted views yet (a new install) shows its latest articles
instead, under the heading "Latest", never an empty or invented "most read".
"""

from dateline import conf
from dateline.analytics.selectors import POPULAR_CACHE, article_list_popular
from dateline.articles.selectors import LATEST_CACHE, article_list_latest
from dateline.core import slots
from dateline.core.cache import cache_clear, cache_version, cached, refreshing

FRAGMENT_CACHE = "analytics:popular-fragment"


def popular_fragments_clear() -> None:
    """Make the rendered most-read lists stale (they also follow their lists' versions)."""
    cache_clear(FRAGMENT_CACHE)


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

    def refresh(self) -> None:
        """Sum the list again before it expires, so the first reader after five minutes does not wait for it."""
        with refreshing():
            article_list_popular(days=conf.get(self.days_setting), limit=self.limit())

    def render(self, *, page, request) -> str:
        """The rendered list, cached: the same HTML on every page while the list stands.

        The key carries the versions of the lists it shows, so clearing them
        (an unpublished article) clears it too; it lives as long as the list.
        """
        has_views = bool(article_list_popular(days=conf.get(self.days_setting), limit=self.limit()))
        # Only the fallback list leaves the page's own article out, so only it differs per page.
        per_page = "" if has_views else str(getattr(page, "pk", ""))
        suffix = f"{self.name}:{per_page}:p{cache_version(POPULAR_CACHE)}:l{cache_version(LATEST_CACHE)}"
        return cached(FRAGMENT_CACHE, lambda: super(PopularSlot, self).render(page=page, request=request),
                      timeout=conf.get("POPULAR_REFRESH_MINUTES") * 60, key_suffix=suffix, local=True)


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
