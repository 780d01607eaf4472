import pytest
from django.core.exceptions import ImproperlyConfigured

from dateline.core import cache as dateline_cache
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


def test_a_local_copy_is_used_until_cleared_or_expired_like_the_shared_one(monkeypatch):
    """local=True keeps rendered HTML in the process, but a clear or its expiry is seen at once."""
    from django.core.cache import cache

    calls = []

    def compute():
        calls.append(1)
        return f"<p>{len(calls)}</p>"

    clock = [1_000_000.0]
    monkeypatch.setattr(dateline_cache.time, "time", lambda: clock[0])
    assert cached("test:html", compute, timeout=60, local=True) == "<p>1</p>"
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, default=None: (key.startswith("version:") or reads.append(key)) and real_get(key, default))
    assert cached("test:html", compute, timeout=60, local=True) == "<p>1</p>"
    assert reads == [], "the value came from this process's copy"
    monkeypatch.undo()
    monkeypatch.setattr(dateline_cache.time, "time", lambda: clock[0])

    cache_clear("test:html")  # another version: the copy under the old key is never asked for
    assert cached("test:html", compute, timeout=60, local=True) == "<p>2</p>"
    clock[0] += 61  # past the shared copy's expiry: the local copy expires with it
    assert cached("test:html", compute, timeout=60, local=True) == "<p>3</p>"


@pytest.mark.django_db  # request_finished closes database connections
def test_a_request_reads_each_version_once_and_sees_its_own_clears():
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started

    from dateline.core.cache import cache_version

    before = cache_version("test:v")
    request_started.send(sender=None)
    try:
        assert cache_version("test:v") == before
        cache.incr("version:test:v")  # another process clears it mid-request
        assert cache_version("test:v") == before, "a request keeps the versions it first read"
        cache_clear("test:v")  # this request's own clear is seen at once
        assert cache_version("test:v") == before + 2
    finally:
        request_finished.send(sender=None)
    cache.incr("version:test:v")
    assert cache_version("test:v") == before + 3, "outside a request every call reads the shared cache"


def test_only_immutable_values_are_kept_locally():
    """A list handed out twice could be changed by a caller: it is read from the shared cache each time."""
    first = cached("test:list", lambda: [1, 2], timeout=60, local=True)
    first.append(3)
    assert cached("test:list", lambda: [1, 2], timeout=60, local=True) == [1, 2]


def test_values_stored_with_their_expiry_use_keys_older_code_never_reads():
    """An older dateline (after a rollback) read bare values under ":v<version>"; it must never meet a pair."""
    from django.core.cache import cache

    from dateline.core.cache import cache_version

    version = cache_version("test:old")
    assert cached("test:old", lambda: "fresh", timeout=60) == "fresh"
    assert cache.get(f"test:old:v{version}") is None
    cache.set(f"test:old:e{version}", "a bare value where a pair belongs", 60)
    assert cached("test:old", lambda: "computed again", timeout=60) == "computed again"


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
