"""GUI: debounced autosave of the story being edited (about a second after the last keystroke).

A save that meets a database locked by another program is tried again with back-off (0.25 s doubling to
4 s); the edits stay in the editor and the status bar says what is happening until the text is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from storybook.bank.save_retry import DatabaseBusyError, retry_delay_ms
from storybook.model.values import StoryRecord

log = logging.getLogger(__name__)
AUTOSAVE_DELAY_MS = 1000


class Autosaver(QObject):
    """GUI: writes the editor's values through the bank after a pause, or at once on ``flush``."""

    saved = Signal(object)  # the StoryRecord the bank returned
    failed = Signal(str)

    def __init__(self, save: Callable[[int, dict[str, Any]], StoryRecord], values: Callable[[], dict[str, Any]],
                 delay_ms: int = AUTOSAVE_DELAY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._values = values
        self._story_id: int | None = None
        self._base: StoryRecord | None = None
        self._dirty = False
        self.attempts = 0  # saves in a row that met a busy database
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.flush)

    @property
    def story_id(self) -> int | None:
        return self._story_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def base(self) -> StoryRecord | None:
        """The stored version the editor's text started from (to notice changes made elsewhere)."""
        return self._base

    def begin(self, story_id: int | None, base: StoryRecord | None = None) -> None:
        """Start tracking a freshly loaded story (the caller flushed the previous one)."""
        self.timer.stop()
        self.retry_timer.stop()
        self.attempts = 0
        self._story_id = story_id
        self._base = base
        self._dirty = False

    def touch(self) -> None:
        """An edit happened: save once the user pauses."""
        if self._story_id is None:
            return
        self._dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Save now if anything changed; False when the save failed (the edits stay in the editor)."""
        self.timer.stop()
        self.retry_timer.stop()
        if not self._dirty or self._story_id is None:
            return True
        try:
            record = self._save(self._story_id, self._values())
        except DatabaseBusyError:
            self._retry_later()
            return False
        except Exception as exc:  # any failure must reach the user, never crash the editor
            log.exception("Autosave of story %s failed", self._story_id)
            self.failed.emit(f"Not saved: {exc}")
            return False
        self.attempts = 0
        self._dirty = False
        self._base = record
        self.saved.emit(record)
        return True

    def _retry_later(self) -> None:
        self.attempts += 1
        delay = retry_delay_ms(self.attempts)
        log.info("Database busy; autosave of story %s retried in %d ms", self._story_id, delay)
        self.retry_timer.start(delay)
        self.failed.emit(f"Not saved yet: another program is writing to the database. Trying again in "
                         f"{delay / 1000:g} s; your text is kept.")
