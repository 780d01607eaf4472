"""The data folder: where the SQLite database, media, cache and secret key live."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class DataDirError(Exception):
    """The data folder cannot be used; the message says what to fix."""


def data_dir_path(raw: str) -> Path:
    return Path(raw).expanduser().resolve()


def data_dir_prepare(path: Path, *, create: bool) -> Path:
    """Check (and with ``create``, make) the data folder; raise DataDirError saying what to fix."""
    if not path.exists():
        if not create:
            raise DataDirError(
                f"The data folder {path} does not exist: run `dateline demo --no-serve` "
                "to create it, or set DATELINE_DATA_DIR to an existing folder."
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataDirError(
                f"The data folder {path} cannot be created ({exc.strerror}): "
                "set DATELINE_DATA_DIR to a folder this user can write."
            ) from None
    if not path.is_dir():
        raise DataDirError(f"The data folder {path} is a file, not a folder: set DATELINE_DATA_DIR to a folder.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(
            f"The data folder {path} is not writable by this user: fix its permissions "
            "or set DATELINE_DATA_DIR to a folder this user can write."
        )
    for sub in ("media", "cache", "static"):
        (path / sub).mkdir(exist_ok=True)
    return path


def secret_key_from_data_dir(path: Path) -> str:
    """Read the site's secret key from the data folder, making it on first use.

    When the folder does not exist yet, an ephemeral key is returned; the CLI's
    start-up check stops before anything that needs a lasting key.
    """
    key_file = path / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    except OSError:
        return secrets.token_urlsafe(50)
    if not path.is_dir() or not os.access(path, os.W_OK):
        return secrets.token_urlsafe(50)
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key.encode())
    finally:
        os.close(fd)
    return key
