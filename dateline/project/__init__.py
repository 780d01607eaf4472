import os


def settings_module() -> str:
    """The settings module for this process: production when DATELINE_ENV says so."""
    if os.environ.get("DATELINE_ENV", "").strip().lower() == "production":
        return "dateline.project.settings.production"
    return "dateline.project.settings.base"


def configure() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
