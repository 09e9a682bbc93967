"""Store: building and upgrading the schema, all or nothing (the only module that imports Alembic).

A new database is built under a hidden temporary name and renamed into place when complete, so a
killed first start leaves either nothing or a whole database. An upgrade runs in one transaction:
the driver is told not to commit on its own (``isolation_level=None`` plus an explicit ``BEGIN``) and
Alembic is told SQLite's DDL is transactional. If it still fails, the file is checked and, when it
changed anyway, put back from the verified pre-upgrade backup.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import create_engine

from storybook.store.backup import take_backup, verify_database_file
from storybook.store.errors import BackupError, StoreError
from storybook.store.fileops import fsync_dir, fsync_file, pid_alive, remove_quietly

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CREATING = ".creating"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def _migration_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # the driver must not commit between DDL statements
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # Table rebuilds (batch mode) drop and recreate tables: with foreign keys on, a drop would cascade.
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def migration_engine(path: Path) -> Engine:
    """An engine whose transactions really contain the DDL: BEGIN IMMEDIATE … COMMIT, nothing in between."""
    engine = create_engine("sqlite://", poolclass=NullPool,
                           creator=lambda: sqlite3.connect(str(path), timeout=10, check_same_thread=False))
    event.listen(engine, "connect", _migration_pragmas)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _run_upgrade(path: Path, revision: str = "head") -> None:
    engine = migration_engine(path)
    try:
        command.upgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()


def _remove_stale_builds(path: Path) -> None:
    for stale in path.parent.glob(f".{path.name}.*{CREATING}*"):
        pid = stale.name.removeprefix(f".{path.name}.").split(".", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            remove_quietly(stale)


def create_database(path: Path, revision: str = "head") -> None:
    """Build a new database (at head, or at ``revision`` for tests) under a temporary name, then rename it."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)
    _remove_stale_builds(path)
    temp = folder / f".{path.name}.{os.getpid()}{CREATING}"
    for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
        remove_quietly(leftover)
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        _run_upgrade(temp, revision)  # disposing the engine checkpoints and removes temp-wal
        fsync_file(temp)
        # A log left next to a missing or empty file belongs to no database; SQLite must not replay it.
        for log_file in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            remove_quietly(log_file)
        os.replace(temp, path)
        fsync_dir(folder)
    except BaseException:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            remove_quietly(leftover)
        raise
    log.info("Created a new database at %s", path)


def upgrade_database(path: Path, current: str | None) -> Path:
    """Bring ``path`` to head in one transaction after a verified backup; return that backup."""
    try:
        backup = take_backup(path, reason="pre-upgrade")
    except BackupError as exc:
        raise StoreError(f"{path} needs a schema upgrade, but no backup could be taken first, so it was "
                         f"not changed: {exc}") from exc
    try:
        _run_upgrade(path)
    except Exception as exc:
        _recover_failed_upgrade(path, current, backup.path)
        raise StoreError(f"upgrading {path} from schema {current} failed and was undone: {exc}") from exc
    log.info("Upgraded %s from %s (backup %s)", path, current, backup.path.name)
    return backup.path


def _recover_failed_upgrade(path: Path, current: str | None, backup: Path) -> None:
    """After a failed upgrade the transaction is rolled back; if the file changed anyway, restore it."""
    try:
        revision, _stories = verify_database_file(path)
    except BackupError:
        revision = None
    if revision == current:
        return
    from storybook.store.restore import restore_backup

    log.error("Upgrade of %s left schema %s; restoring %s", path, revision, backup.name)
    restore_backup(path, backup, check_lock=False, save_current=False)
