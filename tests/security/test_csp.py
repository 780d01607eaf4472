"""Content-Security-Policy: strict on reader pages, Wagtail's needs in the admin."""

from __future__ import annotations

import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>", re.I)
DATA_TYPES = {"application/ld+json", "application/json"}


def directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def inline_executable_scripts(html: str) -> list[str]:
    """Inline <script> elements a browser would run (data blocks such as JSON-LD are not run)."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        kind = re.search(r"""type=["']?([^"'\s>]+)""", match.group("attrs"))
        if kind is None or kind.group(1).lower() not in DATA_TYPES:
            found.append(match.group(0))
    return found


@pytest.fixture
def article():
    return f.make_article("Harbour council votes on the new ferry timetable", tags=["ferries"])


def test_reader_pages_carry_a_strict_policy_and_no_inline_scripts(client, article):
    """Every reader page sends script-src 'self' without 'unsafe-inline', and runs no inline script."""
    for url in ["/", article.url, article.get_parent().url, "/tags/ferries/", "/authors/", "/no-such-page/"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy.get("style-src", []), url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert inline_executable_scripts(response.content.decode()) == [], url


def test_a_page_that_asks_for_a_nonce_gets_it_in_the_policy(rf):
    """A template that uses request.csp_nonce gets that nonce allowed, and only it."""
    from django.http import HttpResponse

    from dateline.security.csp import ContentSecurityPolicyMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'", f"'nonce-{nonce}'"]


def test_admin_gets_the_policy_wagtail_needs(admin_client, settings):
    """The admin, under DATELINE_ADMIN_PATH, allows Wagtail's inline scripts but nothing from elsewhere."""
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


def test_search_and_the_api_docs_get_their_policies(client):
    """The search page is a reader page (strict); the API's Swagger page may load Swagger UI from its CDN."""
    search = directives(client.get("/search/?q=harbour")["Content-Security-Policy"])
    assert search["script-src"] == ["'self'"]
    docs = directives(client.get("/api/docs")["Content-Security-Policy"])
    assert "https://cdn.jsdelivr.net" in docs["script-src"] and docs["frame-ancestors"] == ["'none'"]


def test_the_site_policy_built_once_is_django_csps_own_and_per_view_changes_still_apply(rf, settings):
    """The middleware's shortcut sends the header django-csp would build; anything per view goes through django-csp."""
    from csp.utils import build_policy
    from django.http import HttpResponse

    from dateline.security.csp import ContentSecurityPolicyMiddleware

    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    plain = middleware(rf.get("/world/"))
    assert directives(plain["Content-Security-Policy"]) == directives(build_policy())

    def view_with_update(request):
        response = HttpResponse("ok")
        response._csp_update = {"img-src": ["https://maps.example"]}
        return response

    updated = ContentSecurityPolicyMiddleware(view_with_update)(rf.get("/world/"))
    assert "https://maps.example" in directives(updated["Content-Security-Policy"])["img-src"]

    exempt = HttpResponse("ok")
    exempt._csp_exempt = True
    assert "Content-Security-Policy" not in ContentSecurityPolicyMiddleware(lambda request: exempt)(rf.get("/world/"))

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}  # a changed setting is seen
    assert middleware(rf.get("/world/"))["Content-Security-Policy"] == "default-src 'none'"
