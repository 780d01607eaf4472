"""Settings for the test suite: a throwaway data folder, fast hashing, caches in memory."""

import os
import tempfile

os.environ.setdefault("DATELINE_DATA_DIR", tempfile.mkdtemp(prefix="dateline-test-"))

from .base import *  # noqa: E402, F403
from .base import CACHES, DATA_DIR, TASK_QUEUES  # noqa: E402

(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    **CACHES,
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "dateline-test"},
}
# Tasks are recorded, not run, unless a test asks for them with the `run_tasks` fixture.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": TASK_QUEUES}}
