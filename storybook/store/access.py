"""Store: what state a database file is in and whether the user lets Storybook write it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def file_state(path: Path) -> str:
    """"missing", "empty" (0 bytes and no write-ahead log with data) or "present"."""
    size = _size(path)
    if size is None:
        return "missing"
    if size == 0 and not _size(path.with_name(path.name + "-wal")):
        return "empty"
    return "present"


def _not_writable(path: Path) -> bool:
    """The owner's write bit is off, or this user cannot write (root ignores modes, so ask the bits too)."""
    mode = path.stat().st_mode
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def read_only_reason(path: Path) -> str:
    """Why ``path`` must not be written ("" when it may): a read-only file or folder."""
    if _not_writable(path):
        return f"the file's mode is {stat.S_IMODE(path.stat().st_mode):04o}"
    if _not_writable(path.parent):
        return f"its folder {path.parent} cannot be written"
    return ""


def read_only_uri(path: Path) -> str:
    """A ``mode=ro`` SQLite URI for ``path`` (quoted, so '?', '#' or '%' in a folder name are safe).

    In a folder nobody can write, SQLite cannot create the -shm file a WAL database needs even to read;
    there no writer can exist either, so when no -wal or -shm is present the file is opened immutable.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    logs_absent = not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    if logs_absent and path.parent.exists() and _not_writable(path.parent):
        uri += "&immutable=1"
    return uri
