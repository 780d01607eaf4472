"""Reader comment endpoints; all under /comments/ (nginx config and robots.txt rely on the prefix)."""

from django.urls import path

from dateline.comments import views

app_name = "comments"

urlpatterns = [
    path("token/", views.token_view, name="token"),
    path("post/", views.post_view, name="post"),
    path("posted/<str:signed>/", views.posted_view, name="posted"),
    path("reply/<int:comment_id>/", views.reply_view, name="reply"),
    path("report/<int:comment_id>/", views.report_view, name="report"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
