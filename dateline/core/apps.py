from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "dateline_core"
    verbose_name = "dateline core"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction

        from dateline import checks  # noqa: F401  (registers system checks)
        from dateline.core.http import view_restrictions_clear

        for signal in (post_save, post_delete):
            signal.connect(view_restrictions_clear, sender=PageViewRestriction, dispatch_uid=f"dateline-restrictions-{signal}")
