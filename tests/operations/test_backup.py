"""`dateline backup` and `dateline restore` round-trip a populated site, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

DATELINE = str(Path(sys.executable).parent / "dateline")
FINGERPRINT = "import json; from dateline.operations.backup import site_fingerprint; print(json.dumps(site_fingerprint()))"


@pytest.fixture
def make_env(tmp_path):
    """Environments for separate `dateline` processes, each with its own data folder and database."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    url = os.environ.get("DATELINE_DATABASE_URL")
    made = []

    def make(name: str) -> dict:
        env = {**base, "DATELINE_DATA_DIR": str(tmp_path / name)}
        (tmp_path / name).mkdir()
        if url:
            import psycopg

            db = f"bk_{name}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{db}"')
            made.append(db)
            env["DATELINE_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + db
        return env

    yield make
    if made:
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            for db in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def run(args, env, timeout=300):
    result = subprocess.run([DATELINE, *args], env=env, capture_output=True, text=True, timeout=timeout)
    return result


def fingerprint(env) -> dict:
    result = run(["manage", "shell", "-c", FINGERPRINT], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_backup_and_restore_round_trip_a_populated_site(make_env, tmp_path):
    """A restored site has every table's rows exactly as backed up, and the media; a second restore needs --force."""
    source = make_env("source")
    seeded = run(["seed", "--articles", "12", "--comments", "30", "--sections", "2", "--tags", "6"], source)
    assert seeded.returncode == 0, seeded.stderr
    photo = Path(source["DATELINE_DATA_DIR"], "media", "original_images", "harbour.jpg")
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo" * 100)

    made = run(["backup", "--to", str(tmp_path / "backups")], source)
    assert made.returncode == 0, made.stderr
    assert "Backed up to" in made.stdout
    (backup_file,) = (tmp_path / "backups").glob("dateline-backup-*.tar.gz")
    expected = fingerprint(source)
    assert expected["articles_articlepage"][0] == 12

    target = make_env("target")
    restored = run(["restore", str(backup_file)], target)
    assert restored.returncode == 0, restored.stderr
    assert "every table matches the backup" in restored.stdout
    assert fingerprint(target) == expected
    assert Path(target["DATELINE_DATA_DIR"], "media", "original_images", "harbour.jpg").read_bytes() == photo.read_bytes()

    again = run(["restore", str(backup_file)], target)
    assert again.returncode == 1
    assert "already has content" in again.stderr and "--force" in again.stderr
    forced = run(["restore", str(backup_file), "--force"], target)
    assert forced.returncode == 0, forced.stderr
    assert fingerprint(target) == expected


def test_restore_refuses_a_file_that_is_not_a_backup(make_env, tmp_path):
    """A stray file gets one sentence, not a traceback."""
    env = make_env("site")
    stray = tmp_path / "notes.tar.gz"
    stray.write_bytes(b"not a tar file")
    result = run(["restore", str(stray)], env)
    assert result.returncode == 1
    assert "is not a dateline backup" in result.stderr and "Traceback" not in result.stderr
