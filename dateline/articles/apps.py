from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "dateline.articles"
    label = "articles"
    verbose_name = "Articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dateline.articles import signals, slots  # noqa: F401  (slots registers the interim slots)

        signals.connect()
