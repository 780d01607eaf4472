"""The `dateline` command. Each command parses its options, calls a service, and prints."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from dateline import __version__


class StartupError(click.ClickException):
    """One clear sentence saying what to fix, then exit status 1."""

    def format_message(self):
        return self.message


def _setup_django(*, production: bool = False) -> None:
    if production:
        os.environ["DATELINE_ENV"] = "production"
    from dateline.project import configure

    configure()
    import django

    try:
        django.setup()
    except ValueError as exc:  # a DATELINE_* variable that does not parse
        raise StartupError(f"dateline: {exc}.") from None


def _data_dir(*, create: bool) -> Path:
    from dateline import conf
    from dateline.core.datadir import DataDirError, data_dir_path, data_dir_prepare

    try:
        raw = conf.from_environ()["DATA_DIR"]
    except ValueError as exc:
        raise StartupError(f"dateline: {exc}.") from None
    try:
        return data_dir_prepare(data_dir_path(raw), create=create)
    except DataDirError as exc:
        raise StartupError(f"dateline: {exc}") from None


def _check_database() -> None:
    """Stop with one sentence when the database cannot be reached."""
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if connection.vendor == "sqlite":
            raise StartupError(f"dateline: cannot open the SQLite database in the data folder ({reason}); check DATELINE_DATA_DIR.") from None
        settings = connection.settings_dict
        where = f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings.get('NAME')}"
        raise StartupError(
            f"dateline: cannot reach the database at {where} named by DATELINE_DATABASE_URL ({reason}); start it or fix the URL."
        ) from None


def _check_secret_key() -> None:
    """Refuse to serve in production with a weak or development secret key."""
    from django.conf import settings

    from dateline.security.profile import secret_key_problem

    problem = secret_key_problem(settings.SECRET_KEY)
    if problem:
        raise StartupError(
            f"dateline: the secret key cannot be used in production: {problem}; unset DATELINE_SECRET_KEY "
            "to use the random key kept in the data folder, or set it to 50 or more random characters."
        )


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _check_migrated() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise StartupError(
            "dateline: the database is not up to date; run `dateline manage migrate` (or `dateline demo --no-serve`) first."
        )


def _collectstatic() -> None:
    """Collect, hash and compress static files for the production settings the server runs under.

    Runs in a child process with those settings even when this process was set
    up with the development ones (`dateline demo`), so the manifest is written.
    """
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    stamp = Path(settings.STATIC_ROOT) / ".dateline-version"
    if manifest.exists() and stamp.exists() and stamp.read_text() == __version__:
        return
    click.echo("Collecting and compressing static files…")
    env = {**os.environ, "DATELINE_ENV": "production", "DJANGO_SETTINGS_MODULE": "dateline.project.settings.production"}
    subprocess.run([sys.executable, "-m", "dateline.cli", "manage", "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True)
    stamp.write_text(__version__)


@click.group()
@click.version_option(__version__, prog_name="dateline")
def cli():
    """dateline: a news site and the newsroom behind it.

    Settings come from DATELINE_* environment variables; see docs/settings.md.
    """


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default DATELINE_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default DATELINE_PORT, 8000).")
@click.option("--no-serve", is_flag=True, help="Set up the demo newsroom and stop, without serving.")
def demo(host, port, no_serve):
    """Create the data folder, migrate, load the demo newsroom, then serve it.

    Running it again changes nothing that is already there.
    """
    _data_dir(create=True)
    _setup_django()
    _check_database()
    started = time.monotonic()
    click.echo("Migrating the database…")
    _migrate()
    from dateline import conf
    from dateline.demo.services import demo_load

    click.echo("Loading the demo newsroom…")
    result = demo_load(password=conf.get("DEMO_PASSWORD") or None)
    for line in result.summary_lines():
        click.echo(f"  {line}")
    click.echo(f"Ready in {time.monotonic() - started:.1f} s.")
    if no_serve:
        return
    _serve(host=host, port=port, workers=None, with_worker=True)


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default DATELINE_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default DATELINE_PORT, 8000).")
@click.option("--workers", type=int, default=None, help="Server processes (default DATELINE_WORKERS; 0 = one per core).")
@click.option("--worker/--no-worker", "with_worker", default=True, help="Also run the background task worker (default on).")
def serve(host, port, workers, with_worker):
    """Serve the site with granian, a production server, under the production settings."""
    _data_dir(create=False)
    _setup_django(production=True)
    _check_secret_key()
    _check_database()
    _check_migrated()
    _serve(host=host, port=port, workers=workers, with_worker=with_worker)


#: Seconds a stopping server gets to finish requests in flight before it is killed.
SERVER_STOP_SECONDS = 20


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and its descendants (granian's main and its worker processes)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:  # field 4, the parent's id
                _kill_tree(int(stat.parent.name))
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _wait_for_server(server: subprocess.Popen, stop_requested: list[int]) -> int:
    """Wait for the server to exit. Once a stop was asked for, wait at most
    SERVER_STOP_SECONDS (plus a margin for granian's own kill timeout), then kill it,
    so `dateline serve` always ends when told to."""
    while True:
        try:
            return server.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        if stop_requested:
            try:
                return server.wait(timeout=SERVER_STOP_SECONDS + 10)
            except subprocess.TimeoutExpired:
                click.echo("The server did not stop in time; killing it.", err=True)
                _kill_tree(server.pid)
                server.wait()
                return 0  # stopped as asked, if not gracefully


def _serve(*, host, port, workers, with_worker: bool) -> None:
    from dateline import conf

    os.environ["DATELINE_ENV"] = "production"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.project.settings.production"
    _collectstatic()
    host = host or conf.get("HOST")
    port = port or conf.get("PORT")
    workers = workers if workers is not None else conf.get("WORKERS")
    workers = workers or os.cpu_count() or 1
    granian = shutil.which("granian", path=str(Path(sys.executable).parent)) or shutil.which("granian")
    if granian is None:
        raise StartupError("dateline: granian is not installed in this environment; run `make install`.")
    command = [
        granian,
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--blocking-threads", "1",
        "--backlog", "2048",
        "--no-ws",
        # granian waits forever for a worker that will not stop; past this it kills it.
        "--workers-kill-timeout", str(SERVER_STOP_SECONDS),
        "dateline.project.wsgi:application",
    ]
    # Stop requests are caught from here on, before any child exists: a SIGTERM that
    # arrives while the server is still starting must stop it too, not orphan it.
    stop_requested: list[int] = []
    server = worker_process = None

    def forward(signum, frame):
        # A stop for us is a graceful stop for the server and the worker, so nothing is cut off.
        stop_requested.append(signum)
        if server is not None and server.poll() is None:
            server.send_signal(signum)
        if worker_process is not None:
            worker_process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    if with_worker:
        from dateline.operations.supervisor import WorkerSupervisor  # starts it again if it dies

        worker_process = WorkerSupervisor([sys.executable, "-m", "dateline.cli", "worker"], env=os.environ.copy(), echo=click.echo)
    from dateline.security.profile import admin_prefix

    click.echo(f"Serving on http://{host}:{port}/ with {workers} worker process(es); the admin is at {admin_prefix()}. Ctrl-C stops.")
    server = subprocess.Popen(command, env=os.environ.copy())
    if stop_requested:
        server.send_signal(stop_requested[0])
    try:
        returncode = _wait_for_server(server, stop_requested)
    finally:
        if worker_process is not None:
            worker_process.stop(timeout=SERVER_STOP_SECONDS)
    if returncode not in (0, -2, -15, 130):
        sys.exit(returncode)


@cli.command()
@click.option("--interval", type=float, default=30.0, show_default=True, help="Seconds between scheduled-publishing runs.")
@click.option("--once", is_flag=True, help="Run the periodic jobs and the queued tasks once, then stop.")
def worker(interval, once):
    """Run background work: queued tasks, and Wagtail's scheduled publishing."""
    _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.core.worker import worker_run

    worker_run(interval=interval, once=once, echo=click.echo)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args):
    """Run one of Django's management commands: `dateline manage createsuperuser`."""
    creates = bool(args) and args[0] in {"migrate"}
    if args and args[0] not in {"help", "--help", "-h", "version", "--version"}:
        _data_dir(create=creates)
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dateline manage", *args])


