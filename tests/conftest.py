"""Fixtures shared by the whole suite: clean caches, and a Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, which makes Django
# refuse ORM calls there ("You cannot call this from an async context"). The
# tests are synchronous code, so tell Django that is fine.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parent.parent
SHOTS_COPY_DIR = Path("/tmp/shots")


@pytest.fixture(autouse=True)
def _clear_caches():
    """Start every test with empty caches: lists live in "default", renditions in "renditions"."""
    from django.core.cache import caches

    from dateline.core.cache import local_clear

    for cache in caches.all():
        cache.clear()
    local_clear()  # this process's copies of rendered HTML (dateline.core.cache)
    yield


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; never a downloaded browser.

    Skipped on a developer machine without /usr/bin/chromium; under CI=true a
    missing Chromium is a failure, so a broken setup cannot pass as skipped tests.
    """
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing; run `make test-deps` (apt-get install chromium)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, _one_set_of_db_connections():
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def _one_set_of_db_connections():
    """Keep Django's database connections the same while Playwright runs.

    Between its calls, Playwright's sync API marks an asyncio loop as running
    in the test thread. Django keeps its connections in a ``Local`` that then
    switches to a second, empty set meant for async code, which lacks what
    pytest-django set up on the first (open test transactions, the snapshot
    that ``serialized_rollback`` restores). Point the second set at the first
    for this thread while the browser is up.
    """
    from django.db import connections

    storage = getattr(connections._connections, "_storage", None)
    if not isinstance(storage, threading.local):
        yield  # asgiref keeps its storage differently now; nothing we can do here
        return
    missing = object()
    previous = getattr(storage, "cvar", missing)
    storage.cvar = storage  # asgiref's async-mode lookup reads storage.cvar
    try:
        yield
    finally:
        if previous is missing:
            with contextlib.suppress(AttributeError):
                del storage.cvar
        else:
            storage.cvar = previous


@pytest.fixture
def page(browser):
    """A fresh browser context and page, 1280 px wide; tests resize it as they need."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where screenshots go: $DATELINE_SCREENSHOT_DIR, else a pytest temporary folder."""
    configured = os.environ.get("DATELINE_SCREENSHOT_DIR")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot(page, screenshot_dir):
    """Save a full-page screenshot under a name, plus a copy in /tmp/shots/ for people to look at."""

    def take(name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        try:
            SHOTS_COPY_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, SHOTS_COPY_DIR / path.name)
        except OSError:
            pass  # the copy is a convenience; the test's own file is the record
        return path

    return take
