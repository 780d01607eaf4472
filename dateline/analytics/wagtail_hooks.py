from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.analytics.views import readership_report_view


@hooks.register("register_admin_urls")
def register_readership_url():
    return [path("readership/", readership_report_view, name="dateline_readership")]


@hooks.register("register_admin_menu_item")
def register_readership_menu_item():
    return MenuItem("Readership", reverse("dateline_readership"), icon_name="view", order=250)
