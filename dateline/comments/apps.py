from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: the model, and (with the comments issue) the form and moderation queue."""

    name = "dateline.comments"
    label = "dateline_comments"
    verbose_name = "Reader comments"
    default_auto_field = "django.db.models.BigAutoField"
