"""The `dateline` command, run as a reader of the README would run it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli

DATELINE = str(Path(sys.executable).parent / "dateline")


@pytest.fixture
def cli_env(tmp_path):
    """An environment for a separate `dateline` process: its own data folder and database.

    On the PostgreSQL run a fresh database is made on the same server and dropped after.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env["DATELINE_DATA_DIR"] = str(tmp_path / "var")
    env["DATELINE_DEMO_PASSWORD"] = "demo-pass-123"
    url = os.environ.get("DATELINE_DATABASE_URL")
    name = None
    if url:
        import psycopg

        name = f"cli_{uuid.uuid4().hex[:10]}"
        base = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATELINE_DATABASE_URL"] = f"{base}/{name}"
    yield env
    if name:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected and compressed once for the tests that start `dateline serve`.

    The first start of a server collects and brotli-compresses every static file, minutes on a
    busy 2-core machine; each serving test links this folder in instead of doing it again.
    """
    data_dir = tmp_path_factory.mktemp("static-once") / "var"
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env.update(DATELINE_DATA_DIR=str(data_dir), DATELINE_ENV="production", DJANGO_SETTINGS_MODULE="dateline.project.settings.production")
    env["DATELINE_SECRET_KEY"] = "tests-only-" + "k" * 50
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "manage", "collectstatic", "--noinput", "--verbosity", "0"], env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    from dateline import __version__

    (data_dir / "static" / ".dateline-version").write_text(__version__)  # what `dateline serve` checks before collecting
    return data_dir / "static"


def with_static(env, static) -> dict:
    """Link the once-collected static files into this environment's data folder."""
    Path(env["DATELINE_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    Path(env["DATELINE_DATA_DIR"], "static").symlink_to(static, target_is_directory=True)
    return env


def run(args, env, timeout=300):
    return subprocess.run([DATELINE, *args], env=env, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_lists_every_command():
    """`dateline --help` names demo, serve, worker, manage and seed."""
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    for command in ("demo", "serve", "worker", "manage", "seed"):
        assert command in result.output


def test_serve_without_data_folder_says_what_to_fix(cli_env, tmp_path):
    """A missing data folder stops start-up with one sentence naming the fix."""
    cli_env["DATELINE_DATA_DIR"] = str(tmp_path / "missing")
    result = run(["serve"], cli_env)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "DATELINE_DATA_DIR" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_data_folder_that_is_a_file_is_refused(cli_env, tmp_path):
    """A data folder path that is a file stops start-up with one clear sentence."""
    path = tmp_path / "afile"
    path.write_text("x")
    cli_env["DATELINE_DATA_DIR"] = str(path)
    result = run(["demo", "--no-serve"], cli_env)
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere, so an unwritable folder cannot be made")
def test_unwritable_data_folder_is_refused(cli_env, tmp_path):
    """A data folder this user cannot write stops start-up with one clear sentence."""
    path = tmp_path / "ro"
    path.mkdir(mode=0o500)
    cli_env["DATELINE_DATA_DIR"] = str(path)
    result = run(["demo", "--no-serve"], cli_env)
    assert result.returncode == 1 and "not writable" in result.stderr


def test_unreachable_database_is_named(cli_env):
    """An unreachable DATELINE_DATABASE_URL stops start-up with one sentence naming it."""
    cli_env["DATELINE_DATABASE_URL"] = f"postgres://nobody@127.0.0.1:{free_port()}/newsroom"
    result = run(["demo", "--no-serve"], cli_env, timeout=60)
    assert result.returncode == 1
    assert "cannot reach the database" in result.stderr and "DATELINE_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_setting_value_is_explained(cli_env):
    """A DATELINE_* value of the wrong type is refused with the variable's name."""
    cli_env["DATELINE_ARTICLES_PER_PAGE"] = "twenty"
    result = run(["demo", "--no-serve"], cli_env)
    assert result.returncode == 1 and "DATELINE_ARTICLES_PER_PAGE must be a whole number" in result.stderr


def test_demo_loads_once_and_then_changes_nothing(cli_env):
    """`dateline demo --no-serve` sets everything up; a second run changes nothing; manage and worker run on it."""
    first = run(["demo", "--no-serve"], cli_env)
    assert first.returncode == 0, first.stderr
    assert "articles" in first.stdout and "Ready in" in first.stdout
    assert Path(cli_env["DATELINE_DATA_DIR"], "secret_key").exists()
    counts = run(["manage", "shell", "-c", "from wagtail.models import Page, Revision; print(Page.objects.count(), Revision.objects.count())"], cli_env)
    again = run(["demo", "--no-serve"], cli_env)
    assert again.returncode == 0
    counts_after = run(["manage", "shell", "-c", "from wagtail.models import Page, Revision; print(Page.objects.count(), Revision.objects.count())"], cli_env)
    assert counts.stdout.strip().splitlines()[-1] == counts_after.stdout.strip().splitlines()[-1]

    env = {**cli_env, "DJANGO_SUPERUSER_USERNAME": "chief", "DJANGO_SUPERUSER_EMAIL": "chief@example.org", "DJANGO_SUPERUSER_PASSWORD": "s3cret-pass-word"}
    made = run(["manage", "createsuperuser", "--noinput"], env)
    assert made.returncode == 0, made.stderr
    assert "Superuser created successfully" in made.stdout

    worker = run(["worker", "--once"], cli_env)
    assert worker.returncode == 0, worker.stderr
    assert "Worker stopped." in worker.stdout


def test_seed_adds_articles_and_reports_the_time(cli_env):
    """`dateline seed` adds the asked-for articles and comments and prints how long it took."""
    result = run(["seed", "--articles", "25", "--comments", "50", "--sections", "3", "--tags", "10", "--seed", "7"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Seeded 25 articles and 50 comments in" in result.stdout


def wait_until_serving(port, process, *, seconds=300) -> bool:
    """Wait for the first answer. The first start collects and brotli-compresses every static
    file, which takes a minute or more on a busy 2-core machine; this is a readiness wait, not a timing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return True
        except OSError:
            if process.poll() is not None:
                return False
            time.sleep(0.5)
    return False


def test_serve_runs_a_production_server(cli_env, collected_static):
    """`dateline serve` serves pages with cache headers and hashed, compressed static files."""
    with_static(cli_env, collected_static)
    assert run(["manage", "migrate", "--verbosity", "0"], cli_env).returncode == 0
    port = free_port()
    process = subprocess.Popen(
        [DATELINE, "serve", "--port", str(port), "--workers", "1", "--no-worker"],
        env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        html, headers = None, None
        if wait_until_serving(port, process):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                html = response.read().decode()
                headers = response.headers
        assert html is not None, process.stdout.read() if process.poll() is not None else "server did not answer"
        assert "public" in headers["Cache-Control"]
        import re

        css = re.search(r'href="(/static/dateline/site\.[0-9a-f]{12}\.css)"', html)
        assert css, "the stylesheet should have a hashed name"
        request = urllib.request.Request(f"http://127.0.0.1:{port}{css.group(1)}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert "max-age=315360000" in response.headers["Cache-Control"]
            assert response.headers.get("Content-Encoding") == "gzip"
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=90)  # a graceful stop lets requests in flight finish; slow on a busy machine
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            raise


def test_stopping_serve_stops_its_worker(cli_env, collected_static):
    """SIGTERM to `dateline serve` stops the server and its background worker, leaving no process behind."""
    with_static(cli_env, collected_static)
    assert run(["manage", "migrate", "--verbosity", "0"], cli_env).returncode == 0
    port = free_port()
    process = subprocess.Popen([DATELINE, "serve", "--port", str(port), "--workers", "1"], env=cli_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until_serving(port, process), "server did not answer"
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 2, children  # granian and the worker
        process.terminate()
        assert process.wait(timeout=40) == 0
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    finally:
        if process.poll() is None:
            process.kill()
