"""Signal wiring: feeds go stale when anything they show is published, unpublished, moved or deleted.

The feeds cached here (``feeds_clear``) are rebuilt at once; the copies a front-end cache holds
(nginx, a CDN) are purged through the same signal as reader pages, naming the feeds that show
the page (:func:`dateline.core.purge.purge_on_page_changes`).
"""

from dateline.core.purge import purge_on_page_changes


def connect():
    from dateline.articles.models import ArticlePage, SectionPage
    from dateline.authors.models import AuthorPage
    from dateline.feeds.selectors import feed_paths_for_page
    from dateline.feeds.services import feeds_clear

    purge_on_page_changes(name="feeds", clear=feeds_clear, paths_for=feed_paths_for_page, models=(ArticlePage, SectionPage, AuthorPage))
