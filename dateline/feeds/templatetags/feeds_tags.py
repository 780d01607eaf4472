from django import template
from django.utils.html import format_html_join

from dateline import conf
from dateline.feeds.feeds import feed_path

register = template.Library()

_TYPES = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"), ("json", "application/feed+json", "JSON Feed"))


def _scope_from_context(context):
    """(kind, slug, title) of the page's own feed: its section, author or tag; None elsewhere."""
    from dateline.articles.models import SectionPage
    from dateline.authors.models import AuthorPage

    page = context.get("page")
    if isinstance(page, SectionPage):
        return "section", page.slug, page.title
    if isinstance(page, AuthorPage):
        return "author", page.slug, page.title
    tag = context.get("tag")
    if tag is not None and getattr(tag, "slug", None):
        return "tag", tag.slug, tag.name
    return None


@register.simple_tag(takes_context=True)
def feed_links(context):
    """``<link rel="alternate">`` for the site's feeds in each format, and the page's own section, author or tag feeds."""
    site = conf.get("SITE_NAME")
    links = [(feed_path(fmt=fmt), mime, f"{site} ({label})") for fmt, mime, label in _TYPES]
    scope = _scope_from_context(context)
    if scope:
        kind, slug, title = scope
        links += [(feed_path(fmt=fmt, scope_kind=kind, slug=slug), mime, f"{site}: {title} ({label})") for fmt, mime, label in _TYPES]
    return format_html_join("\n", '<link rel="alternate" type="{}" href="{}" title="{}">', ((m, h, t) for h, m, t in links))



