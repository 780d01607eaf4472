"""Backups and restores: a consistent copy of the database plus the media, taken while the site serves.

A backup is one ``.tar.gz`` file holding:

- ``manifest.json``: dateline's version, the database vendor, when it was taken,
  the applied migrations and the row count of every table, all read from the
  same snapshot as the copy;
- ``database.sqlite3`` (SQLite's online backup API: a page-by-page copy that
  sees one committed state while writers go on) or ``database.dump``
  (``pg_dump --format=custom`` on the snapshot the counts were read from);
- ``media/``: uploaded images and documents.

The secret key is not in it (it signs sessions and comment tokens; keep it
apart, or let the restored site make a new one, which signs everyone out).

:func:`backup_restore` refuses a site that already has content unless told to
overwrite it, loads the database back (SQLite's backup API in the other
direction, or ``pg_restore --clean``), runs any newer migrations, puts the media
back and checks every table's row count against the manifest.
"""

from __future__ import annotations

import contextlib
import datetime
import glob
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction

from dateline import __version__, conf

FORMAT = 1


class BackupError(Exception):
    """A backup or restore cannot go on; the message says what to do."""


@dataclass
class RestoreResult:
    tables: int
    rows: int
    media_files: int
    mismatched: dict[str, tuple[int, int]] = field(default_factory=dict)


def _tables() -> list[str]:
    """The tables Django knows (every installed app's models), sorted."""
    from django.apps import apps

    known = set(connection.introspection.table_names())
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    return sorted(names & known)


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    qn = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: DATELINE_PG_BIN_DIR, else the PATH, else Debian's newest."""
    configured = conf.get("PG_BIN_DIR")
    if configured:
        return str(Path(configured) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[-3].split(".")[0]))
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} was not found: install PostgreSQL's client tools or set DATELINE_PG_BIN_DIR.")


def _pg_args_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_create(*, to: Path) -> Path:
    """Write a backup of the database and the media into the folder ``to``; returns the file."""
    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = to / f"dateline-backup-{stamp}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="dateline-backup-") as work:
        work = Path(work)
        if connection.vendor == "sqlite":
            db_name, manifest = _sqlite_copy(work / "database.sqlite3")
        elif connection.vendor == "postgresql":
            db_name, manifest = _pg_dump(work / "database.dump")
        else:
            raise BackupError(f"dateline backs up SQLite and PostgreSQL, not {connection.vendor}.")
        media_files = 0
        with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
            archive.add(work / db_name, arcname=db_name)
            media = _media_root()
            if media.is_dir():
                for path in sorted(media.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=f"media/{path.relative_to(media).as_posix()}", recursive=False)
                        media_files += 1
            manifest.update({"format": FORMAT, "version": __version__, "media_files": media_files,
                             "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")})
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
        os.replace(partial, target)  # a backup file that exists is a whole one
    return target


def _sqlite_copy(path: Path) -> tuple[str, dict]:
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)  # one consistent state, even while others write
    finally:
        destination.close()
    tables = _tables()
    copy = sqlite3.connect(path)
    try:
        cursor = copy.cursor()
        manifest = {"vendor": "sqlite", "tables": _counts(cursor, tables), "migrations": _migrations(cursor)}
        cursor.execute("PRAGMA integrity_check")
        if cursor.fetchone()[0] != "ok":
            raise BackupError("the copy of the SQLite database failed its integrity check; the database needs attention.")
    finally:
        copy.close()
    return path.name, manifest


def _pg_dump(path: Path) -> tuple[str, dict]:
    args, env = _pg_args_env(connection.settings_dict)
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        # The counts and the dump read the same snapshot, so the manifest describes the dump exactly.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        manifest = {"vendor": "postgresql", "tables": _counts(cursor, tables), "migrations": _migrations(cursor)}
        completed = subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             "--file", str(path), *args],
            env=env, capture_output=True, text=True,
        )
    if completed.returncode != 0:
        raise BackupError(f"pg_dump failed: {completed.stderr.strip()[-500:]}")
    return path.name, manifest


def site_has_content() -> bool:
    """Whether the site holds anything worth keeping: articles, comments, user accounts or uploads."""
    from django.contrib.auth import get_user_model

    from dateline.articles.models import ArticlePage

    if ArticlePage.objects.exists() or get_user_model().objects.exists():
        return True
    media = _media_root()
    return media.is_dir() and any(p.is_file() for p in media.rglob("*"))


def backup_read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError, AttributeError) as exc:
        raise BackupError(f"{path} is not a dateline backup ({exc}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup in format {manifest.get('format')!r}; this dateline reads format {FORMAT}.")
    return manifest


def backup_restore(*, path: Path, force: bool = False) -> RestoreResult:
    """Bring the site back from a backup file; refuses a site with content unless ``force``."""
    path = Path(path)
    manifest = backup_read_manifest(path)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"{path.name} holds a {manifest['vendor']} database and this site runs on {connection.vendor}; "
            "restore it into a site on the same kind of database."
        )
    if not force and site_has_content():
        raise BackupError("this site already has content; restoring would replace it. Add --force to replace it.")
    with tempfile.TemporaryDirectory(prefix="dateline-restore-") as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        if manifest["vendor"] == "sqlite":
            _sqlite_load(work / "database.sqlite3")
        else:
            _pg_restore(work / "database.dump")
        media_files = _media_put_back(work / "media")
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older dateline
    with connection.cursor() as cursor:
        counts = _counts(cursor, [t for t in manifest["tables"] if t in set(connection.introspection.table_names())])
    mismatched = {t: (n, counts.get(t, 0)) for t, n in manifest["tables"].items() if counts.get(t, 0) != n}
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()  # lists and pages cached from the site as it was
    return RestoreResult(tables=len(counts), rows=sum(counts.values()), media_files=media_files, mismatched=mismatched)


def _sqlite_load(copy: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("a restore cannot run inside a transaction.")
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)  # page by page into the live file, under SQLite's own locks
    finally:
        source.close()


def _pg_restore(dump: Path) -> None:
    args, env = _pg_args_env(connection.settings_dict)
    for conn in connections.all():
        conn.close()
    completed = subprocess.run(
        [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         *args, str(dump)],
        env=env, capture_output=True, text=True,
    )
    if completed.returncode != 0:
        raise BackupError(f"pg_restore failed: {completed.stderr.strip()[-500:]}")


def _media_put_back(source: Path) -> int:
    media = _media_root()
    media.mkdir(parents=True, exist_ok=True)
    for child in media.iterdir():
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    if not source.is_dir():
        return 0
    count = 0
    for path in source.rglob("*"):
        if path.is_file():
            target = media / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            count += 1
    return count


def site_fingerprint() -> dict[str, list]:
    """Every table's row count and a hash of its rows in primary-key order, to compare two sites."""
    import hashlib

    qn = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {qn(table)} ORDER BY 1")
            digest, count = hashlib.sha256(), 0
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
                count += 1
            result[table] = [count, digest.hexdigest()[:16]]
    return result
