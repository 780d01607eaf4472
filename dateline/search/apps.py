from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "dateline_search"
    verbose_name = "Site search"
