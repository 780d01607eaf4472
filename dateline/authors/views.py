from django.http import Http404
from wagtail.views import serve as wagtail_serve

from dateline.authors.models import AuthorIndexPage, AuthorPage
from dateline.core.http import serve_page


def author_index(request):
    page = AuthorIndexPage.objects.live().first()
    if page is None:
        return wagtail_serve(request, "authors/")
    return serve_page(request, page, route="authors")


def author_detail(request, slug):
    page = AuthorPage.objects.live().filter(slug=slug).select_related("photo").first()
    if page is None:
        raise Http404("No such author")
    return serve_page(request, page, route="author")
