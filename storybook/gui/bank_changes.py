"""GUI: the bank's change sets as a Qt signal, so a screen refreshes only when what it shows changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from storybook.bank import ChangeSet

if TYPE_CHECKING:  # the full bank pulls in SQLAlchemy; the first screen is shown without it
    from storybook.bank import StoryBank


class BankChanges(QObject):
    """Relays every ``ChangeSet`` the bank emits; a write on a worker thread arrives queued on the GUI thread."""

    changed = Signal(object)  # ChangeSet

    def __init__(self, bank: StoryBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bank = bank
        bank.changes.subscribe(self._relay)
        self.destroyed.connect(lambda *_: bank.changes.unsubscribe(self._relay))

    def _relay(self, change: ChangeSet) -> None:
        self.changed.emit(change)

    def stop(self) -> None:
        """Stop relaying (the window is closing)."""
        self._bank.changes.unsubscribe(self._relay)
