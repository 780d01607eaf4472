from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: the form, threads, the moderation queue, anti-spam layers and mail."""

    name = "dateline.comments"
    label = "dateline_comments"
    verbose_name = "Reader comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dateline.comments import checks, slots  # noqa: F401  (slots registers "comments"; checks registers system checks)
