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

from csp.constants import HEADER, NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings

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


#: Attributes django-csp's decorators set on a response to change its policy.
_PER_RESPONSE = ("config", "update", "replace", "config_ro", "update_ro", "replace_ro")


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

    def process_response(self, request, response):
        """django-csp's, with the site's own policy built once per process for the common case.

        Building the header (a dataclass copied to a dict, the directives joined,
        twice with the report-only pass) cost about 0.1 ms of every reader page
        (issue 8). A response with no per-view policy, no nonce, no policy of its
        path's own and no report-only policy gets the same string each time; any
        other goes through django-csp unchanged.
        """
        if not self._plain(request, response):
            return super().process_response(request, response)
        header = self._site_policy()
        if header and HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = header
        # As django-csp does: once the header is written, a nonce can no longer be added to it.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _plain(self, request, response) -> bool:
        if getattr(request, "_csp_nonce", None) is not None or self.directives_for(request) is not None:
            return False
        if any(getattr(response, f"_csp_{part}", None) is not None for part in _PER_RESPONSE):
            return False
        if settings.DEBUG and response.status_code in (500, 404):
            return False
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        return not policy.get("EXCLUDE_URL_PREFIXES") and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)

    def _site_policy(self) -> str:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if self._site_policy_for is not policy:  # tests change the setting; a server never does
            self._site_policy_for, self._site_policy_header = policy, build_policy()
        return self._site_policy_header

    _site_policy_for = _site_policy_header = None

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            directives = self.directives_for(request)
            if directives is not None:
                parts.config = default_config(directives)
        return parts
