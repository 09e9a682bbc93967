"""GUI: "Suggested questions": the bank questions the open story fits best, with reasons; one click links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.widgets.empty import EmptyStack

SHOWN = 5


def fit_text(score: float) -> str:
    return f"{round(score * 100):d}% fit"


def reasons_html(reasons: Sequence[str]) -> str:
    from html import escape

    return "<br>".join(f"• {escape(r)}" for r in reasons)


class SuggestionRow(QFrame):
    """GUI: one suggested question: its text, fit, reasons and a Link button."""

    def __init__(self, suggestion: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question_id = suggestion.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lbl_text = QLabel(suggestion.label)
        self.lbl_text.setWordWrap(True)
        self.lbl_text.setTextFormat(Qt.TextFormat.PlainText)
        self.lbl_fit = QLabel(fit_text(suggestion.score))
        self.lbl_fit.setAccessibleName("Fit")
        self.lbl_reasons = QLabel(reasons_html(suggestion.reasons[:3]))
        self.lbl_reasons.setWordWrap(True)
        self.lbl_reasons.setTextFormat(Qt.TextFormat.RichText)
        small = QFont(self.lbl_reasons.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        self.lbl_reasons.setFont(small)
        self.lbl_reasons.setForegroundRole(self.lbl_reasons.foregroundRole())
        self.btn_link = QPushButton("Link")
        self.btn_link.setToolTip("Link this question to the story")
        self.btn_link.setAccessibleName(f"Link question: {suggestion.label}")
        top = QHBoxLayout()
        top.addWidget(self.lbl_text, 1)
        top.addWidget(self.btn_link, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.lbl_fit)
        layout.addWidget(self.lbl_reasons)
        self.setToolTip(reasons_html(suggestion.reasons))


class SuggestedQuestionsPanel(QWidget):
    """GUI: the best-fitting questions not yet linked; emits ``link_requested`` when the user clicks Link."""

    link_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SuggestionRow] = []
        self._build()

    def _build(self) -> None:
        title = QLabel("Suggested questions")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self._rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the Link buttons
        scroll.setAccessibleName("Suggested questions")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        self.stack = EmptyStack(scroll, "Select a story to see the questions it fits.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.stack, 1)

    def set_busy(self) -> None:
        if not self.rows:
            self.stack.set_empty(True, "Finding the questions this story fits…")

    def clear(self, text: str = "Select a story to see the questions it fits.") -> None:
        self._set_rows([])
        self.stack.set_empty(True, text)

    def set_suggestions(self, suggestions: Sequence[Any]) -> None:
        """Show the best ``SHOWN`` suggestions that are not linked yet (already linked ones are skipped)."""
        fresh = [s for s in suggestions if not s.linked][:SHOWN]
        self._set_rows(fresh)
        self.stack.set_empty(not fresh, "No suggestions: write a little more of the story first.")

    def _set_rows(self, suggestions: Sequence[Any]) -> None:
        for row in self.rows:
            row.hide()
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for suggestion in suggestions:
            row = SuggestionRow(suggestion)
            row.btn_link.clicked.connect(lambda _c=False, q=suggestion.id: self.link_requested.emit(q))
            self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
            self.rows.append(row)
