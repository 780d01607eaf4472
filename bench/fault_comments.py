"""Comment posting for bench/fault.py: fetch a token, post as comments.js does, read the stored id.

Returns the stored comment's id when the site answered with success (published
or held for moderation: both are stored), else None. For a fault run, start
the server with DATELINE_COMMENTS_RATE_PER_IP=0, DATELINE_COMMENTS_RATE_PER_EMAIL=0
and DATELINE_COMMENTS_MIN_FILL_SECONDS=0; otherwise this waits out the minimum
fill time once and the rate limits refuse (429) part of the load.
"""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlencode


def _token(conn) -> tuple[str, float]:
    conn.request("GET", "/comments/token/", headers={"Accept": "application/json"})
    data = json.loads(conn.getresponse().read() or b"{}")
    return data.get("token", ""), float(data.get("min_fill", 0) or 0)


def comment_post(port: int, article_id: int, article_url: str, serial: int) -> int | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        token, min_fill = _token(conn)
        if min_fill:
            time.sleep(min_fill)
        body = urlencode({
            "article": str(article_id),
            "body": f"Fault-run comment {serial} on {article_url}",
            "name": f"Fault Reader {serial}",
            "email": f"fault{serial}@bench.example",
            "token": token,
        })
        conn.request("POST", "/comments/post/", body=body,
                     headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        data = json.loads(response.read() or b"{}")
    except (OSError, ValueError, http.client.HTTPException):
        return None
    finally:
        conn.close()
    if response.status == 200 and data.get("ok"):
        return (data.get("comment") or {}).get("id")
    return None
