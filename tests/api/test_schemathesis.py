"""Schemathesis against /api/schema: generated requests never get a server error, and responses match the schema.

The checks are named rather than left to schemathesis's defaults, so that a
change of defaults cannot quietly drop the conformance ones: the status code,
content type, headers and body of every answer must be what the schema declares.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dateline.api.api import api
from tests import factories as f

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,  # invalid input generated from the schema gets a 4xx
    positive_data_acceptance,  # valid input gets a 2xx (or a declared 404 for an unknown thing)
]


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
    case.call_and_validate(checks=CHECKS)


def test_the_checks_catch_an_answer_that_breaks_the_schema(newsroom):
    """Against a schema that says a section's title is a number, the section endpoint's real answer fails:
    the checks above do compare bodies with the schema, they do not only look for 500s."""
    import copy

    from schemathesis.core.failures import FailureGroup

    document = copy.deepcopy(api.get_openapi_schema())
    document["components"]["schemas"]["Section"]["properties"]["title"] = {"type": "integer"}
    broken = schemathesis.openapi.from_dict(document)
    broken.app = schema.app
    case = broken["/api/sections/{slug}"]["GET"].Case(path_parameters={"slug": newsroom.section.slug})
    with pytest.raises(FailureGroup, match="schema"):
        case.call_and_validate(checks=[response_schema_conformance])
    case.call_and_validate(checks=[not_a_server_error])  # the answer itself is fine
