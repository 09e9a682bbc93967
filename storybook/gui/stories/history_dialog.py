"""GUI: Story → History…: a story's snapshots, a word-level comparison of any two (or one with the current
text), and Restore (after a confirmation; the current text is kept as a snapshot first, so it is undoable).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storybook.bank import NotFoundError
from storybook.bank.history import RestoreOutcome, SnapshotInfo
from storybook.bank.snapshots import SNAPSHOT_FIELDS
from storybook.gui.dialogs.confirm import ConfirmDialog, MessageDialog
from storybook.gui.stories.history_view import DiffColors, StoryDiff, compare_stories, diff_html
from storybook.gui.workers import run_in_pool
from storybook.model.values import StoryRecord

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)
CURRENT = -1  # the list and combo data of "the current text"
LARGE_CHARS = 50_000  # versions longer than this together are compared on the pool


def _size(record: StoryRecord) -> int:
    return sum(len(getattr(record, name) or "") for name in SNAPSHOT_FIELDS)


def snapshot_line(info: SnapshotInfo) -> str:
    return f"{info.taken_at.astimezone():%Y-%m-%d %H:%M} \u00b7 {info.reason_text} \u00b7 {info.words} words"


class StoryHistoryDialog(QDialog):
    """GUI: lists a story's snapshots, compares two versions, restores one."""

    def __init__(self, bank: StoryBank, story_id: int, parent: QWidget | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.story_id = story_id
        self.pool = pool  # large comparisons run here, so the dialog never freezes
        self._request = 0  # only the newest comparison is shown
        self.outcome: RestoreOutcome | None = None
        self.purged = False  # the story was deleted for good: its versions are shown on their own
        self.snapshots: list[SnapshotInfo] = []
        self._records: dict[int, StoryRecord] = {}
        self.setWindowTitle("Story history")  # with the title once it is read (refresh)
        self.setObjectName("storyHistoryDialog")
        self.resize(1000, 640)
        self._build()
        self.refresh()

    # ---- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.list_snapshots = QListWidget()
        self.list_snapshots.setAccessibleName("Snapshots")
        self.list_snapshots.currentRowChanged.connect(lambda _row: self.show_comparison())
        self.combo_against = QComboBox()
        self.combo_against.setAccessibleName("Compare with")
        self.combo_against.currentIndexChanged.connect(lambda _i: self.show_comparison())
        self.lbl_summary = QLabel()
        self.lbl_summary.setWordWrap(True)
        self.view_diff = QTextBrowser()
        self.view_diff.setAccessibleName("Comparison")
        self.view_diff.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._left_side())
        splitter.addWidget(self._right_side())
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        self.btn_restore = QPushButton("&Restore this version\u2026")
        self.btn_restore.setToolTip("Put the selected version back; the current text is kept in the history first")
        self.btn_restore.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.btn_restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _left_side(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Versions</b> (newest first)")
        layout.addWidget(title)
        layout.addWidget(self.list_snapshots, 1)
        hint = QLabel("A version is kept when the status changes, before an import or restore overwrites the "
                      "story, and every ten minutes of editing.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return box

    def _right_side(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel("Compare the selected version with:")
        label.setBuddy(self.combo_against)
        row.addWidget(label)
        row.addWidget(self.combo_against, 1)
        layout.addLayout(row)
        layout.addWidget(self.lbl_summary)
        layout.addWidget(self.view_diff, 1)
        return box

    # ---- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the snapshots again (after a restore) and select the newest."""
        self.snapshots = self.bank.history.list(self.story_id)
        title = next((s.title for s in self.snapshots if s.title), "")
        self.setWindowTitle(f"History of \u201c{title}\u201d" if title else "Story history")
        self._records.clear()
        self.list_snapshots.blockSignals(True)
        self.combo_against.blockSignals(True)
        self.list_snapshots.clear()
        self.combo_against.clear()
        self.purged = not self._story_exists()
        self.combo_against.addItem("Nothing (the story was deleted for good)" if self.purged else "The current text",
                                   CURRENT)
        for info in self.snapshots:
            item = QListWidgetItem(snapshot_line(info))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setToolTip(info.title or "Untitled")
            self.list_snapshots.addItem(item)
            self.combo_against.addItem(snapshot_line(info), info.id)
        self.list_snapshots.blockSignals(False)
        self.combo_against.blockSignals(False)
        if self.snapshots:
            self.list_snapshots.setCurrentRow(0)
        self.show_comparison()

    def _story_exists(self) -> bool:
        try:
            self.bank.stories.get(self.story_id)
        except NotFoundError:
            return False
        return True

    def record(self, key: int) -> StoryRecord:
        if key == CURRENT:
            return StoryRecord() if self.purged else self.bank.stories.get(self.story_id)
        if key not in self._records:
            self._records[key] = self.bank.history.get(key).record
        return self._records[key]

    def selected_id(self) -> int | None:
        item = self.list_snapshots.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, snapshot_id: int, against: int = CURRENT) -> None:
        for row in range(self.list_snapshots.count()):
            if self.list_snapshots.item(row).data(Qt.ItemDataRole.UserRole) == snapshot_id:
                self.list_snapshots.setCurrentRow(row)
        self.combo_against.setCurrentIndex(max(0, self.combo_against.findData(against)))
        self.show_comparison()

    # ---- showing ----------------------------------------------------------------------
    def show_comparison(self) -> None:
        self._request += 1
        selected = self.selected_id()
        self.btn_restore.setEnabled(selected is not None)
        if selected is None:
            self.lbl_summary.setText("No earlier versions of this story yet.")
            self.view_diff.setHtml("")
            return
        against = self.combo_against.currentData()
        against = CURRENT if against is None else int(against)
        try:
            old, new = self.record(selected), self.record(against)
        except Exception as exc:  # a version removed meanwhile (another program): say so, never crash
            log.warning("Could not read a version to compare: %s", exc)
            self.lbl_summary.setText(f"Could not read that version: {exc}")
            return
        name = "the current text" if against == CURRENT else "the other version"
        if self.purged and against == CURRENT:  # nothing to compare with: the version's text, all of it
            old, new, name = new, old, "this version"
        if self.pool is None or _size(old) + _size(new) < LARGE_CHARS:
            self._show(compare_stories(old, new), name)
            return
        request = self._request
        self.lbl_summary.setText("Comparing two long versions\u2026")
        self.view_diff.setHtml("")
        run_in_pool(self.pool, compare_stories, old, new, owner=self,
                    on_done=lambda _id, diff: self._show(diff, name) if request == self._request else None,
                    on_failed=lambda _id, text: self.lbl_summary.setText(f"Could not compare: {text}"))

    def _show(self, diff: StoryDiff, name: str) -> None:
        added, removed = diff.words
        if name == "this version":
            summary = f"The story was deleted for good; this version of it has {added} words (shown as added)."
        else:
            summary = (f"From the selected version to {name}: {added} words added (green, underlined), "
                       f"{removed} removed (red, struck through).") if diff.changed else "No differences."
        if diff.coarse:
            summary += " Parts too large to compare word by word are shown as replaced whole."
        self.lbl_summary.setText(summary)
        self.view_diff.setHtml(diff_html(diff, DiffColors.for_palette(self.palette())))

    # ---- restoring --------------------------------------------------------------------
    def restore_selected(self) -> None:
        selected = self.selected_id()
        if selected is None:
            return
        info = next(s for s in self.snapshots if s.id == selected)
        accepted, _ = ConfirmDialog.ask(
            self, "Restore this version?",
            f"Put back the version of {info.taken_at.astimezone():%Y-%m-%d %H:%M} ({info.reason_text.lower()})?",
            ok_text="Restore", detail="The current text is kept in the history first, so you can undo this.")
        if not accepted:
            return
        try:
            self.outcome = self.bank.history.restore(selected)
        except Exception as exc:
            log.exception("Restoring snapshot %s failed", selected)
            MessageDialog.show(self, "Not restored", f"The version could not be restored: {exc}")
            return
        self.accept()

    @classmethod
    def open_for(cls, parent: QWidget | None, bank: StoryBank, story_id: int,
                 pool: QThreadPool | None = None) -> tuple[RestoreOutcome | None, bool]:
        """Show the history of ``story_id``; return ``(outcome, True)`` when a version was restored."""
        dialog = cls(bank, story_id, parent, pool)
        dialog.exec()
        return dialog.outcome, dialog.outcome is not None
