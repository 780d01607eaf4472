"""The request log: one JSON line per request, with a request id, and nothing secret or personal."""

from __future__ import annotations

import io
import json
import logging

import pytest

from dateline.operations.logging import (
    JsonFormatter,
    RequestIdFilter,
    RequestLogMiddleware,
    query_names,
    redact_path,
)


def call(app, path="/", *, query="", headers=None, client="203.0.113.9"):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REMOTE_ADDR": client,
        "wsgi.input": io.BytesIO(b""),
        **(headers or {}),
    }
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(response_headers)

    body = app(environ, start_response)
    content = b"".join(body)
    body.close()
    return seen, content, environ


def hello(environ, start_response):
    logging.getLogger("dateline.test").warning("inside the request")
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello ", b"world"]


@pytest.fixture
def lines(settings):
    """The JSON lines written while the test runs, as dicts."""
    settings.DATELINE_REQUEST_LOG = "on"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("dateline.request"), logging.getLogger("dateline.test")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_one_json_line_per_request_with_an_id(lines):
    """A request gets an id in the response header, and one line that carries it, with status, size and time."""
    seen, content, environ = call(RequestLogMiddleware(hello), "/world/")
    request_id = seen["headers"]["X-Request-ID"]
    assert len(request_id) == 32 and environ["HTTP_X_REQUEST_ID"] == request_id
    entries = lines()
    request_lines = [e for e in entries if e["logger"] == "dateline.request"]
    assert len(request_lines) == 1
    entry = request_lines[0]
    assert entry["request_id"] == request_id and entry["status"] == 200 and entry["bytes"] == len(content)
    assert entry["method"] == "GET" and entry["path"] == "/world/" and entry["duration_ms"] >= 0
    # A record made inside the request carries the same id.
    assert [e["request_id"] for e in entries if e["logger"] == "dateline.test"] == [request_id]


def test_a_clean_offered_request_id_is_kept_and_a_dirty_one_replaced(lines):
    """A proxy's X-Request-ID is passed through; one with odd characters is replaced."""
    seen, _, _ = call(RequestLogMiddleware(hello), headers={"HTTP_X_REQUEST_ID": "edge-7f3a9b21c4"})
    assert seen["headers"]["X-Request-ID"] == "edge-7f3a9b21c4"
    seen, _, _ = call(RequestLogMiddleware(hello), headers={"HTTP_X_REQUEST_ID": '"><script>'})
    assert seen["headers"]["X-Request-ID"] != '"><script>'


def test_no_secrets_or_personal_data_reach_the_line(lines):
    """Cookies, query values, addresses, e-mails and tokens in paths stay out of the log."""
    secret_things = ["sessionid=abc123", "hunter2", "reader@example.org", "203.0.113.9", "Ab3dEf9hIj2kLm5nOp8q", "MQ:1tX9"]
    call(
        RequestLogMiddleware(hello),
        "/admin/password_reset/confirm/MQ/c2x5kd-8f1e2b3c4d/",
        query="q=hunter2&email=reader@example.org",
        headers={"HTTP_COOKIE": "sessionid=abc123", "HTTP_AUTHORIZATION": "Bearer hunter2"},
    )
    call(RequestLogMiddleware(hello), "/comments/token/Ab3dEf9hIj2kLm5nOp8q/")
    call(RequestLogMiddleware(hello), "/comments/confirm/MQ:1tX9ab:Zz3/")
    call(RequestLogMiddleware(hello), "/authors/reader@example.org/")
    text = json.dumps(lines())
    for thing in secret_things:
        assert thing not in text
    entries = [e for e in lines() if e["logger"] == "dateline.request"]
    assert entries[0]["query"] == ["email", "q"]
    assert all(len(e["client"]) == 16 for e in entries)


def test_ordinary_paths_are_kept_whole():
    """Article, section and tag paths are logged as they are."""
    path = "/world/2026/11/30/harbour-council-votes-on-the-ferry-timetable-2026/"
    assert redact_path(path) == path
    assert query_names("page=2&page=3") == ["page"]


def test_nothing_is_logged_when_the_log_is_off(settings, lines):
    """DATELINE_REQUEST_LOG=off writes no request line but still gives the id."""
    settings.DATELINE_REQUEST_LOG = "off"
    seen, _, _ = call(RequestLogMiddleware(hello))
    assert seen["headers"]["X-Request-ID"]
    assert [e for e in lines() if e["logger"] == "dateline.request"] == []


def test_a_crash_below_is_logged_as_500_and_raised(lines):
    """An application that raises still leaves its line, with status 500."""

    def broken(environ, start_response):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        call(RequestLogMiddleware(broken))
    assert [e["status"] for e in lines() if e["logger"] == "dateline.request"] == [500]


def test_the_site_application_is_wrapped_outermost():
    """dateline/project/wsgi.py puts the request log outside every other layer."""
    from dateline.project import wsgi

    assert wsgi.LAYERS[0] is RequestLogMiddleware
    assert isinstance(wsgi.application, RequestLogMiddleware)


def test_a_whole_answer_is_logged_at_once_and_handed_on_as_a_list(lines):
    """A list body (a cached page) is logged before the server sends it, and stays a list: granian sends lists in one piece."""
    closed = []

    class Closing(list):
        def close(self):
            closed.append(True)

    def cached(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        return Closing([b"<p>page</p>"])

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/world/", "QUERY_STRING": "", "REMOTE_ADDR": "203.0.113.9"}
    body = RequestLogMiddleware(cached)(environ, lambda status, headers, exc_info=None: None)
    assert isinstance(body, list) and b"".join(body) == b"<p>page</p>" and closed == [True]
    entries = [e for e in lines() if e["logger"] == "dateline.request"]
    assert [(e["status"], e["bytes"]) for e in entries] == [(200, 11)]
    body.close()  # servers that call close() on any body may still do so
    assert len([e for e in lines() if e["logger"] == "dateline.request"]) == 1


def test_the_production_handler_writes_lines_in_batches():
    """Info lines wait in the buffer; a warning, a full buffer, an old line or close() write them all, in order."""
    from dateline.operations.logging import BufferedStreamHandler

    stream = io.StringIO()
    handler = BufferedStreamHandler(stream, flush_seconds=3600, buffer_bytes=10_000)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))

    def record(level, message, created=None):
        made = logging.makeLogRecord({"levelno": level, "levelname": logging.getLevelName(level), "msg": message})
        if created is not None:
            made.created = created
        return made

    handler.handle(record(logging.INFO, "one"))
    handler.handle(record(logging.INFO, "two"))
    assert stream.getvalue() == ""
    handler.handle(record(logging.WARNING, "three"))
    assert stream.getvalue() == "INFO one\nINFO two\nWARNING three\n"
    first = record(logging.INFO, "four")
    handler.handle(first)
    handler.handle(record(logging.INFO, "five", created=first.created + 3600))  # the oldest waited long enough
    assert stream.getvalue().endswith("INFO four\nINFO five\n")
    handler.handle(record(logging.INFO, "x" * 10_000))  # the buffer is full
    assert stream.getvalue().endswith("x" * 10_000 + "\n")
    handler.handle(record(logging.INFO, "six"))
    handler.close()
    assert stream.getvalue().endswith("INFO six\n")


def test_production_logging_uses_the_batching_handler():
    from dateline.operations.logging import logging_config

    assert logging_config(production=True)["handlers"]["console"]["class"] == "dateline.operations.logging.BufferedStreamHandler"
    assert logging_config(production=False)["handlers"]["console"]["class"] == "logging.StreamHandler"