@cli.command()
@click.option("--articles", type=click.IntRange(min=0), default=1000, show_default=True, help="Articles to add.")
@click.option("--comments", type=click.IntRange(min=0), default=0, show_default=True, help="Approved comments to add, spread over the new articles.")
@click.option("--sections", type=click.IntRange(min=1), default=11, show_default=True, help="Sections to spread them over (made when missing).")
@click.option("--tags", type=click.IntRange(min=0), default=200, show_default=True, help="Tags to draw from (made when missing).")
@click.option("--seed", "random_seed", type=int, default=1, show_default=True, help="Random seed, for repeatable data.")
def seed(articles, comments, sections, tags, random_seed):
    """Add synthetic articles and comments in bulk, for benchmarks.

    Bulk inserts that keep Wagtail's page tree valid; prints the time taken.
    """
    _data_dir(create=True)
    _setup_django()
    _check_database()
    _migrate()
    from dateline.demo.seed import seed_bulk

    started = time.monotonic()
    result = seed_bulk(articles=articles, comments=comments, sections=sections, tags=tags, seed=random_seed, echo=click.echo)
    elapsed = time.monotonic() - started
    click.echo(f"Seeded {result.articles} articles and {result.comments} comments in {elapsed:.1f} s.")


@cli.group()
def related():
    """Related posts: recompute the stored lists."""


