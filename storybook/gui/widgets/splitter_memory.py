"""GUI: remembers a splitter's sizes; restores them the first time the splitter is shown at its real size."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QSplitter


class SplitterMemory(QObject):
    """GUI: a splitter inside a hidden tab gets its size only when shown, so restoring waits until then."""

    def __init__(self, splitter: QSplitter, settings: QSettings, key: str) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.settings = settings
        self.key = key
        self.restored = False
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Show and not self.restored:
            QTimer.singleShot(0, self, self.restore)  # tied to self: skipped if the window is deleted first
        return False

    def restore(self) -> None:
        if self.restored:
            return
        value = self.settings.value(self.key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            self.splitter.restoreState(value)
        self.restored = True
        self.splitter.removeEventFilter(self)

    def save(self) -> None:
        """Store the sizes, unless the splitter was never shown (then the stored sizes stay as they were)."""
        if self.restored:
            self.settings.setValue(self.key, self.splitter.saveState())
