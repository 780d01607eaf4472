"""System checks, ids dateline.E001 / dateline.W001 and up."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from dateline import conf


@register()
def check_settings(app_configs, **kwargs):
    messages = []
    if conf.get("ENV") not in {"development", "production"}:
        messages.append(
            Error(
                f"DATELINE_ENV is {conf.get('ENV')!r}.",
                hint="Set DATELINE_ENV to 'development' or 'production'.",
                id="dateline.E001",
            )
        )
    if conf.get("ENV") == "production" and settings.DEBUG:
        messages.append(
            Warning("DEBUG is on in production.", hint="Unset DATELINE_DEBUG.", id="dateline.W001")
        )
    if conf.get("ARTICLES_PER_PAGE") < 1:
        messages.append(
            Error("DATELINE_ARTICLES_PER_PAGE must be at least 1.", hint="Set it to 20, say.", id="dateline.E002")
        )
    return messages
