"""Staff login protection: lockout after repeated failures (django-axes), an audit line, the admin's path.

Failed logins are counted per account and, separately, per client address
(``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``): after
DATELINE_LOGIN_FAILURE_LIMIT failures either one is locked out for
DATELINE_LOGIN_LOCKOUT_MINUTES, and the login page answers 429 with a
sentence that says so and when to try again. Every attempt is kept in axes'
tables (the audit trail, visible in the database: AccessAttempt, AccessLog,
AccessFailureLog), and each failure and lockout writes one log line that
names no one: the account and address appear only as daily keyed hashes
(:func:`dateline.operations.logging.client_hash`).
"""

from __future__ import annotations

import datetime
import logging

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

from dateline import conf
from dateline.operations.logging import client_hash

audit_logger = logging.getLogger("dateline.security.audit")


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before every login that comes with a request.

    A login without a request (a management command, a test client's
    ``login()``) has no client to throttle, so it is left to the next backend
    instead of being refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def failure_limit(request, credentials) -> int:
    return max(1, int(conf.get("LOGIN_FAILURE_LIMIT")))


def lockout_time(request=None) -> datetime.timedelta:
    return datetime.timedelta(minutes=max(1, int(conf.get("LOGIN_LOCKOUT_MINUTES"))))


def client_ip(request) -> str:
    """The client address, the same way the beacon finds it (X-Forwarded-For only behind a proxy)."""
    from dateline.analytics.beacon import client_address

    return client_address(request.META)


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(conf.get("LOGIN_LOCKOUT_MINUTES")))
    response = render(
        request,
        "security/locked_out.html",
        {"minutes": minutes, "failure_limit": failure_limit(request, credentials)},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


def _who(request, username: str | None) -> dict:
    return {
        "account": client_hash(f"account:{(username or '').strip().lower()}") if username else "",
        "client": client_hash(client_ip(request)) if request is not None else "",
    }


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    audit_logger.info("staff login failed", extra={"event": "login_failed", **_who(request, username)})


@receiver(user_locked_out)
def audit_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_logger.warning(
        "staff login locked out after repeated failures",
        extra={"event": "login_locked_out", "minutes": int(conf.get("LOGIN_LOCKOUT_MINUTES")), **_who(request, username)},
    )
