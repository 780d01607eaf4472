from django.core.wsgi import get_wsgi_application

from dateline.project import configure

configure()
from dateline import conf  # noqa: E402
from dateline.analytics.beacon import BeaconMiddleware  # noqa: E402  (needs settings)
from dateline.operations import memory  # noqa: E402
from dateline.operations.logging import RequestLogMiddleware  # noqa: E402
from dateline.pagecache.wsgi import PageCacheMiddleware  # noqa: E402

# WSGI layers, outermost first; each wraps the ones below it.
LAYERS = [
    RequestLogMiddleware,  # request ids and the JSON request log see everything (issue 10)
    PageCacheMiddleware,  # repeat reader requests answered from memory; HTML compressed (issue 8)
    BeaconMiddleware,  # view beacons answered before Django
]

application = get_wsgi_application()
for layer in reversed(LAYERS):
    application = layer(application)

if conf.get("ENV") == "production":
    # Everything loaded so far lives as long as the worker: off the collector's full passes,
    # which took 200 to 240 ms under load with it (dateline/operations/memory.py).
    memory.heap_freeze()
