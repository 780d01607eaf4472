"""Run the shipped nginx configuration (deploy/nginx/) on loopback ports, for tests and benchmarks.

:func:`nginx_render` turns ``deploy/nginx/dateline.conf`` into a complete
configuration for a private nginx: the marked values (upstream, listen ports,
data and cache folders, the proxy snippet) are replaced, nothing else is, so
what is tested is what ships. :func:`nginx_running` starts it in the
foreground of a child process and always stops it.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "deploy" / "nginx" / "dateline.conf"
SNIPPET = ROOT / "deploy" / "nginx" / "dateline-proxy.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def nginx_render(*, folder: Path, upstream: str, port: int, purge_port: int, data_dir: Path,
                 extra_server: str = "", workers: int = 2) -> Path:
    """Write ``folder/nginx.conf`` running the shipped site config; return its path."""
    site = SHIPPED.read_text()
    replacements = {
        "/var/cache/nginx/dateline": str(folder / "cache"),
        "server 127.0.0.1:8000;": f"server {upstream};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "listen [::]:80;": "",
        "listen 127.0.0.1:8081;": f"listen 127.0.0.1:{purge_port};",
        "/srv/dateline/var/": f"{data_dir}/",
        "/etc/nginx/snippets/dateline-proxy.conf": str(SNIPPET),
    }
    for old, new in replacements.items():
        if old not in site:
            raise ValueError(f"deploy/nginx/dateline.conf no longer contains {old!r}; update bench/nginxutil.py")
        site = site.replace(old, new)
    if extra_server:
        site = site.replace("    keepalive_requests 10000;\n", "    keepalive_requests 10000;\n" + extra_server, 1)
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    (folder / "site.conf").write_text(site)
    main = f"""
daemon off;
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
user root;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
    path = folder / "nginx.conf"
    path.write_text(main)
    return path


def nginx_test(conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([nginx_binary(), "-t", "-c", str(conf), "-p", str(conf.parent)], capture_output=True, text=True)


@contextlib.contextmanager
def nginx_running(conf: Path, *, port: int) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([nginx_binary(), "-c", str(conf), "-p", str(conf.parent)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__nginx-alive", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # nginx answered
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"nginx stopped: {process.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield process
    finally:
        process.terminate()  # SIGTERM: fast shutdown of master and workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
