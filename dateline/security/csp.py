"""Content-Security-Policy through django-csp: a strict policy on reader pages, a looser one in the admin.

Reader pages run no inline script: the beacon and the comment script are static
files (``script-src 'self'``), JSON-LD blocks are data, not scripts, and a
script that ever needs to be inline asks for ``request.csp_nonce``, which
django-csp adds to the header. Style attributes (Wagtail's responsive embeds
set one) are allowed through ``style-src-attr`` only; ``<style>`` elements are not.

The admin is Wagtail's, which still runs some inline scripts and styles
(wagtail/wagtail#1288), so it gets :attr:`ContentSecurityPolicyMiddleware.admin_directives`.
Subclass the middleware and change the attributes to change either policy.
"""

from __future__ import annotations

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from dateline.security.profile import admin_prefix

READER_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],  # the nonce appears only on a page that used request.csp_nonce
    "style-src": [SELF],
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": ["https:"],  # embedded video and posts, through Wagtail's embeds
    "media-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],  # the preview panel, and embeds in it
    "media-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],  # Wagtail's preview panel frames the page it previews
}


# The API's interactive docs (django-ninja's Swagger UI page) load Swagger UI from its CDN
# and start it with an inline script; that page holds no reader content.
API_DOCS_DIRECTIVES = {
    **ADMIN_DIRECTIVES,
    "script-src": [SELF, UNSAFE_INLINE, "https://cdn.jsdelivr.net"],
    "style-src": [SELF, UNSAFE_INLINE, "https://cdn.jsdelivr.net"],
    "img-src": [SELF, "data:", "https:"],
    "frame-ancestors": [NONE],
}


def csp_settings() -> dict:
    """django-csp's settings: the reader policy is the site's default."""
    return {"CONTENT_SECURITY_POLICY": {"DIRECTIVES": READER_DIRECTIVES}}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, sending :attr:`admin_directives` under DATELINE_ADMIN_PATH."""

    admin_directives: dict = ADMIN_DIRECTIVES
    #: Paths (exact prefixes) with a policy of their own.
    path_directives: dict[str, dict] = {"/api/docs": API_DOCS_DIRECTIVES}

    def is_admin(self, request) -> bool:
        return request.path_info.startswith(admin_prefix())

    def directives_for(self, request) -> dict | None:
        if self.is_admin(request):
            return self.admin_directives
        for prefix, directives in self.path_directives.items():
            if request.path_info.startswith(prefix):
                return directives
        return None

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            directives = self.directives_for(request)
            if directives is not None:
                parts.config = default_config(directives)
        return parts
