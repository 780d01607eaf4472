from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "dateline_core"
    verbose_name = "dateline core"

    def ready(self):
        from dateline import checks  # noqa: F401  (registers system checks)
