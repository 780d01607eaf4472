"""Bad input to the search page and the API's filters: property tests (hypothesis).

Whatever a client puts in a search query or an API filter, the answer is never
a 500; the API refuses a bad filter value with a 400 whose message names the
parameter, and the search page leaves a bad filter out and says so (it is a
page for people: the results for the words are still worth showing). A query
echoed back on the page is always escaped. bench/fuzz.py runs the same code
under atheris for longer (targets ``search-form``, ``search-query``, ``api-filters``).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.project.settings.base import TASK_QUEUES
from tests import factories as f
from tests.security.xss_corpus import PAYLOADS, executable_injections

pytestmark = pytest.mark.django_db

SEARCH_BOX = re.compile(r'<input type="search" name="q" id="[^"]*" value="([^"]*)"')
FUNCTION_SCOPED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text a client could send: anything, the XSS corpus, search syntax, numbers and dates near the edges.
hostile_text = st.one_of(
    st.text(max_size=120),
    st.sampled_from(PAYLOADS),
    st.sampled_from(["'", '"', "\\", "%", "_", "*", "(", ")", "NEAR", "AND", "OR", "NOT", "^", "-x", '"a b"', "\x00", "\u202e"]),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", "1e9", "NaN", "Infinity", "0x10", " 1", "1 "]),
)


@pytest.fixture
def newsroom(settings):
    settings.DATELINE_SEARCH_RATE_LIMIT = 0
    settings.DATELINE_API_RATE_LIMIT = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}  # index on publish
    return f.make_article("Harbour bridge reopens", tags=["harbour"])


# -- the search page --------------------------------------------------------------------------------


@FUNCTION_SCOPED
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "section", "date_from", "date_to", "page", "x"]), hostile_text, max_size=5
    )
)
@example(params={"q": "<script>alert(1)</script>", "date_from": "<svg onload=alert(1)>"})
@example(params={"q": "harbour " + PAYLOADS[1]})
@example(params={"q": PAYLOADS[14], "section": PAYLOADS[2]})
@example(params={"q": "harbour", "page": "99999999999999999999999"})
def test_the_search_page_never_fails_and_always_escapes(client, newsroom, params):
    """Any query and filters get a 200 page; a bad filter is named; the query is echoed escaped."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    # The query comes back in the search box, the title and the headings, as text only.
    box = SEARCH_BOX.search(html)
    assert box, "the search box is missing"
    assert not set(box.group(1)) & set("<>\"'"), box.group(1)
    assert executable_injections(html) == []
    for name in ("date_from", "date_to"):
        value = params.get(name, "").strip()
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            assert "The filter was left out" in html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_the_search_page_takes_any_bytes_in_its_query_string(client, newsroom, raw):
    """Percent-encoded bytes that are not UTF-8, in any parameter, still get a page."""
    response = client.get("/search/?q=" + quote_from_bytes(raw) + "&section=" + quote_from_bytes(raw[:20]))
    assert response.status_code == 200


# -- the API's filters ---------------------------------------------------------------------------------

API_PARAMETERS = {
    "/api/articles": ["section", "tag", "author", "since", "page", "page_size"],
    "/api/articles/most-read": ["days", "limit"],
    "/api/authors": ["page", "page_size"],
}


def _answer(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


@FUNCTION_SCOPED
@given(
    path=st.sampled_from(sorted(API_PARAMETERS)),
    values=st.dictionaries(st.sampled_from(["section", "tag", "author", "since", "page", "page_size", "days", "limit"]), hostile_text, max_size=4),
)
@example(path="/api/articles", values={"since": "2026-11-25T08:00:00+99:00"})
@example(path="/api/articles", values={"page": "10001"})
@example(path="/api/articles/most-read", values={"days": "1e3"})
def test_api_filters_answer_200_400_or_404_never_500(client, newsroom, path, values):
    """Any filter values get a JSON answer: results, a 400 naming a parameter, or a 404 for an unknown thing."""
    response = client.get(path, values)
    assert response.status_code in {200, 400, 404}, (response.status_code, response.content[:300])
    data = _answer(response)
    if response.status_code == 400:
        sent = [name for name in values if name in API_PARAMETERS[path]]
        assert sent and any(name in data["detail"] for name in sent), data
    elif response.status_code == 404:
        assert data["detail"]


def _bad_integer():
    return st.one_of(st.integers(max_value=0).map(str), st.text(max_size=12).filter(lambda s: not s.strip().lstrip("+").isdigit()))


@FUNCTION_SCOPED
@given(
    case=st.one_of(
        st.tuples(st.just("/api/articles"), st.just("page"), _bad_integer()),
        st.tuples(st.just("/api/articles"), st.just("page_size"), _bad_integer()),
        st.tuples(st.just("/api/articles"), st.sampled_from(["section", "tag", "author"]), st.text(min_size=1, max_size=40).filter(lambda s: not re.fullmatch(r"[-\w]+", s))),
        st.tuples(st.just("/api/articles"), st.just("since"), st.one_of(st.integers().map(str), st.dates().map(str), st.text(max_size=30))),
        st.tuples(st.just("/api/articles/most-read"), st.sampled_from(["days", "limit"]), st.one_of(_bad_integer(), st.integers(min_value=366).map(str))),
    )
)
def test_each_bad_filter_value_is_a_400_that_names_it(client, newsroom, case):
    """A value that cannot be right for its parameter is refused with a 400 whose message names the parameter."""
    path, name, value = case
    if name == "since" and re.match(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}", value):
        return  # possibly a valid time; the strict cases are below and in tests/api
    response = client.get(path + "?" + urlencode({name: value}))
    assert response.status_code == 400, (name, value, response.content[:200])
    assert name in _answer(response)["detail"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=120), name=st.sampled_from(["section", "tag", "since", "page"]))
def test_api_filters_take_any_bytes(client, newsroom, raw, name):
    """Bytes that are not UTF-8 (or hold NULs) in a filter get a 200, 400 or 404, never a 500."""
    response = client.get(f"/api/articles?{name}=" + quote_from_bytes(raw))
    assert response.status_code in {200, 400, 404}
