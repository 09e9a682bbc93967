"""Store: the one engine factory, the pre-open health check and the schema upgrade."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from storybook.store.backup import backup_database, newest_good_backup
from storybook.store.errors import DatabaseDamagedError, SchemaTooNewError

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def read_revision(path: Path) -> str | None:
    """The schema revision stored in ``path``, read without changing the file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def inspect_existing(path: Path) -> str | None:
    """Check an existing file before anything writes to it; return its revision.

    Raises DatabaseDamagedError or SchemaTooNewError and leaves the file untouched.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
        if not row or row[0] != "ok":
            raise DatabaseDamagedError(path, str(row[0] if row else "no answer"), newest_good_backup(path))
        revision = read_revision(path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(path, str(exc), newest_good_backup(path)) from exc
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(path, revision)
    return revision


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) before SQLite touches them."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    path.chmod(0o600)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """The one way to get an engine: WAL, foreign keys, NORMAL sync, a busy timeout."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def upgrade(engine: Engine, path: Path, current: str | None) -> str | None:
    """Bring the schema to head, backing up first when an existing schema changes."""
    head = head_revision()
    if current == head:
        return None
    backup = backup_database(path, reason="pre-upgrade") if current is not None else None
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=FULL")
    command.upgrade(alembic_config(engine), "head")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
    log.info("Upgraded %s from %s to %s", path, current, head)
    return str(backup) if backup else None


def open_engine(path: Path) -> Engine:
    """Check, prepare, connect and upgrade the database at ``path``."""
    current = inspect_existing(path)
    _prepare_file(path)
    engine = make_engine(path)
    upgrade(engine, path, current)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.chmod(0o600)
    return engine


@contextlib.contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
