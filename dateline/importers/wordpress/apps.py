from django.apps import AppConfig


class WordPressImporterConfig(AppConfig):
    """What a WordPress import brought in, and the redirects from WordPress's addresses."""

    name = "dateline.importers.wordpress"
    label = "wordpress_import"
    verbose_name = "WordPress import"
    default_auto_field = "django.db.models.BigAutoField"
