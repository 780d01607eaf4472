"""Regenerate the parts of docs/ that come from the code: settings and CLI help.

    python scripts/gen_docs.py          # rewrite docs/settings.md and docs/cli.md
    python scripts/gen_docs.py --check  # exit 1 if either is out of date (tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline import conf  # noqa: E402
from dateline.cli import cli  # noqa: E402

SETTINGS_INTRO = """# Settings

Every setting is an environment variable named `DATELINE_<NAME>`, read once when
a process starts (`dateline/project/settings/base.py`), and declared with its
default and help in one place, `dateline/conf.py`. Application code reads them
at call time through `dateline.conf.get("NAME")`, so tests can override them.
This page is generated from that list by `python scripts/gen_docs.py`; a test
fails when it is out of date.

Booleans accept `1/true/yes/on` and `0/false/no/off`; whole numbers must parse
as integers. A value that does not parse stops start-up with a sentence naming
the variable.

| Variable | Default | What it does |
| --- | --- | --- |
"""

SETTINGS_OUTRO = """
## Files in the data folder

`DATELINE_DATA_DIR` (default `./var`) holds:

- `dateline.sqlite3` (with `-wal` and `-shm` beside it): the database, unless
  `DATELINE_DATABASE_URL` names a PostgreSQL server. SQLite runs in WAL mode with
  `synchronous=NORMAL`, a 5 s busy timeout, and `BEGIN IMMEDIATE` transactions.
- `secret_key`: made once with mode 0600 and kept across restarts, unless
  `DATELINE_SECRET_KEY` is set.
- `media/`: uploaded images and their renditions.
- `static/`: collected, hashed and compressed static files (`dateline serve` fills it).
- `cache/`: the shared file cache, unless `DATELINE_REDIS_URL` is set.
"""


def settings_md() -> str:
    rows = []
    for s in conf.SETTINGS:
        default = s.default
        if isinstance(default, bool):
            shown = "true" if default else "false"
        elif default == "":
            shown = "(empty)"
        else:
            shown = str(default)
        rows.append(f"| `{s.env_name}` | `{shown}` | {s.help} |")
    return SETTINGS_INTRO + "\n".join(rows) + "\n" + SETTINGS_OUTRO


def cli_md() -> str:
    parts = [
        "# The `dateline` command\n",
        "Generated from the commands' own help by `python scripts/gen_docs.py`.\n",
    ]
    top = click.Context(cli, info_name="dateline", terminal_width=80, max_content_width=80)
    parts.append("```\n" + cli.get_help(top) + "\n```\n")
    def walk(group, prefix):
        for name, command in sorted(group.commands.items()):
            ctx = click.Context(command, info_name=f"{prefix} {name}", terminal_width=80, max_content_width=80)
            parts.append(f"## {prefix} {name}\n\n```\n{command.get_help(ctx)}\n```\n")
            if isinstance(command, click.Group):
                walk(command, f"{prefix} {name}")

    walk(cli, "dateline")
    return "\n".join(parts)


def main() -> int:
    targets = {ROOT / "docs" / "settings.md": settings_md(), ROOT / "docs" / "cli.md": cli_md()}
    if "--check" in sys.argv:
        stale = [str(p.relative_to(ROOT)) for p, text in targets.items() if not p.exists() or p.read_text() != text]
        if stale:
            print("Out of date: " + ", ".join(stale) + "; run `python scripts/gen_docs.py`.")
            return 1
        return 0
    for path, text in targets.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
