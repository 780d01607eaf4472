"""Two-factor sign-in for staff: django-otp's TOTP devices and static backup codes, in Wagtail's admin.

A staff member turns it on from the admin (Account, then "Two-factor
sign-in"): the enrolment page shows a QR code and the secret it holds, and
asks for a code from the authenticator app before the device counts. The
secret is never shown again after that; ten backup codes are shown once in
its place, each good for one sign-in.

From then on the password alone is not enough: :class:`TwoFactorMiddleware`
sends a signed-in but unverified session to the code page before any other
admin page, whatever login view it came through. Wrong codes count as failed
logins for django-axes (per account and per address), so the lockout that
guards passwords guards codes too, and a lockout at the code page signs the
session out.

DATELINE_TWO_FACTOR_REQUIRED makes it compulsory: ``superusers`` or ``staff``
(everyone who reaches the admin); such a user without a device is sent to the
enrolment page and cannot turn it off.

The middleware only looks at requests under DATELINE_ADMIN_PATH, so reader
pages keep their query counts and stay cacheable.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline import conf
from dateline.security.profile import admin_prefix

REQUIREMENT_CHOICES = ("none", "superusers", "staff")
BACKUP_CODE_COUNT = 10
ENROLMENT_SESSION_KEY = "dateline_2fa_enrolment"
DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
# Paths under the admin an unverified session may still open: signing in and out, the code
# and enrolment pages, and the password reset pages (which sign no one in).
OPEN_ADMIN_PATHS = ("login/", "logout/", "password_reset/", "2fa/verify/", "2fa/enrol/", "jsi18n/", "sprite/")


def requirement() -> str:
    value = str(conf.get("TWO_FACTOR_REQUIRED")).strip().lower()
    if value not in REQUIREMENT_CHOICES:
        raise ValueError(f"DATELINE_TWO_FACTOR_REQUIRED must be one of {', '.join(REQUIREMENT_CHOICES)}, not {value!r}")
    return value


def two_factor_required(*, user) -> bool:
    """Whether DATELINE_TWO_FACTOR_REQUIRED obliges this (signed-in) user to use a second factor."""
    choice = requirement()
    if choice == "staff":
        return True
    return choice == "superusers" and bool(user.is_superuser)


def two_factor_enabled(*, user) -> bool:
    """Whether the user has a confirmed authenticator app (backup codes alone do not count)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _secret(device: TOTPDevice) -> str:
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def totp_enrolment_start(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator device for the user; earlier unconfirmed ones are dropped."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_enrolment_details(device: TOTPDevice) -> dict:
    """What the enrolment page shows: the otpauth:// URL as an inline SVG QR code, and the secret."""
    import segno

    url = device.config_url
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return {"qr_svg": svg, "secret": _secret(device), "config_url": url}


def totp_enrolment_confirm(*, user, device_id: int, code: str) -> list[str] | None:
    """Confirm the device with a code from the app; on success, the new backup codes (shown once).

    Any earlier authenticator device is replaced, so a user has one at a time.
    """
    code = normalise_code(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, pk=device_id, confirmed=False).first()
        if device is None or not code.isdigit() or not device.verify_token(code):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return backup_codes_create(user=user)


def backup_codes_create(*, user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODE_COUNT new ones and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise_code(code: str) -> str:
    """Codes as people type them: spaces and dashes dropped, letters lower-cased."""
    return "".join(ch for ch in str(code or "") if ch not in " -\t").lower()[:32]


def two_factor_verify(*, user, code: str):
    """The confirmed device that accepts the code (an app code or an unused backup code), else None.

    A backup code is spent by using it. Each device's own throttle (django-otp's) applies as well
    as the account lockout the caller applies.
    """
    code = normalise_code(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            # An app code is digits, a backup code is letters and digits: try only the kind that can match.
            if isinstance(device, TOTPDevice) != code.isdigit():
                continue
            if device.verify_token(code):
                return device
    return None


def two_factor_disable(*, user) -> None:
    """Remove every device the user has: the password alone signs them in again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def session_verify(request, device) -> None:
    """Mark the session as having passed the second factor with this device."""
    otp_login(request, device)


def code_failure_record(request, *, user) -> None:
    """A wrong code is a failed login for django-axes (and the audit log): same account, same address."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def code_attempts_allowed(request, *, user) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


def safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, applied under the admin only, that holds back unverified sessions.

    Goes after ``AuthenticationMiddleware``. A signed-in user who has a device but
    has not entered a code this session is sent to the code page; one who must
    use two factors (DATELINE_TWO_FACTOR_REQUIRED) and has no device is sent to enrol.
    """

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self._is_async = False

    def __call__(self, request):
        prefix = admin_prefix()
        if not request.path_info.startswith(prefix):
            return self.get_response(request)
        self._install_lazy_accessors(request)
        held = self.hold_back(request, request.path_info[len(prefix) :])
        return held if held is not None else self.get_response(request)

    def hold_back(self, request, subpath: str):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if subpath.startswith(OPEN_ADMIN_PATHS):
            return None
        if two_factor_enabled(user=user):
            target = reverse("dateline_2fa_verify")
        elif two_factor_required(user=user):
            target = reverse("dateline_2fa_enrol")
        else:
            return None
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

