"""The comments app in the Wagtail admin: the moderation queue, its menu item, and the block lists."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.comments import admin_views
from dateline.comments.models import BlockedEmail, BlockedWord

admin_urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("article/<int:article_id>/", admin_views.DiscussionView.as_view(), name="discussion"),
]


@hooks.register("register_admin_urls")
def register_comment_admin_urls():
    return [path("reader-comments/", include((admin_urlpatterns, "dateline_comments_admin")))]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem("Reader comments", reverse("dateline_comments_admin:queue"), icon_name="comment", order=250)


class BlockedWordViewSet(SnippetViewSet):
    model = BlockedWord
    icon = "warning"
    menu_label = "Blocked words"
    list_display = ["word", "created_at"]
    search_fields = ["word"]


class BlockedEmailViewSet(SnippetViewSet):
    model = BlockedEmail
    icon = "mail"
    menu_label = "Blocked emails"
    list_display = ["pattern", "created_at"]
    search_fields = ["pattern"]


register_snippet(BlockedWordViewSet)
register_snippet(BlockedEmailViewSet)
