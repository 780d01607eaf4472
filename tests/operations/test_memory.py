import gc
import importlib

from dateline.operations import memory


def test_heap_freeze_moves_live_objects_out_of_the_collectors_reach():
    """After heap_freeze, objects alive at the time sit in the permanent generation, and new garbage is still collected."""
    kept = [object() for _ in range(10)]
    try:
        frozen = memory.heap_freeze()
        assert frozen == gc.get_freeze_count() > len(kept)

        class Cycle:
            pass

        loop = Cycle()
        loop.me = loop
        del loop
        assert gc.collect() >= 1  # later cycles are collected as before
    finally:
        gc.unfreeze()


def test_the_served_application_freezes_its_heap_in_production(settings, monkeypatch):
    """dateline/project/wsgi.py freezes what loading made when it builds the production application, and only then."""
    from dateline.project import wsgi

    calls = []
    monkeypatch.setattr(memory, "heap_freeze", lambda: calls.append(True) or 0)
    settings.DATELINE_ENV = "development"
    importlib.reload(wsgi)
    assert calls == []
    settings.DATELINE_ENV = "production"
    importlib.reload(wsgi)
    assert calls == [True]
