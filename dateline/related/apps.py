from django.apps import AppConfig


class RelatedConfig(AppConfig):
    """Related posts: scored in the background, stored with their reasons, steered by editors."""

    name = "dateline.related"
    label = "related"
    verbose_name = "Related posts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dateline.related import signals, slots  # noqa: F401  (slots registers "Related Posts")

        signals.connect()
