"""The production security profile: the Django settings `dateline serve` and DATELINE_ENV=production run under.

:func:`production_settings` turns dateline's settings (already parsed from the
environment by ``settings/base.py``) into Django's security settings, so
``settings/production.py`` stays a short list and the rules live, and are
tested, here. Under it ``dateline manage check --deploy`` reports nothing on an
HTTPS site (tests/security/test_profile.py runs it).

HTTPS is on when DATELINE_HTTPS says so, or, with the default ``auto``, when
DATELINE_BASE_URL starts with ``https://``. dateline does not terminate TLS
itself; a proxy in front does and says so with ``X-Forwarded-Proto``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dateline import conf

# Django's own test for a weak key (security.W009), made a refusal in production.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
INSECURE_PREFIX = "django-insecure-"
SQLITE_SYNCHRONOUS_CHOICES = {"FULL", "NORMAL", "EXTRA"}
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def https_enabled(env: dict[str, Any]) -> bool:
    """Whether the site is served over HTTPS: DATELINE_HTTPS, or ``auto`` from the base URL."""
    choice = str(env.get("HTTPS", "auto")).strip().lower()
    if choice in {"on", "true", "1", "yes"}:
        return True
    if choice in {"off", "false", "0", "no"}:
        return False
    return str(env.get("BASE_URL", "")).lower().startswith("https://")


def base_url_is_loopback(env: dict[str, Any]) -> bool:
    return (urlsplit(str(env.get("BASE_URL", ""))).hostname or "") in LOOPBACK_HOSTS


def secret_key_problem(key: str) -> str | None:
    """Why a secret key must not be used in production, or None when it is fine."""
    if not key:
        return "it is empty"
    if key.startswith(INSECURE_PREFIX):
        return f"it is a development key (it starts with {INSECURE_PREFIX!r})"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it is {len(key)} characters long; use at least {SECRET_KEY_MIN_LENGTH}"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"it uses fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters"
    return None


def admin_prefix() -> str:
    """DATELINE_ADMIN_PATH as a URL prefix with one slash each side: ``/newsroom/``."""
    return "/" + str(conf.get("ADMIN_PATH")).strip().strip("/") + "/"


def axes_settings() -> dict:
    """django-axes' settings; the limits are read at call time through the callables."""
    return {
        "AUTHENTICATION_BACKENDS": [
            "dateline.security.login.LoginThrottleBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "AXES_LOCKOUT_PARAMETERS": ["username", "ip_address"],
        "AXES_FAILURE_LIMIT": "dateline.security.login.failure_limit",
        "AXES_COOLOFF_TIME": "dateline.security.login.lockout_time",
        "AXES_LOCKOUT_CALLABLE": "dateline.security.login.lockout_response",
        "AXES_CLIENT_IP_CALLABLE": "dateline.security.login.client_ip",
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_ENABLE_ACCESS_FAILURE_LOG": True,
        "AXES_VERBOSE": False,
        "AXES_HTTP_RESPONSE_CODE": 429,
    }


def totp_issuer(device) -> str:
    """The name authenticator apps show next to the account: the site's name (django-otp's OTP_TOTP_ISSUER)."""
    return str(conf.get("SITE_NAME"))


def common_settings(env: dict[str, Any]) -> dict[str, Any]:
    """Security and logging settings for every environment (``settings/base.py`` applies them)."""
    from dateline.operations.logging import logging_config
    from dateline.security.csp import csp_settings

    if str(env.get("SQLITE_SYNCHRONOUS", "FULL")).upper() not in SQLITE_SYNCHRONOUS_CHOICES:
        raise ValueError(f"DATELINE_SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA, not {env.get('SQLITE_SYNCHRONOUS')!r}")
    return {
        **csp_settings(),
        **axes_settings(),
        "OTP_TOTP_ISSUER": totp_issuer,
        "LOGGING": logging_config(production=False),
        # Avatars from gravatar.com would send a hash of each editor's e-mail address to a third party.
        "WAGTAIL_GRAVATAR_PROVIDER_URL": None,
    }


def production_settings(env: dict[str, Any]) -> dict[str, Any]:
    """Django's security settings for production, from dateline's parsed settings."""
    from dateline.operations.logging import logging_config

    https = https_enabled(env)
    values: dict[str, Any] = {
        "DEBUG": False,
        "LOGGING": logging_config(production=True),
        "SESSION_COOKIE_HTTPONLY": True,
        # Django's advice: HttpOnly on the CSRF cookie protects nothing, and scripts may read it.
        "CSRF_COOKIE_HTTPONLY": False,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        # No page is framed, except Wagtail's previews, which override this to SAMEORIGIN themselves.
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_SECURE": https,
        "CSRF_COOKIE_SECURE": https,
        "SECURE_SSL_REDIRECT": https,
        "SECURE_HSTS_SECONDS": int(env.get("HSTS_SECONDS", 0)) if https else 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": bool(env.get("HSTS_INCLUDE_SUBDOMAINS")),
        "SECURE_HSTS_PRELOAD": bool(env.get("HSTS_PRELOAD")),
        "SILENCED_SYSTEM_CHECKS": [],
    }
    if https:
        # The proxy in front terminates TLS; only it can say the request came in over HTTPS.
        values["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
        values["CSRF_TRUSTED_ORIGINS"] = [_origin(env["BASE_URL"])] if env.get("BASE_URL", "").startswith("https://") else []
    silenced = values["SILENCED_SYSTEM_CHECKS"]
    if https and values["SECURE_HSTS_SECONDS"]:
        # Both bind hosts outside dateline (every subdomain; the browsers' list), so they are
        # the operator's choice, off by default and documented in docs/security.md.
        if not values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]:
            silenced.append("security.W005")
        if not values["SECURE_HSTS_PRELOAD"]:
            silenced.append("security.W021")
    if not https:
        # Without HTTPS none of these can be on; dateline.W101 says so once, in words
        # (and stays quiet for a site on a loopback address, which is a trial run).
        silenced += ["security.W004", "security.W008", "security.W012", "security.W016"]
    return values


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
