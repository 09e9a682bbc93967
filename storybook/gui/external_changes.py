"""GUI: notice changes another program made to the bank (an import, a second tool) and show them.

SQLite's ``PRAGMA data_version`` changes when another connection commits. A separate connection polls it
about once a second; the window's own writes are taken out by re-reading the version right after each of
its commits. On a change the window saves its pending edit through the checked save (a story changed on
both sides keeps both versions), re-reads its views, and reloads the editor when it has no unsaved edit.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from storybook.bank import NotFoundError
from storybook.bank.stored_text import NOTE as STORED_TEXT_NOTE
from storybook.bank.story_sync import snapshot

if TYPE_CHECKING:
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)
POLL_MS = 1000
_WROTE = "storybook.wrote"


class VersionProbe:
    """GUI: reads the database's data version on its own connection; this app's writes through ``engine`` (from
    any thread) move the baseline instead of counting as a change."""

    def __init__(self, path: Path, engine: Engine) -> None:
        try:
            self._con: sqlite3.Connection | None = sqlite3.connect(str(path), timeout=0.2, isolation_level=None,
                                                                   check_same_thread=False)
        except sqlite3.Error:  # the app works without noticing other writers; their changes show on restart
            log.warning("Cannot watch %s for changes made by other programs", path, exc_info=True)
            self._con = None
        self._engine = engine
        self._key = f"{_WROTE}.{id(self)}"  # one mark per probe: two windows never take each other's
        self.version = self.read()
        for name, handler in self._listeners():
            event.listen(Session, name, handler)

    def _listeners(self) -> list[tuple[str, Any]]:
        return [("after_flush", self._on_flush), ("after_commit", self._on_commit),
                ("after_soft_rollback", self._on_rollback)]

    def read(self) -> int | None:
        try:
            return int(self._con.execute("PRAGMA data_version").fetchone()[0]) if self._con is not None else None
        except (sqlite3.Error, TypeError):
            return None

    def changed(self) -> bool:
        """True once for every change made by another connection since the last call."""
        version = self.read()
        if version is None or version == self.version:
            return False
        self.version = version
        return True

    def _ours(self, session: Session) -> bool:
        bind = session.bind
        return getattr(bind, "engine", bind) is self._engine

    def _on_flush(self, session: Session, _context: object) -> None:
        if self._ours(session):
            session.info[self._key] = True

    def _on_rollback(self, session: Session, _previous: object) -> None:
        session.info.pop(self._key, None)

    def _on_commit(self, session: Session) -> None:
        # any thread of this app: the background checks store their reports from a worker thread
        # a core statement (the stored reports' upsert) writes without a flush: any commit on our engine counts
        if session.info.pop(self._key, False) or self._ours(session):
            version = self.read()
            if version is not None:
                self.version = version

    def close(self) -> None:
        for name, handler in self._listeners():
            if event.contains(Session, name, handler):
                event.remove(Session, name, handler)
        with contextlib.suppress(sqlite3.Error, AttributeError):
            self._con.close()


class ExternalChangeWatcher(QObject):
    """GUI: polls a VersionProbe on a timer and emits ``changed`` (not while a modal dialog is open)."""

    changed = Signal()

    def __init__(self, probe: VersionProbe, interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.probe = probe
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        if QApplication.activeModalWidget() is not None:
            return False  # try again on the next tick, once the dialog is closed
        if not self.probe.changed():
            return False
        self.changed.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()
        self.probe.close()


class ExternalChanges(QObject):
    """GUI: brings the window up to date after another program changed the bank, never dropping an edit."""

    def __init__(self, win: AppWindow) -> None:
        super().__init__(win)
        self.win = win
        self.watcher = ExternalChangeWatcher(VersionProbe(win.ctx.db_path, win.bank.engine), parent=self)
        self.watcher.changed.connect(self.apply)
        self._broken_seen = 0
        self.watcher.timer.timeout.connect(self.note_broken_text)
        QTimer.singleShot(0, self.note_broken_text)

    def note_broken_text(self) -> None:
        """Say once (and again if more turns up) that stored text had to be shown with replacement characters."""
        broken = self.win.bank.stored_text.broken
        if broken > self._broken_seen:
            self._broken_seen = broken
            self.win.statusBar().showMessage(STORED_TEXT_NOTE, 20000)

    def apply(self) -> None:
        win, workspace = self.win, self.win.workspace
        story_id = workspace.current_story_id
        log.info("The bank was changed by another program; refreshing")
        win.statusBar().showMessage("The bank was changed by another program; the window shows the new state.", 8000)
        win.on_bank_changed()  # saves a pending edit first (a checked save: both versions survive a clash)
        if story_id is None or workspace.current_story_id != story_id or workspace.autosaver.dirty:
            return
        try:
            stored = win.bank.stories.get(story_id)
        except NotFoundError:
            workspace.reload()
            return
        base = workspace.autosaver.base
        if base is None or snapshot(stored) != snapshot(base):
            workspace.reload_current(story_id)


def install_external_changes(win: AppWindow) -> ExternalChanges:
    """Watch the window's bank for other writers; stops when the window closes."""
    changes = ExternalChanges(win)
    win.hooks.on_close.append(changes.watcher.stop)
    return changes
