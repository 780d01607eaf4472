"""The moderation queue in the Wagtail admin (/admin/reader-comments/), for the Comment moderator group.

Views parse the request, call the same services the CLI and the reader views
use (comment_approve, comment_mark_spam, comment_remove, discussion_set_mode),
and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dateline.articles.models import ArticlePage
from dateline.comments import services
from dateline.comments.models import Comment, Discussion
from dateline.comments.selectors import comment_queue

PERMISSION = "dateline_comments.moderate_comment"
ACTIONS = {
    "approve": (services.comment_approve, "approved"),
    "spam": (services.comment_mark_spam, "marked as spam"),
    "remove": (services.comment_remove, "deleted from the site"),
}


def can_moderate(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class ModeratorOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "comments/admin/queue.html"
    page_title = "Reader comments"
    header_icon = "comment"
    per_page = 50

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", Comment.Status.PENDING)
        if status not in Comment.Status.values:
            status = Comment.Status.PENDING
        article_id = self.request.GET.get("article", "")
        article_id = int(article_id) if article_id.isdigit() else None
        page = Paginator(comment_queue(status=status, article_id=article_id), self.per_page).get_page(self.request.GET.get("p"))
        context.update(
            status=status,
            statuses=Comment.Status.choices,
            page_obj=page,
            article_id=article_id,
            article=ArticlePage.objects.filter(pk=article_id).first() if article_id else None,
            waiting=Comment.objects.in_moderation().count(),
            blocked_words_url=reverse("wagtailsnippets_dateline_comments_blockedword:list"),
            blocked_emails_url=reverse("wagtailsnippets_dateline_comments_blockedemail:list"),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        ids = [int(i) for i in request.POST.getlist("comment") if i.isdigit()]
        if action not in ACTIONS:
            messages.error(request, "Choose what to do with the selected comments.")
        elif not ids:
            messages.error(request, "Select at least one comment first.")
        else:
            service, done = ACTIONS[action]
            count = service(comment_ids=ids)
            messages.success(request, f"{count} comment{'s' if count != 1 else ''} {done}.")
        return redirect(request.get_full_path())


class DiscussionView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "comments/admin/discussion.html"
    header_icon = "comment"

    def get_page_title(self):
        return f"Comments on “{self.article.title}”"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("dateline_comments_admin:queue"), "label": "Reader comments"},
            {"url": "", "label": self.article.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(ArticlePage, pk=kwargs["article_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        discussion = Discussion.objects.filter(article=self.article).first()
        context.update(
            article=self.article,
            mode=discussion.mode if discussion else Discussion.Mode.AUTO,
            modes=Discussion.Mode.choices,
            is_open=services.discussion_is_open(article=self.article, discussion=discussion),
            counts={s: Comment.objects.for_article(self.article).filter(status=s).count() for s in Comment.Status.values},
        )
        return context

    def post(self, request, *args, **kwargs):
        mode = request.POST.get("mode", "")
        if mode not in Discussion.Mode.values:
            messages.error(request, "Choose open, closed or automatic.")
        else:
            services.discussion_set_mode(article=self.article, mode=mode)
            messages.success(request, f"Comments on “{self.article.title}”: {Discussion.Mode(mode).label.lower()}.")
        return redirect(request.path)
