"""The production static files storage: whitenoise's hashed, compressed files, URLs worked out once.

``{% static %}`` asks the storage for a file's URL on every page, and the
manifest storage looks the hashed name up, splits and quotes it each time
(about 70 µs a call, twice on every article page). The manifest cannot change
while the server runs (``dateline serve`` collects the files before it starts
the workers), so each name's URL is kept after its first use.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
