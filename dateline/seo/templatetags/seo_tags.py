from django import template
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from dateline.core.absolute import base_url
from dateline.core.cache import cached
from dateline.seo.structured import ARTICLE_HEAD_CACHE, PageMetadata, json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context, metadata_class=None):
    """Canonical link, OpenGraph and Twitter tags, and JSON-LD for a reader page (nothing on error pages).

    JSON-LD scripts are data, not code: a strict Content-Security-Policy does not block them.
    """
    request = context.get("request")
    if request is None or context.get("exception") is not None or context.get("no_seo_head"):
        return ""
    if not (context.get("page") is not None or context.get("tag") is not None or context.get("canonical_path")):
        return ""
    cls = import_string(metadata_class) if isinstance(metadata_class, str) else (metadata_class or PageMetadata)
    page = context.get("page")
    if getattr(request, "dateline_route", None) == "article" and not getattr(request, "is_preview", False) and page is not None:
        # An article's head is the same for every reader of one published revision on one address.
        suffix = (f"{page.pk}:{page.live_revision_id}:{page.last_published_at.timestamp() if page.last_published_at else ''}"
                  f":{cls.__module__}.{cls.__qualname__}:{base_url(request=request)}")
        return mark_safe(cached(ARTICLE_HEAD_CACHE, lambda: _render(cls, request, context), timeout=86400, key_suffix=suffix, local=True))  # noqa: S308 (built by _render)
    return _render(cls, request, context)


def _render(cls, request, context):
    head = cls(request=request, context=context.flatten()).build()
    parts = [format_html('<link rel="canonical" href="{}">', head.canonical)]
    if head.robots:
        parts.append(format_html('<meta name="robots" content="{}">', head.robots))
    parts.append(format_html_join("\n", '<meta {}="{}" content="{}">', head.meta))
    for document in head.documents:
        parts.append(mark_safe(f'<script type="application/ld+json">{json_ld(document)}</script>'))  # noqa: S308 (escaped by json_ld)
    return mark_safe("\n".join(str(p) for p in parts if p))
