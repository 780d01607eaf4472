"""Comment posting for bench/fault.py, through the reader endpoints (issue 6).

Fetch a form token, post a comment as JSON, and return the stored comment's id
when the site answered with success (published or held for moderation: both
are stored), else None. The bench sets DATELINE_COMMENTS_MIN_FILL_SECONDS=0 and
turns the per-address and per-email limits off, so every post can succeed.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlencode


def _call(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def comment_post(port: int, article_id: int, article_url: str, serial: int) -> int | None:
    status, raw = _call(port, "GET", "/comments/token/", headers={"Accept": "application/json"})
    if status != 200:
        return None
    token = json.loads(raw)["token"]
    form = {
        "article": article_id,
        "token": token,
        "body": f"Reader comment number {serial}: the ferry timetable still makes no sense to me.",
        "name": f"Reader {serial}",
        "email": f"reader{serial}@example.org",
    }
    status, raw = _call(
        port, "POST", "/comments/post/", body=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
                 "X-Forwarded-For": f"203.0.113.{serial % 250 + 1}", "Referer": article_url},
    )
    if status >= 300:
        return None
    answer = json.loads(raw)
    if answer.get("ok") and answer.get("comment"):
        return int(answer["comment"]["id"])
    return None
