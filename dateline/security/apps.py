from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "dateline.security"
    label = "dateline_security"
    verbose_name = "Security"

    def ready(self):
        from dateline.security import checks, login  # noqa: F401  (registers checks and signal receivers)
