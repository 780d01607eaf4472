"""Signal wiring: sitemaps go stale when a page they list is published, unpublished, moved or deleted.

The index and news sitemap cached here (``sitemaps_clear``) are rebuilt at once, and a child
sitemap's ETag changes with them; the copies a front-end cache holds (nginx, a CDN) are purged
through the same signal as reader pages, naming the sitemaps that list the page or take a
lastmod from it (:func:`dateline.core.purge.purge_on_page_changes`).
"""

from dateline.core.purge import purge_on_page_changes


def connect():
    from dateline.articles.models import ArticlePage, HomePage, SectionPage
    from dateline.authors.models import AuthorPage
    from dateline.sitemaps.services import sitemaps_clear
    from dateline.sitemaps.sitemaps import sitemap_paths_for_page

    purge_on_page_changes(
        name="sitemaps", clear=sitemaps_clear, paths_for=sitemap_paths_for_page, models=(ArticlePage, SectionPage, AuthorPage, HomePage)
    )
