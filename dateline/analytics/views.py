"""The site readership report in the Wagtail admin: top articles per window and section, with CSV."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from dateline.analytics.beacon import beacon_answer
from dateline.analytics.selectors import WINDOWS, readership_report
from dateline.articles.models import SectionPage
from dateline.articles.selectors import live_pages_of


def readership_report_view(request):
    window = request.GET.get("window", "7 days")
    if window not in WINDOWS:
        window = "7 days"
    sections = list(live_pages_of(SectionPage).filter(depth=3).order_by("path").only("pk", "title", "slug"))
    section = next((s for s in sections if s.slug == request.GET.get("section")), None)
    rows = readership_report(days=WINDOWS[window], section=section, limit=50)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"readership-{window.replace(' ', '-')}{'-' + section.slug if section else ''}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        writer = csv.writer(response)
        writer.writerow(["rank", "article_id", "headline", "section", "published_at", "url", f"views_{window.replace(' ', '_')}"])
        for rank, (article, views) in enumerate(rows, 1):
            writer.writerow([rank, article.pk, article.title, article.section.title if article.section else "", article.published_at.isoformat() if article.published_at else "", article.article_path(), views])
        return response
    return render(
        request,
        "analytics/readership_report.html",
        {"rows": rows, "window": window, "windows": list(WINDOWS), "sections": sections, "section": section},
    )


@csrf_exempt
def beacon_view(request):
    """The beacon through Django's URLconf, for servers that do not load dateline's WSGI wrapper
    (Django's development and test servers). `dateline serve` answers beacons before Django."""
    environ = {**request.META, "wsgi.input": request}
    status, extra = beacon_answer(environ)
    response = HttpResponse(status=status)
    response["Cache-Control"] = "no-store"
    for name, value in extra:
        response[name] = value
    return response
