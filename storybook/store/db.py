"""Store: the one engine factory, the pre-open checks, all-or-nothing creation and upgrade of the schema.

Opening a database at head costs one ``quick_check`` and one query of the revision table; Alembic is
imported only when the schema has to be built or upgraded (see ``storybook.store.schema``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from storybook.store.access import file_state, read_only_reason, read_only_uri
from storybook.store.backup import backup_infos, best_backup, newest_good_backup, stories_text
from storybook.store.errors import (
    DatabaseDamagedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    SchemaTooNewError,
)
from storybook.store.revisions import head_revision, known_revisions

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000

__all__ = ["BUSY_TIMEOUT_MS", "head_revision", "inspect_existing", "known_revisions", "make_engine",
           "open_engine", "read_revision", "session_scope"]


def alembic_config(engine: Engine | None = None):  # noqa: ANN201 - Alembic stays a lazy import
    from storybook.store.schema import alembic_config as config

    return config(engine)


def _ro_uri(path: Path) -> str:
    return read_only_uri(path)


def read_revision(path: Path) -> str | None:
    """The schema revision stored in ``path``, read without changing the file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(_ro_uri(path), uri=True)
    try:
        return _revision_of(con)
    finally:
        con.close()


def _revision_of(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def inspect_existing(path: Path) -> str | None:
    """Check an existing file before anything writes to it; return its revision.

    Raises DatabaseDamagedError or SchemaTooNewError and leaves the file untouched.
    """
    if file_state(path) != "present":
        return None
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise DatabaseDamagedError(path, str(row[0] if row else "no answer"), newest_good_backup(path))
            revision = _revision_of(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(path, str(exc), newest_good_backup(path)) from exc
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(path, revision)
    return revision


def describe_backups(path: Path) -> tuple[str, Path | None]:
    """("backups/ holds 3 backups, the newest from DATE with 13 stories", best path) or ("", None)."""
    infos = [i for i in backup_infos(path) if i.verified]
    best = best_backup(infos)
    if best is None:
        return "", None
    count = f"{len(infos)} good backup" + ("s" if len(infos) != 1 else "")
    when = best.taken_at.strftime("%Y-%m-%d %H:%M")
    newest = "the newest" if best is infos[0] else "the newest with stories"
    return f"{path.parent.name}/backups/ holds {count}, {newest} from {when} with {stories_text(best.stories)}", best.path


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600); only for tests that build old schemas by hand."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """The one way to get an engine: WAL, foreign keys, NORMAL sync, a busy timeout.

    Connections come from a creator rather than a URL, so a folder name holding '?' or '#' is not
    taken for URL syntax. A read-only engine opens the file with ``mode=ro``; a write through it
    raises DatabaseReadOnlyError.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        def connect() -> sqlite3.Connection:
            return sqlite3.connect(_ro_uri(path), uri=True, timeout=timeout, check_same_thread=False)
    else:
        def connect() -> sqlite3.Connection:
            return sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _set_read_only_pragmas if read_only else _set_pragmas)
    if read_only:
        def translate(context) -> Exception | None:  # noqa: ANN001 - SQLAlchemy's ExceptionContext
            if "readonly" in str(context.original_exception):
                return DatabaseReadOnlyError(path, "opened read-only")
            return None

        event.listen(engine, "handle_error", translate)
    return engine


def _refuse_or_create(path: Path, state: str, read_only: bool) -> None:
    """A missing or empty file: refuse when backups exist, otherwise build a new bank quietly."""
    found, best = describe_backups(path)
    if found:
        raise DatabaseMissingError(path, "missing" if state == "missing" else "empty (0 bytes)", found, best)
    if read_only:
        raise DatabaseReadOnlyError(path, "there is no database to read yet")
    from storybook.store.schema import create_database

    create_database(path)


def open_engine(path: Path, *, read_only: bool = False) -> Engine:
    """Check, create or upgrade as needed, and connect to the database at ``path``.

    ``read_only`` opens an existing file without writing to it. Without it, a file or folder the user
    made read-only raises DatabaseReadOnlyError (nothing is chmodded).
    """
    state = file_state(path)
    if state != "present":
        _refuse_or_create(path, state, read_only)
    reason = read_only_reason(path)
    if reason and not read_only:
        raise DatabaseReadOnlyError(path, reason)
    current = inspect_existing(path)
    if current != head_revision():
        if read_only:
            raise DatabaseReadOnlyError(path, f"its schema {current} needs an upgrade to {head_revision()}")
        from storybook.store.schema import upgrade_database

        upgrade_database(path, current)
    return make_engine(path, read_only=read_only)


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
