from django.core.wsgi import get_wsgi_application

from dateline.project import configure

configure()
from dateline.analytics.beacon import BeaconMiddleware  # noqa: E402  (needs settings)
from dateline.operations.logging import RequestLogMiddleware  # noqa: E402

# WSGI layers, outermost first; each wraps the ones below it.
LAYERS = [
    RequestLogMiddleware,  # request ids and the JSON request log see everything (issue 10)
    BeaconMiddleware,  # view beacons answered before Django
]

application = get_wsgi_application()
for layer in reversed(LAYERS):
    application = layer(application)
