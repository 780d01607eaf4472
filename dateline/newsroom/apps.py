from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The newsroom's people and process: groups, permissions and the review workflow."""

    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"
