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
