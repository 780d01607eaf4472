from django.urls import path

from dateline.feeds.views import feed_view

app_name = "feeds"

_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}

urlpatterns = []
for _fmt, _file in _FILES.items():
    urlpatterns += [
        path(_file, feed_view, {"fmt": _fmt}, name=f"site-{_fmt}"),
        path(f"<str:kind>/<slug:slug>/{_file}", feed_view, {"fmt": _fmt}, name=f"scoped-{_fmt}"),
    ]
