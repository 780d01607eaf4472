"""Admin views for two-factor sign-in: the code page, enrolment, backup codes, turning it off.

Each parses a one-field form, calls one function of :mod:`dateline.security.twofactor`, and renders.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from dateline.security import twofactor
from dateline.security.login import lockout_response


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=64,
        help_text="The six digits your authenticator app shows, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


def _staff_view(*methods: str, code: bool = False):
    """Never cached, for signed-in users only, only these methods; a posted code stays out of error reports."""

    def decorate(view):
        view = login_required(view, login_url="wagtailadmin_login")
        view = require_http_methods(list(methods))(view)
        if code:
            view = sensitive_post_parameters("code")(view)
        return never_cache(view)

    return decorate


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@_staff_view("GET", "POST", code=True)
def verify(request):
    """The second step of signing in: a code from the app or a backup code."""
    user = request.user
    next_url = twofactor.safe_next(request, reverse("wagtailadmin_home"))
    if user.is_verified():
        return redirect(next_url)
    if not twofactor.two_factor_enabled(user=user):
        return redirect(reverse("dateline_2fa_enrol") if twofactor.two_factor_required(user=user) else next_url)
    if not twofactor.code_attempts_allowed(request, user=user):
        logout(request)
        return lockout_response(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            twofactor.session_verify(request, device)
            return redirect(next_url)
        twofactor.code_failure_record(request, user=user)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # axes' middleware answers with the lockout page
        form.add_error("code", "That code is not right, or has been used. Try the code your app shows now.")
    return _no_store(TemplateResponse(request, "security/twofactor_verify.html", {"form": form, "next": next_url}))


@_staff_view("GET", "POST", code=True)
def enrol(request):
    """Set up an authenticator app: QR code and secret, then one code to confirm; backup codes shown once."""
    user = request.user
    if twofactor.two_factor_enabled(user=user) and not user.is_verified():
        return redirect("dateline_2fa_verify")
    device = None
    if request.method == "POST":
        form = CodeForm(request.POST)
        device_id = request.session.get(twofactor.ENROLMENT_SESSION_KEY)
        if form.is_valid() and device_id:
            codes = twofactor.totp_enrolment_confirm(user=user, device_id=device_id, code=form.cleaned_data["code"])
            if codes is not None:
                del request.session[twofactor.ENROLMENT_SESSION_KEY]
                twofactor.session_verify(request, twofactor.TOTPDevice.objects.get(pk=device_id))
                return _no_store(TemplateResponse(request, "security/twofactor_backup_codes.html", {"codes": codes, "enrolled": True}))
            form.add_error("code", "That code does not match. Check the phone's clock and enter the code the app shows now.")
        device = twofactor.TOTPDevice.objects.filter(user=user, pk=device_id or 0, confirmed=False).first()
    else:
        form = CodeForm()
    if device is None:
        device = twofactor.totp_enrolment_start(user=user)
        request.session[twofactor.ENROLMENT_SESSION_KEY] = device.pk
    context = {
        "form": form,
        "required": twofactor.two_factor_required(user=user),
        "replacing": twofactor.two_factor_enabled(user=user),
        **twofactor.totp_enrolment_details(device),
    }
    return _no_store(TemplateResponse(request, "security/twofactor_enrol.html", context))


@_staff_view("GET")
def manage(request):
    """Where a staff member sees whether two-factor sign-in is on and changes it."""
    user = request.user
    context = {
        "enabled": twofactor.two_factor_enabled(user=user),
        "required": twofactor.two_factor_required(user=user),
        "backup_codes_left": twofactor.backup_codes_left(user=user),
        "form": CodeForm(),
    }
    return _no_store(TemplateResponse(request, "security/twofactor_manage.html", context))


@_staff_view("POST")
def backup_codes(request):
    """Replace the backup codes (the session has passed two factors: the middleware sees to that)."""
    if not twofactor.two_factor_enabled(user=request.user):
        return redirect("dateline_2fa_manage")
    codes = twofactor.backup_codes_create(user=request.user)
    return _no_store(TemplateResponse(request, "security/twofactor_backup_codes.html", {"codes": codes, "enrolled": False}))


@_staff_view("POST", code=True)
def disable(request):
    """Turn two-factor sign-in off, with a current code; refused where it is required."""
    user = request.user
    if twofactor.two_factor_required(user=user):
        messages.error(request, "Two-factor sign-in is required for your account and cannot be turned off.")
        return redirect("dateline_2fa_manage")
    form = CodeForm(request.POST)
    if form.is_valid() and twofactor.two_factor_verify(user=user, code=form.cleaned_data["code"]) is not None:
        twofactor.two_factor_disable(user=user)
        messages.success(request, "Two-factor sign-in is off. Your password alone now signs you in.")
    else:
        messages.error(request, "That code is not right; two-factor sign-in is still on.")
    return redirect("dateline_2fa_manage")
