"""GUI: Story → History of deleted stories…: stories deleted for good that still have snapshots; show one's
history (and restore a version, which brings the story back) or empty it for good.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storybook.bank.history import RestoreOutcome
from storybook.gui.dialogs.confirm import ConfirmDialog
from storybook.gui.stories.history_dialog import StoryHistoryDialog

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)


class DeletedHistoryDialog(QDialog):
    """GUI: lists the histories of purged stories; Show history… or Empty history."""

    def __init__(self, bank: StoryBank, parent: QWidget | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.pool = pool
        self.outcome: RestoreOutcome | None = None
        self.setWindowTitle("History of deleted stories")
        self.resize(560, 400)
        self.list_stories = QListWidget()
        self.list_stories.setAccessibleName("Deleted stories with a history")
        self.list_stories.itemActivated.connect(lambda _item: self.show_history())
        self.lbl_empty = QLabel("No story deleted for good has a history left.")
        self.btn_show = QPushButton("&Show history\u2026")
        self.btn_show.clicked.connect(self.show_history)
        self.btn_empty = QPushButton("&Empty history\u2026")
        self.btn_empty.setToolTip("Delete every snapshot of this story: the last trace of it")
        self.btn_empty.clicked.connect(self.empty_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.btn_show, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.btn_empty, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Stories deleted for good keep their versions until you empty their history."))
        layout.addWidget(self.list_stories, 1)
        layout.addWidget(self.lbl_empty)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list_stories.clear()
        for info in self.bank.history.purged():
            item = QListWidgetItem(f"{info.title or 'Untitled'}  \u00b7  last kept "
                                   f"{info.taken_at.astimezone():%Y-%m-%d %H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, info.story_id)
            self.list_stories.addItem(item)
        if self.list_stories.count():
            self.list_stories.setCurrentRow(0)
        has_any = self.list_stories.count() > 0
        self.lbl_empty.setVisible(not has_any)
        self.btn_show.setEnabled(has_any)
        self.btn_empty.setEnabled(has_any)

    def selected_story(self) -> int | None:
        item = self.list_stories.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_history(self) -> None:
        story_id = self.selected_story()
        if story_id is None:
            return
        outcome, restored = StoryHistoryDialog.open_for(self, self.bank, story_id, self.pool)
        if restored:
            self.outcome = outcome
            self.accept()

    def empty_selected(self) -> None:
        story_id = self.selected_story()
        if story_id is None:
            return
        accepted, _ = ConfirmDialog.ask(self, "Empty this history?", "Delete every kept version of this story?",
                                        ok_text="Empty history", detail="This cannot be undone.")
        if accepted:
            self.bank.history.empty(story_id)
            self.refresh()

    @classmethod
    def open_for(cls, parent: QWidget | None, bank: StoryBank,
                 pool: QThreadPool | None = None) -> tuple[RestoreOutcome | None, bool]:
        """Return ``(outcome, True)`` when a version of a deleted story was restored (the story is back)."""
        dialog = cls(bank, parent, pool)
        dialog.exec()
        return dialog.outcome, dialog.outcome is not None
