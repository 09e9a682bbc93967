"""GUI: "Questions this story answers": linked questions with a note on the angle, add and remove."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.stories.section_editor import GrowingPlainTextEdit
from storybook.gui.widgets.empty import EmptyStack
from storybook.model.values import LinkedQuestion

NOTE_DEBOUNCE_MS = 1000
COVERED_MARK = "\u2713"
MISSING_MARK = "\u2717"
MAX_NOTE_CHARS = 500


class LinkRow(QFrame):
    """GUI: one linked question: its text, a note field and a remove button."""

    def __init__(self, link: LinkedQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question_id = link.question_id
        self.saved_note = link.note  # what the bank holds: a re-highlight that leaves the text alone is no edit
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lbl_text = QLabel(link.text)
        self.lbl_text.setWordWrap(True)
        self.lbl_text.setTextFormat(Qt.TextFormat.PlainText)
        self.btn_remove = QToolButton()
        self.btn_remove.setText("\u00d7")
        self.btn_remove.setToolTip("Remove this question from the story")
        self.btn_remove.setAccessibleName("Remove question")
        self.edit_note = GrowingPlainTextEdit(min_lines=1, max_chars=MAX_NOTE_CHARS)
        self.edit_note.setPlainText(link.note)
        self.edit_note.setPlaceholderText("Your angle on this question…")
        self.edit_note.setAccessibleName("Note")
        self.lbl_points = QLabel()
        self.lbl_points.setWordWrap(True)
        self.lbl_points.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_points.setAccessibleName("Key points")
        self.lbl_points.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.lbl_text, 1)
        top.addWidget(self.btn_remove, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.lbl_points)
        layout.addWidget(self.edit_note)

    def set_coverage(self, coverage: list[Any] | None) -> None:
        """Show each key point as covered (with the story's phrase on hover) or missing."""
        if not coverage:
            self.lbl_points.setVisible(False)
            return
        done = sum(1 for k in coverage if k.covered)
        lines = [f"<b>Key points: {done} of {len(coverage)} covered</b>"]
        for k in coverage:
            mark = COVERED_MARK if k.covered else MISSING_MARK
            lines.append(f"{mark} {escape(k.text)}" + (f" — <i>“{escape(k.evidence)}”</i>" if k.covered else ""))
        self.lbl_points.setText("<br>".join(lines))
        self.lbl_points.setVisible(True)

    def note(self) -> str:
        return self.edit_note.toPlainText()[:MAX_NOTE_CHARS]


class LinkedQuestionsPanel(QWidget):
    """GUI: shows the current story's questions; emits requests that the workspace carries out."""

    add_requested = Signal()
    remove_requested = Signal(int)
    note_edited = Signal(int, str)
    notice = Signal(str)  # a pasted note was cleaned or shortened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LinkRow] = []
        self._pending: dict[int, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._build()

    def _build(self) -> None:
        title = QLabel("Questions this story answers")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        self.btn_add = QPushButton("Add question…")
        self.btn_add.setToolTip("Pick a question from the bank that this story answers")
        self.btn_add.clicked.connect(self.add_requested)
        self._rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the fields
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        self.stack = EmptyStack(scroll, "No questions linked yet.\nAdd the interview questions this story answers.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.btn_add)
        layout.addWidget(self.stack, 1)

    def set_links(self, links: list[LinkedQuestion], enabled: bool = True) -> None:
        for row in self.rows:
            row.hide()  # gone at once, even before the event loop gets to deleteLater
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for link in links:
            row = LinkRow(link)
            row.btn_remove.clicked.connect(lambda _c=False, q=link.question_id: self.remove_requested.emit(q))
            row.edit_note.textChanged.connect(lambda r=row: self._note_typed(r))
            row.edit_note.notice.connect(self.notice)
            self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
            self.rows.append(row)
        self.btn_add.setEnabled(enabled)
        hint = "No questions linked yet.\nAdd the interview questions this story answers."
        self.stack.set_empty(not links, hint if enabled else "Select a story to see its questions.")

    def set_coverage(self, coverage: dict[int, list[Any]]) -> None:
        """Key-point coverage per linked question (from the matching engine); rows not in it show none."""
        for row in self.rows:
            row.set_coverage(coverage.get(row.question_id))

    def linked_ids(self) -> set[int]:
        return {row.question_id for row in self.rows}

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Emit notes typed since the last flush (on a pause, on leaving the field, on story switch)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for question_id, note in pending.items():
            for row in self.rows:
                if row.question_id == question_id:
                    row.saved_note = note
            self.note_edited.emit(question_id, note)

    def _note_typed(self, row: LinkRow) -> None:
        """textChanged also fires when only the formats change (the spell check's underlines): no save then."""
        text = row.note()
        if text == row.saved_note:
            self._pending.pop(row.question_id, None)
            return
        self._pending[row.question_id] = text
        self._timer.start()
