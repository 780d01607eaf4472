"""The article page's "comments" slot: the approved thread, then "LEAVE A REPLY"."""

import datetime

from django.utils import timezone

from dateline import conf
from dateline.comments.forms import CommentForm
from dateline.comments.selectors import (
    COMMENT_THREAD_CACHE,
    comment_page_from_request,
    comment_thread_for_article,
)
from dateline.core import slots
from dateline.core.cache import cache_clear, cache_version

FRAGMENT_CACHE = "comments:thread-fragment"


def comment_fragments_clear() -> None:
    """Make every rendered comment area stale (each also follows its article's thread version)."""
    cache_clear(FRAGMENT_CACHE)


@slots.register
class CommentsSlot(slots.Slot):
    name = "comments"
    heading = "LEAVE A REPLY"
    template = "comments/slot_comments.html"

    def cache_key(self, *, page, request):
        """The rendered thread and empty form, per article, comment page and thread version.

        The thread version is bumped whenever the article's shown comments or its
        discussion change (``comment_threads_clear``); the article's revision covers
        an editor's changes; the auto-close age is in the key so the form goes when
        the article grows too old. Nothing per reader is rendered: the form's token
        is empty and fetched by comments.js.
        """
        if page is None or not getattr(page, "pk", None):
            return None
        days = conf.get("COMMENTS_CLOSE_AFTER_DAYS")
        young = not (days and page.published_at) or page.published_at > timezone.now() - datetime.timedelta(days=days)
        settings = ":".join(str(conf.get(n)) for n in ("COMMENTS_ENABLED", "COMMENTS_MAX_DEPTH", "COMMENTS_NEWEST_FIRST",
                                                         "COMMENTS_PER_PAGE", "COMMENTS_MAX_LENGTH"))
        suffix = (f"{page.pk}:{comment_page_from_request(request)}:{page.live_revision_id}:{int(young)}:{settings}"
                  f":t{cache_version(f'{COMMENT_THREAD_CACHE}:{page.pk}')}")
        return FRAGMENT_CACHE, suffix, 86400

    def get_context(self, *, page, request):
        thread = comment_thread_for_article(article=page, page_number=comment_page_from_request(request))
        return {
            "slot": self,
            "heading": self.heading,
            "thread": thread,
            "article": page,
            "form": CommentForm(),
            "parent": None,
            "token": "",  # never in cached HTML: comments.js fetches one
            "max_length": conf.get("COMMENTS_MAX_LENGTH"),
            "page": page,
            "request": request,
        }
