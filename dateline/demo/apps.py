from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom (`dateline demo`) and synthetic bulk data (`dateline seed`)."""

    name = "dateline.demo"
    label = "demo"
    verbose_name = "Demo newsroom"
