"""Bank: an import's writes in short transactions, so that the app can still save while a long import runs.

SQLite lets one connection write at a time. A single transaction for a large import would keep the app's
autosave waiting for as long as the import takes; committing every ``BATCH_SECONDS`` and pausing briefly
(longer than SQLite's longest busy-wait sleep) lets a waiting writer in. Checks run before the first write,
so a batch fails only for reasons outside the file (a full disk, a lock held elsewhere); then the stories
already added are taken out again.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, delete

from storybook.model.tables import Story

if TYPE_CHECKING:
    from storybook.bank.base import BankBase

log = logging.getLogger(__name__)
BATCH_SECONDS = 0.7  # with the pause: the app waits at most about 0.8 s, the import runs ~14% longer
PAUSE_SECONDS = 0.11  # SQLite's busy handler sleeps at most 100 ms between tries


class BatchWriter:
    """Bank: one session whose work is committed in short batches (or rolled back whole for a dry run)."""

    def __init__(self, bank: BankBase, dry_run: bool = False, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._bank, self.dry_run = bank, dry_run
        self._clock, self._sleep = clock, sleep
        self.undo_ids: list[int] = []  # stories added so far: removed again if a later batch fails
        self.commits = 0
        self.session = Session(bank.engine, expire_on_commit=False)
        self._started = clock()

    def __enter__(self) -> BatchWriter:
        return self

    def checkpoint(self) -> Session:
        """Commit when the current batch has held the write lock long enough; return the session to go on with."""
        if self.dry_run or self._clock() - self._started < BATCH_SECONDS:
            return self.session
        self.session.commit()
        self.commits += 1
        self._sleep(PAUSE_SECONDS)
        self._started = self._clock()
        return self.session

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, _tb: object) -> None:
        try:
            if exc_type is None and not self.dry_run:
                self.session.commit()
                return
            self.session.rollback()
            if self.dry_run and exc_type is None:
                log.info("Dry-run import rolled back")
            elif self.commits:
                self._undo()
        finally:
            self.session.close()

    def _undo(self) -> None:
        ids = list(self.undo_ids)
        if not ids:
            return
        try:
            with self._bank.unit_of_work() as session:
                session.exec(delete(Story).where(col(Story.id).in_(ids)))
            log.warning("A failed import took out the %d stories it had added", len(ids))
        except SQLAlchemyError:
            log.exception("Could not take out the %d stories a failed import had added", len(ids))


def describe_db_error(exc: BaseException) -> str:
    """A short reason for a database or file error, fit to show to a user."""
    if isinstance(exc, OSError):
        return "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    text = str(getattr(exc, "orig", None) or exc).split("\n")[0]
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return "the database is busy (another program is writing to it); try again in a moment"
    if "full" in lowered:
        return "the disk is full"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only"
    return text
