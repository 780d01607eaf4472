from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "dateline.operations"
    label = "dateline_operations"
    verbose_name = "Operations"
