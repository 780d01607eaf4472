"""Absolute URLs for everything that leaves the site: feeds, sitemaps, structured data, the API.

The address comes from ``DATELINE_BASE_URL`` when it is set (the canonical
public address, whatever host a request came to). When it is empty, URLs follow
the address the request came to, so ``dateline serve --port 8123`` links to
port 8123; without a request (the CLI, a task) they fall back to the address
``dateline serve`` would listen on.
"""

from __future__ import annotations

import re

from dateline import conf


def base_url(*, request=None) -> str:
    """The site's address without a trailing slash: ``https://news.example.org``."""
    configured = (conf.get("BASE_URL") or "").strip().rstrip("/")
    if configured:
        return configured
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return f"http://{conf.get('HOST')}:{conf.get('PORT')}"


def absolute_url(path: str, *, request=None) -> str:
    """``path`` (``/world/…``) on the site's address; URLs that are already absolute pass through."""
    if not path:
        return base_url(request=request) + "/"
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("//"):
        scheme = base_url(request=request).split(":", 1)[0]
        return f"{scheme}:{path}"
    if not path.startswith("/"):
        path = "/" + path
    return base_url(request=request) + path


_RELATIVE_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])(/(?!/)[^"']*)\2""")


def absolutize_html(html: str, *, request=None) -> str:
    """Make root-relative ``href`` and ``src`` attributes absolute (for HTML leaving the site in feeds)."""
    base = base_url(request=request)
    return _RELATIVE_ATTR.sub(lambda m: f"{m.group(1)}{m.group(2)}{base}{m.group(3)}{m.group(2)}", html)
