from django.apps import AppConfig


class SitemapsConfig(AppConfig):
    name = "dateline.sitemaps"
    label = "dateline_sitemaps"
    verbose_name = "Sitemaps"

    def ready(self):
        from dateline.sitemaps import signals

        signals.connect()
