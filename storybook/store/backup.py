"""Store: backups through SQLite's online backup API, each proven good before it counts.

A backup is copied to a hidden temporary name (0600), switched to a self-contained rollback-journal
file, checked (not empty, opens, ``integrity_check``, has the schema revision table) and only then
renamed into ``backups/``. A small JSON sidecar records when and why it was taken, its size, schema
revision and story count. A backup that fails any step leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from storybook.paths import backups_dir
from storybook.store.access import read_only_uri
from storybook.store.errors import BackupError
from storybook.store.fileops import fsync_dir, fsync_file, pid_alive, remove_quietly, write_private_atomic
from storybook.store.thinning import KEEP_RECENT, select_kept

log = logging.getLogger(__name__)
KEEP_BACKUPS = KEEP_RECENT
SIDECAR = ".json"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"-(\d{8}-\d{6}-\d{6})-(?P<reason>[\w.-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what is known about it."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    revision: str | None
    stories: int | None
    verified: bool
    problem: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "size": self.size,
            "schema_revision": self.revision,
            "stories": self.stories,
            "verified": self.verified,
            "problem": self.problem,
        }


def stories_text(count: int | None) -> str:
    """"1 story", "13 stories", "? stories" (unknown)."""
    if count is None:
        return "? stories"
    return f"{count} stor{'y' if count == 1 else 'ies'}"


def verify_database_file(path: Path) -> tuple[str, int]:
    """Prove ``path`` is a usable Storybook database; return its revision and story count.

    Raises BackupError saying what is wrong. An empty file, which SQLite happily treats as an empty
    database, is refused here.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BackupError(f"{path.name} cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise BackupError(f"{path.name} is empty (0 bytes)")
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return _check_open_database(con, path)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name} does not open as a database ({exc})") from exc


def _check_open_database(con: sqlite3.Connection, path: Path) -> tuple[str, int]:
    row = con.execute("PRAGMA integrity_check").fetchone()
    if not row or row[0] != "ok":
        raise BackupError(f"{path.name} fails its integrity check ({row[0] if row else 'no answer'})")
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        raise BackupError(f"{path.name} has no schema revision table")
    revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    if not revision or "story" not in tables:
        raise BackupError(f"{path.name} has no schema revision")
    columns = {r[1] for r in con.execute("PRAGMA table_info(story)")}
    live = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
    stories = con.execute(f"SELECT COUNT(*) FROM story{live}").fetchone()[0]  # noqa: S608 - fixed text
    return str(revision[0]), int(stories)


def count_stories(path: Path) -> int | None:
    """Stories in a database file, or None when it cannot be read as one."""
    try:
        return verify_database_file(path)[1]
    except BackupError:
        return None


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR)


