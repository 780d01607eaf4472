"""Structured logs: one JSON line per request in production, with a request id, and nothing personal.

:class:`RequestLogMiddleware` is a WSGI layer, the outermost one in
``dateline/project/wsgi.py``, so it sees every request, beacons and cached pages
included, and times the whole answer. It gives each request an id (the
client's ``X-Request-ID`` when it is a short plain token, else a new one), passes it
on to Django as ``HTTP_X_REQUEST_ID``, returns it in the ``X-Request-ID``
response header, and stamps it on every log record made while the request runs.

A line holds the method, the path (with token-like segments replaced by
``:redacted``), the names (never the values) of query parameters, the status,
the bytes sent, the duration, and a hash of the client address that changes
every day, so one abusive client can be followed within a day and no one can
be followed across days. No cookies, no headers, no user agent, no referrer,
no query values (search terms, tokens), no e-mail addresses.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import hmac
import json
import logging
import os
import re
import threading
import time
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from dateline import conf

request_logger = logging.getLogger("dateline.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("dateline_request_id", default="")

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Secrets that travel in a path: password-reset links, signed tokens (they hold a colon).
SENSITIVE_PATHS = [re.compile(r"(/password_reset/confirm/|/reset/)[^?]*")]
TOKEN_SEGMENT = re.compile(r"^(?=.*:)[A-Za-z0-9:_.=-]{10,}$|^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_=-]{20,}$")
EMAIL = re.compile(r"[^/@\s]+@[^/@\s]+")
_LOG_RECORD_FIELDS = set(vars(logging.makeLogRecord({})))


def request_log_enabled() -> bool:
    choice = str(conf.get("REQUEST_LOG")).strip().lower()
    if choice in {"on", "true", "1", "yes"}:
        return True
    if choice in {"off", "false", "0", "no"}:
        return False
    return conf.get("ENV") == "production"


def redact_path(path: str) -> str:
    """The path with secrets and personal data cut out."""
    # The same few paths come again and again; long ones are not kept, so the memo stays small.
    return _redact_path_memo(path) if len(path) <= 512 else _redact_path(path)


@lru_cache(maxsize=4096)
def _redact_path_memo(path: str) -> str:
    return _redact_path(path)


def _redact_path(path: str) -> str:
    for pattern in SENSITIVE_PATHS:
        path = pattern.sub(lambda m: m.group(1) + ":redacted", path)
    path = EMAIL.sub(":redacted", path)
    segments = [":redacted" if TOKEN_SEGMENT.match(seg) else seg for seg in path.split("/")]
    return "/".join(segments)[:300]


def query_names(query_string: str) -> list[str]:
    """The names of the query parameters, never their values."""
    if not query_string:
        return []
    try:
        names = [name[:40] for name, _ in parse_qsl(query_string, keep_blank_values=True, max_num_fields=20)]
    except ValueError:
        return [":malformed"]
    return sorted(set(names))[:20]


def client_hash(address: str) -> str:
    """A short hash of the client address, keyed with the secret key and today's date."""
    if not address:
        return ""
    from django.conf import settings

    return _client_hash(settings.SECRET_KEY, datetime.date.today().isoformat(), address)


@lru_cache(maxsize=4096)
def _client_hash(secret: str, day: str, address: str) -> str:
    return hmac.new(f"{secret}:{day}".encode(), address.encode(), hashlib.sha256).hexdigest()[:16]


def request_id_from(environ) -> str:
    offered = environ.get("HTTP_X_REQUEST_ID", "")
    if offered and REQUEST_ID_PATTERN.match(offered):
        return offered
    return os.urandom(16).hex()  # 32 random hex digits, as uuid4().hex without building a UUID


