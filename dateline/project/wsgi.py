from django.core.wsgi import get_wsgi_application

from dateline.project import configure

configure()
from dateline.analytics.beacon import BeaconMiddleware  # noqa: E402  (needs settings)
from dateline.pagecache.wsgi import PageCacheMiddleware  # noqa: E402

# WSGI layers around Django, innermost first: each wraps everything listed before it.
LAYERS = [
    BeaconMiddleware,  # answers view beacons before Django
    PageCacheMiddleware,  # answers repeat reader requests from memory; compresses HTML
]

application = get_wsgi_application()
for layer in LAYERS:
    application = layer(application)
