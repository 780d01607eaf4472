"""Two-factor sign-in for staff: enrolment, the code step after the password, backup codes, the requirement."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.security import twofactor

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-42"
ADDRESS = "198.51.100.30"


@pytest.fixture(autouse=True)
def _no_device_throttle(settings):
    """django-otp's own per-device delay after a wrong code would make the next right one wait a second."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def staff_user(*, superuser: bool = False):
    """A newsroom reporter (who may use the admin), or a superuser."""
    user = get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True, is_superuser=superuser)
    user.groups.add(Group.objects.get(name="Reporter"))
    return user


@pytest.fixture
def editor():
    return staff_user()


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or one step later, for a second sign-in within 30 seconds)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = twofactor.totp_enrolment_start(user=user)
    codes = twofactor.totp_enrolment_confirm(user=user, device_id=device.pk, code=code_for(device))
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def sign_in(client, password=PASSWORD, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def enter_code(client, code, next_url="/admin/"):
    return client.post("/admin/2fa/verify/", {"code": code, "next": next_url}, REMOTE_ADDR=ADDRESS)


def test_enrolment_shows_the_secret_once_and_confirms_with_a_code(client, editor):
    """The enrolment page shows a QR code and the secret; a right code turns it on and shows ten backup codes once."""
    client.force_login(editor)
    page = client.get("/admin/2fa/enrol/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "data-secret" in text
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", text).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]

    wrong = client.post("/admin/2fa/enrol/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "does not match" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    done = client.post("/admin/2fa/enrol/", {"code": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == twofactor.BACKUP_CODE_COUNT
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert twofactor.backup_codes_left(user=editor) == twofactor.BACKUP_CODE_COUNT
    # The session that enrolled counts as verified; the secret is never shown again.
    manage = client.get("/admin/2fa/")
    assert manage.status_code == 200
    assert secret not in manage.content.decode() and "data-secret" not in manage.content.decode()
    assert client.get("/admin/").status_code == 200


def test_without_a_device_the_password_alone_signs_in(client, editor):
    """Two-factor sign-in is optional by default: no device, no code step."""
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_after_enrolment_the_admin_asks_for_the_code(client, editor):
    """With a device, the right password leads to the code page, and no admin page opens until the code is given."""
    device, _ = enrolled(editor)
    assert sign_in(client).status_code == 302
    for path in ("/admin/", "/admin/pages/", "/admin/2fa/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/2fa/verify/?next=")
    assert client.post("/admin/2fa/disable/", {"code": code_for(device, 1)}).status_code == 302
    assert TOTPDevice.objects.filter(user=editor).exists()  # an unverified session cannot turn it off
    page = client.get("/admin/2fa/verify/?next=/admin/pages/")
    assert page.status_code == 200 and "sign-in code" in page.content.decode()

    response = enter_code(client, code_for(device, 1), next_url="/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counted_towards_the_lockout(client, editor, settings):
    """Wrong codes keep the admin shut, count as failed logins for django-axes, and the limit signs the session out."""
    settings.DATELINE_LOGIN_FAILURE_LIMIT = 3
    device, _ = enrolled(editor)
    right = code_for(device, 1)
    wrong = next(c for c in ("123456", "654321", "000000") if c != right)
    sign_in(client)
    first = enter_code(client, wrong)
    assert first.status_code == 200 and "not right" in first.content.decode()
    assert client.get("/admin/").status_code == 302
    enter_code(client, wrong)
    locked = enter_code(client, wrong)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Locked: neither the right code nor the right password gets in now.
    assert sign_in(client).status_code == 429
    assert enter_code(client, right).status_code in {302, 429}
    assert "_auth_user_id" not in client.session


def test_an_external_redirect_after_the_code_is_refused(client, editor):
    """The code page only sends people on to this site."""
    device, _ = enrolled(editor)
    sign_in(client)
    response = enter_code(client, code_for(device, 1), next_url="https://evil.example/")
    assert response["Location"] == "/admin/"


def test_a_backup_code_signs_in_once(client, editor):
    """A backup code stands in for the app code, and is spent by using it."""
    _, codes = enrolled(editor)
    sign_in(client)
    assert enter_code(client, codes[0].upper()).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.logout()
    sign_in(client)
    again = enter_code(client, codes[0])
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302
    assert enter_code(client, codes[1]).status_code == 302


def test_new_backup_codes_replace_the_old_ones(client, editor):
    """Making new backup codes cancels the earlier ones."""
    _, old = enrolled(editor)
    client.force_login(editor)
    sign_in(client)
    enter_code(client, old[0])
    response = client.post("/admin/2fa/backup-codes/")
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == twofactor.BACKUP_CODE_COUNT
    assert not StaticToken.objects.filter(token__in=old[1:]).exists()


def test_turning_it_off_needs_a_code(client, editor):
    """A verified session turns two-factor off with a current code; a wrong code changes nothing."""
    device, codes = enrolled(editor)
    sign_in(client)
    enter_code(client, codes[0])
    client.post("/admin/2fa/disable/", {"code": "zzzzzzzz"})
    assert twofactor.two_factor_enabled(user=editor)
    client.post("/admin/2fa/disable/", {"code": codes[1]})
    assert not twofactor.two_factor_enabled(user=editor)
    assert twofactor.backup_codes_left(user=editor) == 0


@pytest.mark.parametrize(
    ("requirement", "superuser", "held"),
    [("none", True, False), ("superusers", False, False), ("superusers", True, True), ("staff", False, True)],
)
def test_the_requirement_sends_users_without_a_device_to_enrol(client, settings, requirement, superuser, held):
    """DATELINE_TWO_FACTOR_REQUIRED: the users it covers cannot use the admin until they enrol."""
    settings.DATELINE_TWO_FACTOR_REQUIRED = requirement
    user = staff_user(superuser=superuser)
    sign_in(client)
    response = client.get("/admin/")
    if not held:
        assert response.status_code == 200
        return
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/enrol/")
    page = client.get("/admin/2fa/enrol/")
    assert "must use two-factor" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/admin/2fa/enrol/", {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200
    # Required: it cannot be turned off.
    client.post("/admin/2fa/disable/", {"code": code_for(device, 1)})
    assert twofactor.two_factor_enabled(user=user)


def test_the_requirement_setting_is_checked(settings):
    """A misspelt requirement is an error, not a silent 'none'."""
    settings.DATELINE_TWO_FACTOR_REQUIRED = "everyone"
    with pytest.raises(ValueError, match="TWO_FACTOR_REQUIRED"):
        twofactor.requirement()


def test_an_enrolled_but_unverified_session_cannot_enrol_a_new_device(client, editor):
    """A stolen password cannot replace the victim's authenticator through the enrolment page."""
    enrolled(editor)
    sign_in(client)
    response = client.get("/admin/2fa/enrol/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_reader_pages_are_not_touched(client, editor):
    """The middleware only looks at the admin: a reader page under an unverified session is served as before."""
    enrolled(editor)
    sign_in(client)
    assert client.get("/robots.txt").status_code == 200


def test_the_account_page_links_to_two_factor(client, editor):
    """Wagtail's account page lists the two-factor page among its actions."""
    client.force_login(editor)
    assert "/admin/2fa/" in client.get("/admin/account/").content.decode()