@related.command("rebuild")
@click.option("--all", "rebuild_all", is_flag=True, help="Refit the text model and recompute every published article's list.")
@click.option("--article", "article_ids", type=int, multiple=True, help="Recompute this article's list (and the lists it is in).")
def related_rebuild_command(rebuild_all, article_ids):
    """Recompute related lists: every list with --all, or the given articles'."""
    _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.related.services import related_rebuild, related_recompute_affected

    if not rebuild_all and not article_ids:
        raise click.UsageError("say --all, or name articles with --article ID")
    started = time.monotonic()
    if rebuild_all:

        def progress(items):
            items = list(items)
            with click.progressbar(items, label="Related lists", show_pos=True) as bar:  # drawn only on a terminal
                yield from bar

        count = related_rebuild(progress=progress)
    else:
        count = sum(related_recompute_affected(article_id=pk) for pk in article_ids)
    click.echo(f"Recomputed {count} related lists in {time.monotonic() - started:.1f} s.")


# comments commands (issue 6)
@cli.group()
def comments():
    """Reader comments: forget a commenter, send the moderators' digest, apply the retention period."""


@comments.command("forget")
@click.argument("email")
@click.option("--delete-text", is_flag=True, help="Also erase the text of their comments and take them off the site.")
def comments_forget_command(email, delete_text):
    """Erase one commenter's personal data (name, email, website, address hash) and say what was removed."""
    _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.comments.services import CommentError, commenter_forget

    try:
        removed = commenter_forget(email=email, delete_text=delete_text)
    except CommentError as exc:
        raise click.UsageError(exc.message) from None
    if not removed["comments"]:
        click.echo(f"No comments from {email}; nothing to remove.")
        return
    n = removed["comments"]
    click.echo(f"Forgot {email}: {n} comment{'s' if n != 1 else ''} now show the name \"Anonymous\".")
    click.echo(f"  Removed: {removed['names']} names, {removed['emails']} email addresses, {removed['websites']} websites, "
               f"{removed['address_hashes']} address hashes, {removed['reply_subscriptions']} reply-mail subscriptions"
               + (f", {removed['texts']} comment texts." if delete_text else "."))
    if not delete_text:
        click.echo("  The comment texts stay on the site; add --delete-text to erase them too.")


@comments.command("digest")
@click.option("--force", is_flag=True, help="Send even if this window's digest was already sent.")
def comments_digest_command(force):
    """Mail the moderators one digest of the comments waiting for moderation."""
    _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.comments.services import digest_send

    result = digest_send(force=force)
    if result["sent"]:
        click.echo(f"Digest sent to {result['recipients']} moderator(s): {result['waiting']} comment(s) waiting.")
    else:
        click.echo(f"No digest sent: {result['why']} ({result['waiting']} waiting).")


@comments.command("retention")
def comments_retention_command():
    """Erase commenters' email, website and address hash from comments older than the retention period."""
    _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.comments.services import comments_retention_apply

    result = comments_retention_apply()
    if not result["days"]:
        click.echo("Retention is off (DATELINE_COMMENTS_RETENTION_DAYS=0); nothing erased.")
    else:
        click.echo(f"Erased personal data from {result['comments']} comment(s) older than {result['days']} days.")


# distribution commands (issue 7)


# serving commands (issue 8)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--all", "purge_all", is_flag=True, help="Drop every page from the embedded cache (front-end caches let theirs age out).")
def purge(paths, purge_all):
    """Purge reader pages from the page caches: `dateline purge /world/ /`.

    Every server process drops the pages before its next answer; configured
    front-end caches (DATELINE_PURGE_URLS) are refreshed at once.
    """
    if not paths and not purge_all:
        raise click.UsageError("name the pages' paths (such as /world/), or say --all")
    bad = [p for p in paths if not p.startswith("/")]
    if bad:
        raise click.UsageError(f"paths start with a slash: {', '.join(bad)}")
    _data_dir(create=False)
    _setup_django()
    from dateline import conf
    from dateline.pagecache.journal import ALL
    from dateline.pagecache.services import pages_purge

    purged = pages_purge(paths=[ALL] if purge_all else paths, frontend="now")
    if purge_all:
        click.echo(f"Purged every page from the embedded cache; front-end caches keep theirs for at most {conf.get('PAGE_MAX_AGE')} s.")
    else:
        click.echo(f"Purged {len(purged)} page(s): {' '.join(purged)}")


