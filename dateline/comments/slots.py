"""The article page's "comments" slot: the approved thread, then "LEAVE A REPLY"."""

from dateline import conf
from dateline.comments.forms import CommentForm
from dateline.comments.selectors import comment_page_from_request, comment_thread_for_article
from dateline.core import slots


@slots.register
class CommentsSlot(slots.Slot):
    name = "comments"
    heading = "LEAVE A REPLY"
    template = "comments/slot_comments.html"

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
