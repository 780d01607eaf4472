from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline import conf
from dateline.analytics import views as analytics_views
from dateline.api.api import api as dateline_api
from dateline.articles import views as article_views
from dateline.authors import views as author_views
from dateline.core import views as core_views
from dateline.security.profile import admin_prefix

handler404 = "dateline.core.views.page_not_found"
handler500 = "dateline.core.views.server_error"

urlpatterns = [
    path(admin_prefix().lstrip("/"), include(wagtailadmin_urls)),  # DATELINE_ADMIN_PATH
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>.*)$", core_views.media),
    path(conf.get("BEACON_PATH").lstrip("/"), analytics_views.beacon_view, name="beacon"),
    # comments endpoints (issue 6), all under /comments/
    path("comments/", include("dateline.comments.urls")),

    # feeds, sitemaps, robots, search, API (issue 7)
    path("feeds/", include("dateline.feeds.urls")),
    path("", include("dateline.sitemaps.urls")),
    path("search/", include("dateline.search.urls")),
    path("api/", dateline_api.urls),

    # Lean reader routes: one indexed lookup instead of a walk down the page tree.
    path("", article_views.home, name="home"),
    path("tags/<slug:slug>/", article_views.tag_detail, name="tag"),
    path("authors/", author_views.author_index, name="author_index"),
    path("authors/<slug:slug>/", author_views.author_detail, name="author"),
    path(
        "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        article_views.article_detail,
        name="article",
    ),
    path("<slug:section>/", article_views.section_detail, name="section"),
    # Everything else an editor builds in the page tree.
    path("", include(wagtail_urls)),
]
