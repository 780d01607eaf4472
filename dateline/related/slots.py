"""'Related Posts' under the article."""

from dateline import conf
from dateline.core import slots
from dateline.related.selectors import article_list_related


@slots.register
class RelatedPostsSlot(slots.Slot):
    name = "related"
    heading = "Related Posts"
    template = "related/slot_related.html"

    def get_items(self, *, page, request):
        if page is None or not getattr(page, "pk", None):
            return []
        return article_list_related(article=page, limit=conf.get("RELATED_COUNT"))
