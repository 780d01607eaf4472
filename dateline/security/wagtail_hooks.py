"""The two-factor pages in Wagtail's admin (``register_admin_urls``) and a link on the account page."""

from django.urls import path, reverse
from wagtail import hooks

from dateline.security import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/", views.manage, name="dateline_2fa_manage"),
        path("2fa/verify/", views.verify, name="dateline_2fa_verify"),
        path("2fa/enrol/", views.enrol, name="dateline_2fa_enrol"),
        path("2fa/backup-codes/", views.backup_codes, name="dateline_2fa_backup_codes"),
        path("2fa/disable/", views.disable, name="dateline_2fa_disable"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("dateline_2fa_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from an authenticator app as well as your password when you sign in.",
    }
