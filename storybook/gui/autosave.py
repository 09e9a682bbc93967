"""GUI: debounced autosave of the story being edited (about a second after the last keystroke)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

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
        self._dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    @property
    def story_id(self) -> int | None:
        return self._story_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    def begin(self, story_id: int | None) -> None:
        """Start tracking a freshly loaded story (the caller flushed the previous one)."""
        self.timer.stop()
        self._story_id = story_id
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
        if not self._dirty or self._story_id is None:
            return True
        try:
            record = self._save(self._story_id, self._values())
        except Exception as exc:  # any failure must reach the user, never crash the editor
            log.exception("Autosave of story %s failed", self._story_id)
            self.failed.emit(f"Not saved: {exc}")
            return False
        self._dirty = False
        self.saved.emit(record)
        return True
