"""Schemathesis against /api/schema: generated requests never get a server error, and responses match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from dateline.api.api import api
from tests import factories as f

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def newsroom(db, django_settings_override):
    article = f.make_article("Harbour bridge reopens", tags=["Harbour"], lead_image=f.make_image())
    f.make_article("Council budget passes", section=article.section)
    return article


@pytest.fixture
def keep_connections():
    """Requests go through the real WSGI handler, which closes database connections when a request
    ends; Django's test client switches that off so the test's transaction survives, and so does this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def django_settings_override(settings, keep_connections):
    settings.DATELINE_API_RATE_LIMIT = 0  # thousands of generated requests from one address
    settings.DATELINE_BASE_URL = "https://news.example.org"


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_errors(case, newsroom):
    case.call_and_validate()
