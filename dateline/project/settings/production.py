"""Settings for `dateline serve` and DATELINE_ENV=production."""

from dateline.security.profile import production_settings

from .base import *  # noqa: F403
from .base import ENV, STORAGES, TEMPLATES

DEBUG = False
DATELINE_ENV = "production"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "dateline.core.staticfiles.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = False
# Compile templates once per process.
TEMPLATES[0]["APP_DIRS"] = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    (
        "django.template.loaders.cached.Loader",
        ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
    )
]
# Cookies, HSTS, nosniff, Referrer-Policy, frames, JSON logs: dateline/security/profile.py.
globals().update(production_settings(ENV))
