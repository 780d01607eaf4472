"""The page cache: reader pages kept whole, served again without Django, purged when they change.

The embedded cache (:mod:`dateline.pagecache.wsgi`) needs no extra server: each
server process keeps pages in memory and every process sees a purge through
the purge journal in the data folder (:mod:`dateline.pagecache.journal`). A
front-end cache such as the shipped nginx configuration is purged through
Wagtail's front-end cache interface (:mod:`dateline.pagecache.frontend`).
Both are driven by one signal, :data:`dateline.core.purge.reader_pages_changed`.
"""
