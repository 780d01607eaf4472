"""The production static storage: hashed URLs, each worked out once per process."""

import json

from dateline.core.staticfiles import StaticFilesStorage


def test_urls_are_the_manifests_hashed_names_and_are_worked_out_once(tmp_path, settings):
    settings.STATIC_URL = "/static/"
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {"site.css": "site.0123abcd.css"}, "version": "1.1"}))
    storage = StaticFilesStorage(location=str(tmp_path), base_url="/static/")
    calls = []
    original = storage._url
    storage._url = lambda *args, **kwargs: calls.append(args[1]) or original(*args, **kwargs)

    assert storage.url("site.css") == "/static/site.0123abcd.css"
    assert storage.url("site.css") == "/static/site.0123abcd.css"
    assert calls == ["site.css"]
    assert storage.url("site.css", force=True) == "/static/site.0123abcd.css"  # force always asks again
    assert calls == ["site.css", "site.css"]
