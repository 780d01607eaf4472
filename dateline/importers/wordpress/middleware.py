"""WordPress's short links (`/?p=123`, `/?page_id=45`) answered with a permanent redirect to the imported article.

WordPress sites hand out these links in feeds, e-mails and shortlinks; they
reach the home page here, which would otherwise ignore the query. Old
permalinks (`/2024/05/01/slug/`) are Wagtail redirects written by the import.
"""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect


class WordPressLinkMiddleware:
    #: Query parameter → the imported kinds it may name, most likely first.
    parameters = {"p": ("post", "page"), "page_id": ("page", "post")}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD") and request.GET:
            target = self.target_url(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

    def target_url(self, request) -> str | None:
        from dateline.importers.wordpress.selectors import imported_article_url

        for parameter, kinds in self.parameters.items():
            value = request.GET.get(parameter, "").strip()
            if value:
                return imported_article_url(wp_id=value, kinds=kinds)
        return None
