from django.core.wsgi import get_wsgi_application

from dateline.project import configure

configure()
application = get_wsgi_application()
