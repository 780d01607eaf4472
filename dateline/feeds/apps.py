from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "dateline.feeds"
    label = "dateline_feeds"
    verbose_name = "Feeds"

    def ready(self):
        from dateline.feeds import signals

        signals.connect()