def _taken_at_from_name(path: Path) -> tuple[datetime, str]:
    match = _NAME.search(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return datetime.strptime(match.group(1), STAMP_FORMAT), match.group("reason")
    return datetime.fromtimestamp(path.stat().st_mtime), "unknown"


def list_backups(db_path: Path) -> list[Path]:
    """Backup files of ``db_path``, newest first (temporary and sidecar files are not backups)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite"), reverse=True)


def read_backup_info(path: Path) -> BackupInfo:
    """What is known about one backup: its sidecar when it still matches the file, else a fresh check."""
    size = path.stat().st_size
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        if int(data["size"]) == size:
            return BackupInfo(path, datetime.fromisoformat(data["taken_at"]), str(data["reason"]), size,
                              data.get("schema_revision"), data.get("stories"), bool(data.get("verified")))
    taken_at, reason = _taken_at_from_name(path)
    try:
        revision, stories = verify_database_file(path)
    except BackupError as exc:
        return BackupInfo(path, taken_at, reason, size, None, None, False, str(exc))
    return BackupInfo(path, taken_at, reason, size, revision, stories, True)


def backup_infos(db_path: Path) -> list[BackupInfo]:
    """Every backup of ``db_path``, newest first."""
    infos = []
    for path in list_backups(db_path):
        with contextlib.suppress(OSError):  # removed while we looked
            infos.append(read_backup_info(path))
    return sorted(infos, key=lambda i: i.taken_at, reverse=True)


def good_backups(db_path: Path) -> list[BackupInfo]:
    return [info for info in backup_infos(db_path) if info.verified]


def best_backup(infos: list[BackupInfo]) -> BackupInfo | None:
    """The backup to offer first: the newest verified one that holds stories, else the newest verified one."""
    verified = [i for i in infos if i.verified]
    with_stories = [i for i in verified if i.stories]
    return (with_stories or verified or [None])[0]


def newest_good_backup(db_path: Path) -> Path | None:
    best = best_backup(backup_infos(db_path))
    return best.path if best else None


def is_healthy(path: Path) -> bool:
    """True when ``path`` is a non-empty database that passes ``integrity_check`` and has a schema revision."""
    try:
        verify_database_file(path)
    except BackupError:
        return False
    return True


def take_backup(db_path: Path, reason: str = "manual") -> BackupInfo:
    """Back up ``db_path`` now, prove the copy good, then thin old backups. Raises BackupError."""
    try:
        size = db_path.stat().st_size
    except FileNotFoundError as exc:
        raise BackupError(f"there is nothing to back up: {db_path} does not exist") from exc
    if size == 0:
        raise BackupError(f"there is nothing to back up: {db_path} is empty")
    folder = backups_dir(db_path)
    stamp = datetime.now()
    final = folder / f"{db_path.stem}-{stamp.strftime(STAMP_FORMAT)}-{reason}.sqlite"
    partial = folder / f".{final.name}.{os.getpid()}.partial"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_stale_partials(folder)
        info = _write_verified_copy(db_path, partial, final, stamp, reason)
        write_private_atomic(_sidecar(final), json.dumps(info.to_json(), indent=1).encode())
        os.replace(partial, final)
        fsync_dir(folder)
    except (OSError, sqlite3.Error, BackupError) as exc:
        for leftover in (partial, partial.with_name(partial.name + "-journal"),
                         partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
            remove_quietly(leftover)
        if not final.exists():
            remove_quietly(_sidecar(final))
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BackupError(f"the backup of {db_path.name} failed and was removed: {detail}") from exc
    log.info("Backed up %s to %s (%s stories)", db_path, final, info.stories)
    thin_backups(db_path)
    return info


def _remove_stale_partials(folder: Path) -> None:
    """Temporary files of backups whose process was killed (``.NAME.PID.partial`` and its journals)."""
    for stale in folder.glob(".*.partial*"):
        pid = stale.name.split(".partial", 1)[0].rsplit(".", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            remove_quietly(stale)


def _write_verified_copy(db_path: Path, partial: Path, final: Path, stamp: datetime, reason: str) -> BackupInfo:
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    source = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            dest.execute("PRAGMA synchronous=FULL")
            source.backup(dest)
            # The copy inherits WAL mode; a standalone backup should be one self-contained file.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    revision, stories = verify_database_file(partial)
    fsync_file(partial)
    return BackupInfo(final, stamp, reason, partial.stat().st_size, revision, stories, True)


def thin_backups(db_path: Path) -> list[Path]:
    """Remove backups the thinning rule does not keep; return what was removed."""
    infos = backup_infos(db_path)
    kept = select_kept(infos, datetime.now())
    removed = []
    for info in infos:
        if info.path not in kept:
            remove_quietly(info.path)
            remove_quietly(_sidecar(info.path))
            removed.append(info.path)
    folder = backups_dir(db_path)
    for orphan in folder.glob(f"{db_path.stem}-*.sqlite{SIDECAR}") if folder.is_dir() else ():
        if not orphan.with_name(orphan.name.removesuffix(SIDECAR)).exists():
            remove_quietly(orphan)
    if removed:
        log.info("Thinned %d old backups of %s", len(removed), db_path.name)
    return removed


def backup_database(db_path: Path, reason: str = "manual") -> Path | None:
    """Take a backup and return its path, or None (logged) when there is nothing to back up or it failed."""
    try:
        return take_backup(db_path, reason).path
    except BackupError as exc:
        log.warning("%s", exc)
        return None
