"""Store: rotating backups through SQLite's online backup API."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from storybook.paths import backups_dir

log = logging.getLogger(__name__)
KEEP_BACKUPS = 10


def is_healthy(path: Path) -> bool:
    """True when ``path`` opens and passes ``PRAGMA integrity_check``."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("PRAGMA integrity_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == "ok"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite"), reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    for candidate in list_backups(db_path):
        if is_healthy(candidate):
            return candidate
    return None


def backup_database(db_path: Path, reason: str = "manual", keep: int = KEEP_BACKUPS) -> Path | None:
    """Copy ``db_path`` with the backup API, verify the copy, then rotate old copies out.

    Returns the new backup, or None when there is nothing to back up.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    source = sqlite3.connect(str(db_path))
    dest = sqlite3.connect(str(target))
    try:
        dest.execute("PRAGMA synchronous=FULL")
        source.backup(dest)
        # The copy inherits WAL mode; a standalone backup should be one self-contained file.
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        source.close()
    target.chmod(0o600)
    if not is_healthy(target):
        log.error("Backup %s failed its integrity check; keeping older backups", target)
        target.unlink(missing_ok=True)
        return None
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    log.info("Backed up %s to %s", db_path, target)
    return target
