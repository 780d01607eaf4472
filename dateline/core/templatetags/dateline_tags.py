from django import template
from django.utils.safestring import mark_safe

from dateline.core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name, page=None):
    """Render the slot registered under ``name`` for ``page``."""
    html = slots.get(name).render(page=page or context.get("page"), request=context.get("request"))
    return mark_safe(html)


@register.filter
def paragraphs(text):
    """Split plain text into paragraphs at blank lines."""
    return [p.strip() for p in str(text or "").split("\n\n") if p.strip()]


@register.filter
def iso(value):
    """An ISO 8601 moment to the second, as HTML's datetime attribute wants it (no microseconds)."""
    if not value:
        return ""
    if hasattr(value, "microsecond"):
        value = value.replace(microsecond=0)
    return value.isoformat()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, timeout, skip):
        self.nodelist, self.name, self.parts, self.timeout, self.skip = nodelist, name, parts, timeout, skip

    def render(self, context):
        from dateline.core.cache import cached

        if self.skip is not None and self.skip.resolve(context):
            return self.nodelist.render(context)
        suffix = ":".join(str(part.resolve(context)) for part in self.parts)
        timeout = int(self.timeout.resolve(context)) if self.timeout is not None else 86400
        return cached(f"fragment:{self.name}", lambda: self.nodelist.render(context), timeout=timeout, key_suffix=suffix, local=True)


@register.tag
def fragment(parser, token):
    """Cache the enclosed HTML under a versioned key (see dateline.core.cache):

        {% fragment "article-main" page.pk page.last_published_at skip=request.is_preview %} … {% endfragment %}

    The key is the name plus the values given; ``fragment_clear(name)`` makes every
    copy stale. Whatever the enclosed part reads lazily is not read on a hit.
    ``skip`` renders without the cache when true (previews); ``timeout`` is in
    seconds (a day by default).
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name")
    name = bits[0].strip("\"'")
    timeout = skip = None
    parts = []
    for bit in bits[1:]:
        if bit.startswith("timeout="):
            timeout = parser.compile_filter(bit.split("=", 1)[1])
        elif bit.startswith("skip="):
            skip = parser.compile_filter(bit.split("=", 1)[1])
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, parts, timeout, skip)
