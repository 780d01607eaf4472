from django.core.wsgi import get_wsgi_application

from dateline.project import configure

configure()
from dateline.analytics.beacon import BeaconMiddleware  # noqa: E402  (needs settings)

application = BeaconMiddleware(get_wsgi_application())
