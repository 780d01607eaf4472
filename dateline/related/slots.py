"""'Related Posts' under the article."""

from dateline import conf
from dateline.core import slots
from dateline.core.cache import cache_clear, cache_version
from dateline.related.selectors import RELATED_CACHE, article_list_related

FRAGMENT_CACHE = "related:fragment"


def related_fragments_clear() -> None:
    """Make every rendered 'Related Posts' list stale (each also follows the lists' version)."""
    cache_clear(FRAGMENT_CACHE)


@slots.register
class RelatedPostsSlot(slots.Slot):
    name = "related"
    heading = "Related Posts"
    template = "related/slot_related.html"

    def cache_key(self, *, page, request):
        """The rendered list lives as its list does: per article, under the lists' version."""
        if page is None or not getattr(page, "pk", None):
            return None
        limit = conf.get("RELATED_COUNT")
        return FRAGMENT_CACHE, f"{page.pk}:{limit}:r{cache_version(RELATED_CACHE)}", conf.get("LIST_CACHE_SECONDS")

    def get_items(self, *, page, request):
        if page is None or not getattr(page, "pk", None):
            return []
        return article_list_related(article=page, limit=conf.get("RELATED_COUNT"))
