"""System checks for the production profile: dateline.E101 (secret key), E102 (any host), W101 (no HTTPS)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from dateline import conf
from dateline.security.profile import base_url_is_loopback, https_enabled, secret_key_problem


def _env() -> dict:
    return {name: conf.get(name) for name in ("HTTPS", "BASE_URL")}


@register(Tags.security)
def check_production_secret_key(app_configs, **kwargs):
    if conf.get("ENV") != "production":
        return []
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    return [
        Error(
            f"The secret key cannot be used in production: {problem}.",
            hint="Unset DATELINE_SECRET_KEY to use the random key kept in the data folder, "
            "or set it to 50 or more random characters.",
            id="dateline.E101",
        )
    ]


@register(Tags.security)
def check_production_hosts(app_configs, **kwargs):
    # (DEBUG in production is dateline.W001; settings/production.py turns it off anyway.)
    if conf.get("ENV") != "production" or "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS accepts any host in production, so forged Host headers reach the site.",
            hint="Set DATELINE_ALLOWED_HOSTS to the site's host names.",
            id="dateline.E102",
        )
    ]


@register(Tags.security, deploy=True)
def check_production_https(app_configs, **kwargs):
    env = _env()
    if conf.get("ENV") != "production" or https_enabled(env) or base_url_is_loopback(env):
        return []
    return [
        Warning(
            "The site is served in production without HTTPS: cookies are sent in clear and there is no HSTS.",
            hint="Put a TLS proxy in front and set DATELINE_BASE_URL to the https:// address "
            "(or DATELINE_HTTPS=on).",
            id="dateline.W101",
        )
    ]