class RequestIdFilter(logging.Filter):
    """Stamp every record with the id of the request it was made in."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, and the record's extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _LOG_RECORD_FIELDS and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return _JSON.encode(entry)


_JSON = json.JSONEncoder(default=str, ensure_ascii=False)  # as json.dumps(…, default=str, ensure_ascii=False), made once


class BufferedStreamHandler(logging.StreamHandler):
    """A StreamHandler that writes its lines in batches rather than one write per line.

    A line per request, each its own write to standard error, cost more than a cached
    page's whole answer (measured: 6,100 against 11,900 pages a second with the same lines
    sent to /dev/null, issue 8); journald reading a pipe pays per write as well. Lines wait
    at most ``flush_seconds`` (a timer thread writes them out when no new line comes) or
    until ``buffer_bytes`` gather; a warning or worse, and the process's exit, write
    everything at once. A process killed outright loses at most that last second.
    """

    def __init__(self, stream=None, *, flush_seconds: float = 1.0, buffer_bytes: int = 64 * 1024):
        super().__init__(stream)
        self.flush_seconds = flush_seconds
        self.buffer_bytes = buffer_bytes
        self._lines: list[str] = []
        self._size = 0
        self._oldest = 0.0
        self._timer_pid = 0  # the process whose timer thread runs (a forked worker starts its own)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        with self.lock:
            if not self._lines:
                self._oldest = record.created
            self._lines.append(line)
            self._size += len(line)
            if (record.levelno >= logging.WARNING or self._size >= self.buffer_bytes
                    or record.created - self._oldest >= self.flush_seconds):
                self._write()
            elif self._timer_pid != record.process:
                self._timer_pid = record.process
                threading.Thread(target=self._tick, name="log-flush", daemon=True).start()

    def _tick(self) -> None:
        pid = os.getpid()
        while self._timer_pid == pid:
            time.sleep(self.flush_seconds)
            self.flush()

    def _write(self) -> None:
        if self._lines:
            text = "".join(self._lines)
            self._lines.clear()
            self._size = 0
            try:
                self.stream.write(text)
                self.stream.flush()
            except Exception:  # as logging.Handler.handleError: never raise from logging
                if logging.raiseExceptions:
                    import traceback

                    traceback.print_exc()

    def flush(self) -> None:
        with self.lock:
            self._write()

    def close(self) -> None:
        self.flush()
        self._timer_pid = 0
        super().close()


def logging_config(*, production: bool) -> dict:
    """Django's LOGGING: JSON lines with request ids in production, plain text otherwise."""
    formatter = {"()": JsonFormatter} if production else {"format": "%(levelname)s %(name)s: %(message)s"}
    # In production a line per request: written in batches (BufferedStreamHandler).
    handler = "dateline.operations.logging.BufferedStreamHandler" if production else "logging.StreamHandler"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": handler, "formatter": "default", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "dateline": {"level": "INFO" if production else "WARNING"},
            # Axes logs client addresses and user names in its own words; dateline's
            # login audit line (dateline.security.login) says what matters without them.
            "axes": {"level": "ERROR"},
        },
    }


class RequestLogMiddleware:
    """WSGI layer: request ids for everything, and one JSON log line per request when enabled."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request_id = request_id_from(environ)
        environ["HTTP_X_REQUEST_ID"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        answer = {"status": 0}

        def start(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            headers = [h for h in headers if h[0].lower() != "x-request-id"] + [("X-Request-ID", request_id)]
            return start_response(status, headers, exc_info)

        try:
            body = self.app(environ, start)
        except BaseException:
            answer["status"] = 500
            self.log(environ, request_id, answer["status"], 0, started)
            request_id_var.reset(token)
            raise
        if isinstance(body, list):
            # The whole answer is in hand (a cached page, a buffered one): log it now and give
            # the server a list, which granian sends in one piece; any other iterable it
            # streams chunk by chunk from its blocking thread, which costs more than the page.
            try:
                close = getattr(body, "close", None)
                if close is not None:
                    close()
                self.log(environ, request_id, answer["status"], sum(map(len, body)), started)
            finally:
                request_id_var.reset(token)
            return _Answered(body)
        return _LoggedBody(body, self, environ, request_id, answer, started, token)

    def log(self, environ, request_id: str, status: int, sent: int, started: float) -> None:
        if not request_log_enabled() or not request_logger.isEnabledFor(logging.INFO):
            return
        from dateline.analytics.beacon import client_address

        extra = {
            "request_id": request_id,
            "method": environ.get("REQUEST_METHOD", "")[:10],
            "path": redact_path(environ.get("PATH_INFO", "")),
            "query": query_names(environ.get("QUERY_STRING", "")),
            "status": status,
            "bytes": sent,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "client": client_hash(client_address(environ)),
        }
        # As request_logger.info("request", extra=extra), less its walk up the call stack for
        # the caller's file and line, which the line does not show.
        request_logger.handle(request_logger.makeRecord(request_logger.name, logging.INFO, __file__, 0, "request", (), None,
                                                        func="log", extra=extra))


class _Answered(list):
    """A body that is all there, already logged; close() is there for servers that call it."""

    def close(self):
        pass


class _LoggedBody:
    """The response body, counted as it is sent; the line is written when the server closes it."""

    def __init__(self, body, layer, environ, request_id, answer, started, token):
        self.body, self.layer, self.environ = body, layer, environ
        self.request_id, self.answer, self.started, self.token = request_id, answer, started, token
        self.sent = 0

    def __iter__(self):
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.layer.log(self.environ, self.request_id, self.answer["status"], self.sent, self.started)
            try:
                self.request_id_reset()
            except ValueError:
                pass  # closed from another context than the one that set it

    def request_id_reset(self):
        request_id_var.reset(self.token)
