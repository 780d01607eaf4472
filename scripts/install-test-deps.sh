#!/usr/bin/env bash
# Install the Debian packages the test suite needs, and only the missing ones:
# a PostgreSQL server (tests start a throwaway cluster of their own), Chromium
# (driven by Playwright), Java (for the Nu HTML checker) and Node.js with npm
# (to install vnu-jar and axe-core), redis-server (the Redis view buffer's tests) and nginx-light (the shipped nginx config's tests). On a warm machine this does nothing and
# never touches apt.
set -euo pipefail

have_postgres() {
    command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && return 0
    compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

missing=()
have_postgres || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# nginx runs the shipped deploy/nginx config in tests/pagecache/test_nginx.py (purge through nginx).
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing+=(nginx-light)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ! command -v node >/dev/null 2>&1; then
    missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "Test dependencies: all present."
    exit 0
fi

echo "Test dependencies: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-test-deps: run as root (or install sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}"
