from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Readership: the view beacon, buffered counts in hourly and daily buckets, most-read lists."""

    name = "dateline.analytics"
    label = "analytics"
    verbose_name = "Readership"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dateline.analytics import signals, slots  # noqa: F401  (slots registers the most-read lists)

        signals.connect()
