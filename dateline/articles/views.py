"""Reader views: parse the URL, call one selector, serve the page."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from wagtail.views import serve as wagtail_serve

from dateline.articles.models import SectionPage
from dateline.articles.selectors import (
    article_get_for_reader,
    article_list_for_tag,
    home_page_get,
    tag_get,
)
from dateline.core.http import reader_cache_headers, serve_page
from dateline.core.pagination import page_number_from_request


def home(request):
    page = home_page_get()
    if page is None:
        return wagtail_serve(request, "")
    return serve_page(request, page, route="home")


def section_detail(request, section):
    page = SectionPage.objects.live().filter(slug=section, depth=3).first()
    if page is None:
        # Not a section: some other page an editor made, or a 404.
        return wagtail_serve(request, f"{section}/")
    return serve_page(request, page, route="section")


def article_detail(request, section, year, month, day, slug):
    article = article_get_for_reader(section_slug=section, slug=slug)
    if article is None:
        raise Http404("No such article")
    canonical = article.article_path()
    if request.path != canonical:
        # Moved to another section, or the date in the URL is off: one permanent address.
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    return serve_page(request, article, route="article", last_modified=article.last_published_at)


def tag_detail(request, slug):
    tag = tag_get(slug=slug)
    if tag is None:
        raise Http404("No such tag")
    listing = article_list_for_tag(tag=tag, page_number=page_number_from_request(request))
    response = render(request, "articles/tag_detail.html", {"tag": tag, "listing": listing})
    return reader_cache_headers(response)
