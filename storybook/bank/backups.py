"""Bank: backups and restore for the GUI and the CLI; plain functions that need no open bank."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from storybook.paths import backups_dir
from storybook.store.backup import BackupInfo, backup_infos, best_backup, stories_text, take_backup, thin_backups
from storybook.store.errors import BackupError
from storybook.store.restore import RestoreResult, resolve_backup, restore_backup

log = logging.getLogger(__name__)
__all__ = ["BackupInfo", "RestoreResult", "backup_folder", "backup_now", "backup_quietly", "list_backups",
           "offered_backup", "restore", "stories_text", "thin_backups"]


def backup_folder(db_path: Path) -> Path:
    return backups_dir(db_path)


def backup_now(db_path: Path, reason: str = "manual") -> BackupInfo:
    """Take a verified backup of ``db_path``; raises BackupError (nothing is left behind on failure)."""
    return take_backup(db_path, reason)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup of ``db_path``, newest first, with its date, reason, size, revision and story count."""
    return backup_infos(db_path)


def offered_backup(db_path: Path) -> BackupInfo | None:
    """The backup to suggest first: the newest good one that holds stories."""
    return best_backup(backup_infos(db_path))


def restore(db_path: Path, backup: str | os.PathLike[str], *, app_holds_lock: bool = False) -> RestoreResult:
    """Put ``backup`` (a path, or a file name in the backups folder) back as the database.

    The current database is backed up first (or moved aside when unreadable). ``app_holds_lock`` is for
    the desktop app, which restores while holding the instance lock itself after closing its bank.
    """
    return restore_backup(db_path, resolve_backup(db_path, backup), check_lock=not app_holds_lock)


def backup_quietly(db_path: Path, reason: str = "start") -> Path | None:
    """Take a backup for the app's start-up; a failure is logged (and left no file), never raised."""
    try:
        return take_backup(db_path, reason).path
    except BackupError as exc:
        log.warning("%s", exc)
        return None
