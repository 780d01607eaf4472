"""The search page: parse the form, call the search selector, render (429 when a client searches too fast)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from dateline import conf
from dateline.articles.selectors import section_list_for_nav
from dateline.core.pagination import page_number_from_request
from dateline.core.ratelimit import rate_limit_exceeded
from dateline.search.forms import SearchForm
from dateline.search.selectors import article_search, section_ids_by_slug


def search(request):
    sections = section_list_for_nav()
    form = SearchForm(request.GET or None, sections=sections, max_length=conf.get("SEARCH_MAX_QUERY_LENGTH"))
    context = {"form": form, "canonical_path": "/search/", "robots": "noindex, follow", "listing": None, "query": ""}
    status = 200
    if form.is_bound and (form.is_valid() or form.cleaned_data.get("q")):
        query = form.cleaned_data.get("q", "")
        context["query"] = query
        if query:
            retry_after = rate_limit_exceeded(request, scope="search", per_minute=conf.get("SEARCH_RATE_LIMIT"))
            if retry_after:
                response = render(request, "search/search_limited.html", context, status=429)
                response["Retry-After"] = str(retry_after)
                return response
            context["listing"] = article_search(
                query=query,
                filters=form.filters(section_ids=section_ids_by_slug()),
                page_number=page_number_from_request(request),
                per_page=conf.get("SEARCH_PER_PAGE"),
            )
            context["base_query"] = _query_without_page(request)
            context["first_rank"] = (context["listing"].page_number - 1) * context["listing"].per_page + 1
    response = render(request, "search/search_results.html", context, status=status)
    patch_cache_control(response, public=True, max_age=conf.get("PAGE_MAX_AGE"))
    return response


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
