"""GUI: the interview targets view: a list with countdowns ("5 days to go") and the target's editor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.targets.target_editor import ID_ROLE, TargetEditor

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)
SAVE_DELAY_MS = 700


def target_question_sets(bank: StoryBank) -> list[tuple[str, set[int]]]:
    """(name, question ids) per target, for narrowing the coverage grid and the gaps to one target."""
    try:
        return [(t.name, {q.id for q in t.questions}) for t in bank.targets.list() if t.questions]
    except Exception:  # the grid works without targets
        log.warning("Could not list interview targets", exc_info=True)
        return []


class TargetsPanel(QWidget):
    """GUI: lists interview targets with a countdown and edits the selected one (saved after a short pause)."""

    targetsChanged = Signal()  # noqa: N815 - Qt naming for signals
    exportRequested = Signal(int)  # noqa: N815 - target id

    def __init__(self, bank: StoryBank, parent: QWidget | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self._bank, self._now = bank, now
        self._current: int | None = None
        self._dirty = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._build()
        self.refresh()

    def _build(self) -> None:
        splitter = QSplitter()
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 820])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _build_list(self) -> QWidget:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.list_targets = QListWidget()
        self.list_targets.setAccessibleName("Interview targets")
        self.list_targets.setWordWrap(True)
        self.list_targets.setSpacing(3)
        self.list_targets.setMinimumWidth(240)
        self.list_targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_targets.currentItemChanged.connect(self._on_select)
        self.btn_new, self.btn_delete = QPushButton("New target"), QPushButton("Delete")
        self.btn_export = QPushButton("Export dossier…")
        self.btn_new.clicked.connect(self.new_target)
        self.btn_delete.clicked.connect(self.delete_current)
        self.btn_export.clicked.connect(self._request_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_new)
        buttons.addWidget(self.btn_delete)
        left_layout.addWidget(self.list_targets, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.btn_export)
        return left

    def _build_editor(self) -> QWidget:
        self.editor = TargetEditor()
        self.editor.changed.connect(self._on_changed)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the fields
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        self.label_empty = QLabel("No interviews yet.\nAdd one with “New target” to plan questions, stories and "
                                  "the questions to ask, and to see the countdown.")
        self.label_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label_empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.label_empty)
        self.stack.addWidget(scroll)
        self.label_error = QLabel()
        self.label_error.setStyleSheet("color: #b00020;")
        self.label_error.setWordWrap(True)
        self.label_error.setVisible(False)  # takes no room until there is something to say
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.label_error)
        right_layout.addWidget(self.stack, 1)
        return right

    # ---- list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload choices and targets (after stories or questions changed elsewhere)."""
        self.save()
        self.editor.set_choices(self._bank.questions.list(), self._bank.questions.competencies(),
                                self._bank.stories.titles())  # ids and titles only: the texts are not shown
        keep = self._current
        self.list_targets.blockSignals(True)
        self.list_targets.clear()
        for target in self._bank.targets.list(self._now()):
            item = QListWidgetItem(self._item_text(target))
            item.setData(ID_ROLE, target.id)
            self.list_targets.addItem(item)
        self.list_targets.blockSignals(False)
        self._current = None
        self._select(keep)

    def _item_text(self, target: Any) -> str:
        return f"{target.name}\n{target.countdown(self._now())}"

    def _select(self, target_id: int | None) -> None:
        row = next((r for r in range(self.list_targets.count())
                    if self.list_targets.item(r).data(ID_ROLE) == target_id), 0 if self.list_targets.count() else -1)
        if row >= 0:
            self.list_targets.setCurrentRow(row)
            self._on_select(self.list_targets.item(row), None)
        self.stack.setCurrentIndex(1 if row >= 0 else 0)
        self.btn_delete.setEnabled(row >= 0)
        self.btn_export.setEnabled(row >= 0)

    def _on_select(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.save()
        if item is None:
            return
        target_id = item.data(ID_ROLE)
        if target_id == self._current:
            return
        target = self._bank.targets.get(target_id)
        self._current, self._dirty = target_id, False  # an edit that could not be saved was shown; it is dropped
        self._save_timer.stop()
        self.editor.load(target, target.countdown(self._now()))
        self._show_error("")

    def _show_error(self, text: str) -> None:
        self.label_error.setText(text)
        self.label_error.setVisible(bool(text))

    # ---- editing -------------------------------------------------------------------------
    def _on_changed(self) -> None:
        self._dirty = True
        self._save_timer.start()

    def save(self) -> bool:
        """Save pending edits now; show a problem in the panel instead of raising."""
        if not self._dirty or self._current is None:
            return True
        self._save_timer.stop()
        try:
            target = self._bank.targets.update(self._current, **self.editor.values())
        except Exception as exc:  # a bad value is shown next to the form; the edit stays in the editor
            self._show_error(str(exc))
            return False
        self._dirty = False
        self._show_error("")
        self.editor.sync_questions(target)
        self.editor.label_countdown.setText(target.countdown(self._now()))
        for row in range(self.list_targets.count()):
            item = self.list_targets.item(row)
            if item.data(ID_ROLE) == target.id:
                item.setText(self._item_text(target))
        self.targetsChanged.emit()
        return True

    def new_target(self) -> None:
        self.save()
        target = self._bank.targets.create("New company", "Role")
        self.refresh()
        self._select(target.id)
        self.editor.edit_company.setFocus()
        self.editor.edit_company.selectAll()
        self.targetsChanged.emit()

    def delete_current(self) -> None:
        if self._current is None:
            return
        name = self.list_targets.currentItem().text().split("\n")[0]
        answer = QMessageBox.question(self, "Delete target", f"Delete the interview “{name}”? "
                                      "Its stories and questions stay in the bank.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._save_timer.stop()
        self._dirty = False
        self._bank.targets.delete(self._current)
        self._current = None
        self.refresh()
        self.targetsChanged.emit()

    def _request_export(self) -> None:
        self.save()
        if self._current is not None:
            self.exportRequested.emit(self._current)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Countdowns move with the calendar: redo them whenever the view is shown."""
        super().showEvent(event)
        for row in range(self.list_targets.count()):
            item = self.list_targets.item(row)
            try:
                item.setText(self._item_text(self._bank.targets.get(item.data(ID_ROLE))))
            except Exception:  # a target deleted elsewhere disappears on the next refresh
                log.info("Target %s is gone", item.data(ID_ROLE))

    def current_target_id(self) -> int | None:
        return self._current
