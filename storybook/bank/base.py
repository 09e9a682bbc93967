"""Bank: the database, its transactions and the change notices that every service shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storybook.bank.changes import ChangeHub, ChangeSet
from storybook.bank.snapshots import SnapshotClock
from storybook.paths import recordings_dir
from storybook.store.db import read_revision, session_scope


class BankBase:
    """Owns one engine; a service gets this (not the whole facade), so the services never import the facade."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self.changes = ChangeHub()
        self.snapshot_clock = SnapshotClock()  # when each story's last snapshot was taken (bank.history)

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on an exception."""
        with session_scope(self.engine) as session:
            yield session

    @contextlib.contextmanager
    def write(self, change: ChangeSet) -> Iterator[Session]:
        """A transaction that tells the subscribers ``change`` once it has committed (never after a rollback)."""
        with session_scope(self.engine) as session:
            yield session
        self.changes.emit(change)

    @property
    def schema_revision(self) -> str | None:
        return read_revision(self.path)

    @property
    def recordings_dir(self) -> Path:
        return recordings_dir(self.path)

    def close(self) -> None:
        self.engine.dispose()
