from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache: purges the embedded and front-end caches when reader pages change."""

    name = "dateline.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from dateline.pagecache import signals

        signals.connect()
