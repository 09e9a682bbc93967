"""Store: putting a backup back in place of the database, safely.

The backup is verified and copied next to the database first; then the current database is backed
up (or, when it cannot be read, moved aside with its -wal and -shm untouched), the write-ahead log is
checkpointed and removed so it cannot be replayed onto the restored file, the copy is renamed over
the database in one step, and the result is verified again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storybook.paths import backups_dir
from storybook.store.access import file_state
from storybook.store.backup import stories_text, take_backup, verify_database_file
from storybook.store.errors import BackupError, DatabaseLockedError, RestoreError
from storybook.store.fileops import fsync_dir, fsync_file, remove_quietly
from storybook.store.revisions import known_revisions

log = logging.getLogger(__name__)

try:  # POSIX: the same advisory lock the desktop app holds while a database is open
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    backup: Path
    stories: int
    revision: str
    saved_current: Path | None = None  # a verified backup of the database that was replaced
    kept_aside: Path | None = None  # the unreadable database, moved aside unchanged

    def describe(self) -> str:
        text = f"Restored {stories_text(self.stories)} from {self.backup.name}."
        if self.saved_current:
            text += f" The database it replaced was backed up as {self.saved_current.name}."
        if self.kept_aside:
            text += f" The unreadable database was kept as {self.kept_aside.name}."
        return text


def resolve_backup(db_path: Path, name: str | os.PathLike[str]) -> Path:
    """A backup given as a path, or as a file name inside the database's backups folder."""
    candidate = Path(name).expanduser()
    if candidate.is_file():
        return candidate.resolve()
    inside = backups_dir(db_path) / candidate.name
    if inside.is_file():
        return inside
    raise RestoreError(f"no backup named {name} (looked in {backups_dir(db_path)})")


@contextlib.contextmanager
def _exclusive(db_path: Path) -> Iterator[None]:
    """Hold the app's lock file, so no Storybook window has the database open during the swap."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(db_path.with_name(db_path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise DatabaseLockedError(db_path) from exc
        yield
    finally:
        os.close(fd)


def _logs(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _copy_verified(backup: Path, db_path: Path) -> tuple[Path, str, int]:
    temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.restoring")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with open(backup, "rb") as src, os.fdopen(fd, "wb") as dst:
            shutil.copyfileobj(src, dst)
        fsync_file(temp)
        revision, stories = verify_database_file(temp)
    except (OSError, BackupError) as exc:
        remove_quietly(temp)
        raise RestoreError(f"could not copy {backup.name} next to the database: {exc}") from exc
    return temp, revision, stories


def _secure_current(db_path: Path) -> tuple[Path | None, Path | None]:
    """Back up the current database; if it cannot be backed up, move it (and its logs) aside unchanged."""
    if file_state(db_path) != "present":
        return None, None
    try:
        return take_backup(db_path, reason="pre-restore").path, None
    except BackupError as exc:
        log.warning("Cannot back up the current database (%s); moving it aside", exc)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
    for src, dst in zip((db_path, *_logs(db_path)), (aside, *_logs(aside)), strict=True):
        if src.exists():
            os.replace(src, dst)
    return None, aside


def _checkpoint_and_drop_logs(db_path: Path) -> None:
    """Fold the write-ahead log into the old file, then remove it: an old log replayed onto the
    restored file would corrupt it (already saved in the pre-restore backup either way)."""
    import sqlite3

    if file_state(db_path) == "present":
        with contextlib.suppress(sqlite3.Error):
            con = sqlite3.connect(str(db_path))
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
    for log_file in _logs(db_path):
        remove_quietly(log_file)


def restore_backup(db_path: Path, backup: Path, *, check_lock: bool = True,
                   save_current: bool = True) -> RestoreResult:
    """Replace ``db_path`` with a verified copy of ``backup``. Raises RestoreError or DatabaseLockedError."""
    try:
        revision, stories = verify_database_file(backup)
    except BackupError as exc:
        raise RestoreError(f"{backup.name} cannot be restored: {exc}") from exc
    if revision not in known_revisions():
        raise RestoreError(f"{backup.name} was written by a newer Storybook (schema {revision})")
    lock = _exclusive(db_path) if check_lock else contextlib.nullcontext()
    with lock:
        temp, revision, stories = _copy_verified(backup, db_path)
        try:
            saved, aside = _secure_current(db_path) if save_current else (None, None)
            _checkpoint_and_drop_logs(db_path)
            os.replace(temp, db_path)
            fsync_dir(db_path.parent)
        except OSError as exc:
            remove_quietly(temp)
            raise RestoreError(f"could not put {backup.name} in place: {exc.strerror or exc}") from exc
    _verify_restored(db_path, backup, stories)
    log.info("Restored %s from %s (%d stories)", db_path, backup, stories)
    return RestoreResult(backup, stories, revision, saved, aside)


def _verify_restored(db_path: Path, backup: Path, stories: int) -> None:
    try:
        _revision, found = verify_database_file(db_path)
    except BackupError as exc:
        raise RestoreError(f"the restored database does not check out: {exc}") from exc
    if found != stories:
        raise RestoreError(f"the restored database holds {found} stories, {backup.name} held {stories}")
