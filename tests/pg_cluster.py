"""A throwaway PostgreSQL cluster for the test suite, and a runner that uses it.

``python -m tests.pg_cluster [PYTEST ARGS]`` starts a private cluster in a
temporary folder, on a free loopback port, runs pytest against it with
``DATELINE_DATABASE_URL=postgres://dateline@127.0.0.1:PORT/dateline``, then
stops the cluster and removes the folder: on success, on failure, on Ctrl-C
and on SIGTERM. It exits with pytest's status.

The cluster trusts local connections and has one superuser, ``dateline``, so
pytest-django can create and drop its test databases. Durability is switched
off (``fsync``, ``synchronous_commit``, ``full_page_writes``): nothing here
outlives the run. ``initdb`` refuses to run as root, so when the runner is
root the server runs as the ``postgres`` system user, through ``runuser``.

The binaries come from ``$PG_BINDIR`` if set, else Debian's newest
``/usr/lib/postgresql/<version>/bin``, else ``pg_ctl`` on the ``PATH``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROLE = "dateline"
DATABASE = "dateline"
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "128MB",
}


class ClusterError(RuntimeError):
    """The throwaway cluster could not be set up; the message says why."""


def pg_bindir() -> Path:
    """The folder holding initdb and pg_ctl."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=version, reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(os.path.realpath(on_path)).parent
    raise ClusterError(
        "PostgreSQL's server binaries (initdb, pg_ctl) were not found; "
        "run `make test-deps` (apt-get install postgresql) or set PG_BINDIR."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs the server's tools, and the user they run as."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterError(
            "running as root, and there is no `postgres` system user to run the server as; "
            "install Debian's postgresql package, which creates it."
        ) from None
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [runuser, "-u", "postgres", "--"], user


def _run(command: list[str], *, what: str, **kwargs) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kwargs)
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise ClusterError(f"{what} failed (exit {completed.returncode}): {' '.join(command)}\n{output}")


@contextlib.contextmanager
def pg_cluster(*, start_attempts: int = 3) -> Iterator[str]:
    """Start a throwaway cluster; yield its database URL; always stop it and remove its folder."""
    bindir = pg_bindir()
    prefix, user = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    data = base / "data"
    log = base / "postgres.log"
    started = False
    try:
        if user is not None:
            os.chown(base, user.pw_uid, user.pw_gid)
        _run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", ROLE, "--auth=trust",
             "--encoding=UTF8", "--no-locale", "--no-sync"],
            what="initdb",
        )
        for attempt in range(1, start_attempts + 1):
            port = free_port()
            options = [f"-p {port}", f"-k {base}"] + [f"-c {k}={v}" for k, v in SERVER_SETTINGS.items()]
            command = [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                       "-o", " ".join(options), "start"]
            # A session of its own keeps a Ctrl-C meant for pytest away from the server,
            # so pytest can still drop its test databases before the cluster stops.
            completed = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
            if completed.returncode == 0:
                started = True
                break
            if attempt == start_attempts:
                server_log = log.read_text(errors="replace") if log.exists() else ""
                raise ClusterError(
                    f"pg_ctl start failed {start_attempts} times; last output:\n"
                    f"{completed.stdout}{completed.stderr}\n{server_log[-3000:]}"
                )
            time.sleep(0.5)  # most likely the port was taken between choosing it and binding it
        _run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", ROLE, DATABASE],
             what="createdb")
        yield f"postgres://{ROLE}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if started:
            _stop(prefix, bindir, data)
        shutil.rmtree(base, ignore_errors=True)


def _stop(prefix: list[str], bindir: Path, data: Path) -> None:
    for mode in ("fast", "immediate"):
        completed = subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "-t", "30", "stop"],
            capture_output=True, text=True, stdin=subprocess.DEVNULL,
        )
        if completed.returncode == 0:
            return
    # pg_ctl could not stop it: signal the postmaster directly so no server outlives the run.
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int((data / "postmaster.pid").read_text().splitlines()[0])
        os.kill(pid, signal.SIGKILL)


def _raise_on_termination(signum, frame):
    raise SystemExit(128 + signum)


def run_pytest(args: list[str]) -> int:
    """Run pytest in a child process against a throwaway cluster; return its exit status."""
    signal.signal(signal.SIGTERM, _raise_on_termination)
    signal.signal(signal.SIGHUP, _raise_on_termination)
    try:
        with pg_cluster() as url:
            print(f"pg_cluster: PostgreSQL test cluster at {url}", flush=True)
            env = {**os.environ, "DATELINE_DATABASE_URL": url}
            child = subprocess.Popen([sys.executable, "-m", "pytest", *args], env=env)
            try:
                return child.wait()
            except KeyboardInterrupt:
                # pytest got the same Ctrl-C; let it tear down, then stop the cluster.
                try:
                    return child.wait(timeout=60)
                except (KeyboardInterrupt, subprocess.TimeoutExpired):
                    child.kill()
                    child.wait()
                    return 130
            except SystemExit:
                child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
                raise
    except ClusterError as exc:
        print(f"pg_cluster: {exc}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(run_pytest(sys.argv[1:]))
