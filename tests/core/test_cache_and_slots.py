import pytest
from django.core.exceptions import ImproperlyConfigured

from dateline.core import slots
from dateline.core.cache import cache_clear, cached


def test_cached_value_is_reused_until_cleared():
    """A cached value is computed once, and again only after its clear function runs."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("test:value", compute, timeout=60) == 1
    assert cached("test:value", compute, timeout=60) == 1
    cache_clear("test:value")
    assert cached("test:value", compute, timeout=60) == 2


def test_falsy_values_are_cached_too():
    """An empty list or False is a cached answer, not a miss."""
    calls = []
    for _ in range(3):
        cached("test:empty", lambda: calls.append(1) or [], timeout=60)
    assert len(calls) == 1


def test_a_registered_slot_replaces_the_interim_one(rf):
    """An app registering a Slot under an existing name changes what the page shows."""
    original = slots.get("sidebar")

    class Fixed(slots.Slot):
        name = "sidebar"
        heading = "Fixed heading"
        template = "articles/includes/slot_card_list.html"

        def get_items(self, *, page, request):
            return []

    try:
        slots.register(Fixed)
        html = slots.get("sidebar").render(page=None, request=rf.get("/"))
        assert "Fixed heading" in html
    finally:
        slots.register(type(original))


def test_slot_without_template_is_refused():
    """A slot class missing its name or template is a configuration error."""

    class Broken(slots.Slot):
        name = "broken"

    with pytest.raises(ImproperlyConfigured):
        slots.register(Broken)


def test_unknown_slot_is_a_clear_error():
    """Rendering a slot no one registered says which name is missing."""
    with pytest.raises(ImproperlyConfigured, match="nope"):
        slots.get("nope")
