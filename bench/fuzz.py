"""Fuzz the parsers that take outside input with atheris (libFuzzer), each for a fixed time.

    .venv/bin/python bench/fuzz.py [--seconds 60] [--target NAME ...] [--rss-limit-mb 1024]

Targets (``--list`` prints them): the view beacon's body and referrer parsers,
the request log's path and query redaction, the WordPress (WXR) export parser,
and, when those apps are installed, the comment form, the search query and the
API's filters. A target fails on any exception other than the clear error its
parser promises (WXRError, a form's validation errors), on a 500 answer, and on
memory past ``--rss-limit-mb`` (libFuzzer's own limit). Each target runs in its
own process; the summary gives executions, executions per second and the
outcome, and crashing inputs are written to bench/results/fuzz-<target>-*.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


# -- targets: each a function of bytes, run inside an atheris-instrumented process --------------

def target_beacon_body(data: bytes) -> None:
    from dateline.analytics.beacon import parse_body

    parsed = parse_body(data)
    if parsed is not None:
        article_id, referrer = parsed
        assert isinstance(article_id, int) and 0 < article_id < 2**62
        assert isinstance(referrer, str) and len(referrer) <= 300


def target_referrer(data: bytes) -> None:
    from dateline.analytics.services import referrer_domain

    domain = referrer_domain(data.decode("utf-8", "replace"))
    assert len(domain) <= 120 and not set(domain) - set("abcdefghijklmnopqrstuvwxyz0123456789.-")


def target_log_redaction(data: bytes) -> None:
    from dateline.operations.logging import query_names, redact_path

    text = data.decode("utf-8", "replace")
    path, _, query = text.partition("?")
    assert len(redact_path(path)) <= 300
    names = query_names(query)
    assert len(names) <= 20 and all(len(n) <= 40 for n in names)


def target_wxr(data: bytes) -> None:
    from dateline.importers.wordpress.parser import WXRError, wxr_read

    try:
        for _ in wxr_read(io.BytesIO(data)):
            pass
    except WXRError:
        pass


WXR_SEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Fuzz Gazette</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name></wp:category>
<item><title>Hello</title><dc:creator>ed</dc:creator><content:encoded><![CDATA[<p>Body &amp; more</p>]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><category domain="category" nicename="news">News</category>
<wp:postmeta><wp:meta_key>views</wp:meta_key><wp:meta_value>12</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Reader</wp:comment_author><wp:comment_content>Hi</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>
</channel></rss>"""

TARGETS = {
    "beacon-body": (target_beacon_body, [b"a=12&r=https%3A%2F%2Fexample.org%2F", b"a=1"]),
    "referrer": (target_referrer, [b"https://www.example.org/path?q=1", b"news.example.org"]),
    "log-redaction": (target_log_redaction, [b"/admin/password_reset/confirm/MQ/abc-123/?next=/x", b"/a/b?q=1&page=2"]),
    "wxr": (target_wxr, [WXR_SEED]),
}


def _optional_targets() -> None:
    """Targets over parsers that other parts of dateline add; registered when they exist."""
    from bench import fuzz_more

    TARGETS.update(fuzz_more.targets())


# -- running ------------------------------------------------------------------------------------

def run_target(name: str, libfuzzer_args: list[str]) -> None:
    """Inside the child: set up Django, instrument dateline, and hand the target to atheris."""
    import atheris

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.project.settings.test")
    import django

    # Coverage feedback from dateline's own code only: instrumenting Django and Wagtail too costs minutes.
    with atheris.instrument_imports(include=["dateline"]):
        django.setup()
        _optional_targets()
        import dateline.analytics.beacon  # noqa: F401
        import dateline.analytics.services  # noqa: F401
        import dateline.importers.wordpress.parser  # noqa: F401
        import dateline.operations.logging  # noqa: F401
    function, seeds = TARGETS[name]
    prepare = getattr(function, "prepare", None)
    if prepare is not None:
        prepare()  # set-up that must not count against libFuzzer's per-input timeout (a database to migrate)
    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    for i, seed in enumerate(seeds):
        (corpus / f"seed-{i}").write_bytes(seed)
    atheris.Setup([sys.argv[0], *libfuzzer_args, str(corpus)], function)
    atheris.Fuzz()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run-target":
        sys.path.insert(0, str(ROOT))
        run_target(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="time per target")
    parser.add_argument("--target", action="append", help="a target name (repeatable); default all")
    parser.add_argument("--rss-limit-mb", type=int, default=1024)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.project.settings.test")
    import django

    django.setup()
    _optional_targets()
    if args.list:
        print("\n".join(TARGETS))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = False
    for name in args.target or list(TARGETS):
        if name not in TARGETS:
            raise SystemExit(f"unknown target {name!r}; --list shows them")
        started = time.monotonic()
        completed = subprocess.run(
            [sys.executable, __file__, "--run-target", name, f"-max_total_time={args.seconds}",
             f"-rss_limit_mb={args.rss_limit_mb}", "-timeout=10", f"-artifact_prefix={RESULTS}/fuzz-{name}-",
             "-print_final_stats=1"],
            capture_output=True, text=True, timeout=args.seconds + 300,
        )
        output = completed.stdout + completed.stderr
        runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", output) or re.search(r"Done (\d+) runs", output)
        executions = int(runs.group(1)) if runs else 0
        elapsed = time.monotonic() - started
        ok = completed.returncode == 0
        failed |= not ok
        peak = re.search(r"stat::peak_rss_mb:\s*(\d+)", output)
        print(f"{name:<16} {'ok' if ok else 'FAILED':<7} {executions:>9} executions in {elapsed:5.0f} s "
              f"({executions / max(elapsed, 1):.0f}/s), peak RSS {peak.group(1) if peak else '?'} MB", flush=True)
        if not ok:
            print("\n".join(output.splitlines()[-40:]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