# import commands (issue 9)


def _section_map_parse(ctx, param, values) -> dict[str, str]:
    mapping = {}
    for value in values:
        category, sep, section = value.partition("=")
        if not sep or not category.strip() or not section.strip():
            raise click.BadParameter(f"{value!r}: write CATEGORY=SECTION, with WordPress's category slug and a section slug")
        mapping[category.strip()] = section.strip()
    return mapping


@cli.command("import-wordpress")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Read and check everything, print the summary, write nothing.")
@click.option("--media-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="The site's wp-content/uploads folder, to import image files from.")
@click.option("--site-url", default="", help="The WordPress site's address, when the export's own is not the one to key on.")
@click.option("--section-map", "section_map", multiple=True, callback=_section_map_parse, metavar="CATEGORY=SECTION", help="Put posts whose first category is CATEGORY in section SECTION (repeatable).")
@click.option("--pages-section", default="", metavar="SLUG", help="Import WordPress pages as articles in this section (default: pages are skipped).")
@click.option("--pingbacks/--no-pingbacks", default=True, show_default=True, help="Keep pingbacks and trackbacks as their own kind of comment.")
def import_wordpress(file, dry_run, media_dir, site_url, section_map, pages_section, pingbacks):
    """Import a WordPress export (WXR, Tools → Export) in one transaction.

    Authors, categories and tags, posts with their comments, featured images,
    view counts and redirects from the old addresses. Importing the same file
    again updates what changed and duplicates nothing. On any error nothing
    is written. See docs/wordpress.md.
    """
    _data_dir(create=False)
    _setup_django()
    _check_database()
    _check_migrated()
    from dateline.importers.wordpress.parser import WXRError
    from dateline.importers.wordpress.services import ImportAbort, wordpress_import

    def progress(items, total):
        with click.progressbar(items, length=total, label="Importing", show_pos=True, file=sys.stderr) as bar:  # drawn only on a terminal
            yield from bar

    started = time.monotonic()
    try:
        summary = wordpress_import(
            path=file,
            dry_run=dry_run,
            media_dir=media_dir,
            site_url=site_url,
            section_map=section_map,
            pages_section=pages_section,
            pingbacks=pingbacks,
            progress=progress,
        )
    except (WXRError, ImportAbort) as exc:
        raise StartupError(f"dateline import-wordpress: {file}: {exc}. Nothing was written.") from None
    for line in summary.lines():
        click.echo(line)
    click.echo(f"Done in {time.monotonic() - started:.1f} s.")


# security and operations commands (issue 10)
@cli.command()
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the backup file in (default: DATA_DIR/backups).")
def backup(folder):
    """Back up the database and the media into one file, while the site keeps serving.

    SQLite is copied with its online backup API, PostgreSQL with pg_dump; the
    file also lists every table's row count, which `dateline restore` checks.
    """
    data = _data_dir(create=False)
    _setup_django()
    _check_database()
    from dateline.operations.backup import BackupError, backup_create

    started = time.monotonic()
    try:
        path = backup_create(to=folder or data / "backups")
    except BackupError as exc:
        raise StartupError(f"dateline: {exc}") from None
    size = path.stat().st_size / 1_048_576
    click.echo(f"Backed up to {path} ({size:.1f} MB) in {time.monotonic() - started:.1f} s.")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a site that already has content.")
def restore(file, force):
    """Bring a site back from a `dateline backup` file.

    Refuses a site that already has articles, accounts or media unless --force.
    Stop `dateline serve` first: readers would see the site change under them.
    """
    _data_dir(create=True)
    _setup_django()
    _check_database()
    _migrate()
    from dateline.operations.backup import BackupError, backup_restore

    started = time.monotonic()
    try:
        result = backup_restore(path=file, force=force)
    except BackupError as exc:
        raise StartupError(f"dateline: {exc}") from None
    if result.mismatched:
        for table, (expected, found) in sorted(result.mismatched.items()):
            click.echo(f"  {table}: {found} rows, the backup had {expected}", err=True)
        raise StartupError("dateline: the restored database does not match the backup's row counts (listed above).")
    click.echo(
        f"Restored {result.rows} rows in {result.tables} tables and {result.media_files} media files "
        f"in {time.monotonic() - started:.1f} s; every table matches the backup."
    )


def main():  # pragma: no cover
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
