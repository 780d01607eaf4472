"""Comment posting for bench/fault.py, once the comments endpoints (issue 6) are on main.

Returns the stored comment's id when the site answered with success, else None.
"""

from __future__ import annotations


def comment_post(port: int, article_id: int, article_url: str, serial: int) -> int | None:
    return None  # filled in when /comments/ lands: fetch a token, post, read the id from the answer
