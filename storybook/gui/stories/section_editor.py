"""GUI: one labelled plain-text editor with a live word count and spoken-time estimate."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from storybook.bank import MAX_FIELD_CHARS
from storybook.gui.widgets.clean_inputs import CleanPlainTextEdit
from storybook.model.measures import format_seconds, spoken_seconds, word_count

MIN_LINES = 3
MAX_LINES = 24


class GrowingPlainTextEdit(CleanPlainTextEdit):
    """GUI: a plain-text editor that grows with its text between a few lines and a screenful.

    Pasted or dropped text loses invisible control characters and is cut to ``max_chars``; either
    change is reported through ``notice`` so nothing disappears without the user being told.
    """

    def __init__(self, min_lines: int = MIN_LINES, parent: QWidget | None = None,
                 max_chars: int = MAX_FIELD_CHARS) -> None:
        super().__init__(parent, max_chars)
        self._min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        line = self.fontMetrics().lineSpacing()
        lines = max(self._min_lines, min(MAX_LINES, int(self.document().size().height())))
        frame = int(self.document().documentMargin() * 2 + self.frameWidth() * 2) + 4
        self.setFixedHeight(lines * line + frame)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        self._fit()

    def select_span(self, start: int, end: int) -> None:
        """Select characters ``start``..``end`` and scroll them into view."""
        length = len(self.toPlainText())
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class SectionEditor(QWidget):
    """GUI: a STAR section: a title, its share of the time, the editor and its live figures."""

    text_changed = Signal()

    def __init__(self, key: str, title: str, placeholder: str, min_lines: int = MIN_LINES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._last_text = ""
        self._words = 0  # counted once per change: the total re-reads every section on each keystroke
        self._pace = 150.0
        self._budget: float | None = None
        self.lbl_title = QLabel(title)
        font = QFont(self.lbl_title.font())
        font.setBold(True)
        self.lbl_title.setFont(font)
        self.lbl_budget = QLabel()
        self.lbl_budget.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary text in any palette
        self.lbl_stats = QLabel()
        self.lbl_stats.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit = GrowingPlainTextEdit(min_lines)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(title)
        self.lbl_title.setBuddy(self.edit)
        self._build_layout()
        self.edit.textChanged.connect(self._on_text_changed)
        self.refresh_stats()

    def _build_layout(self) -> None:
        self._header = header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.lbl_title)
        header.addWidget(self.lbl_budget)
        header.addStretch(1)
        header.addWidget(self.lbl_stats)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.edit)

    def add_header_widget(self, widget: QWidget) -> None:
        """Put ``widget`` (a button) at the end of the title row, after the live figures."""
        self._header.addWidget(widget)

    def insert_above_editor(self, widget: QWidget) -> None:
        """Put ``widget`` (a banner) between the title row and the text."""
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.edit), widget)

    def set_pace(self, pace_wpm: float, budget_seconds: float | None = None, budget_label: str = "") -> None:
        self._pace = pace_wpm
        self._budget = budget_seconds
        self.lbl_budget.setText(budget_label)
        self.refresh_stats()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text without emitting ``text_changed`` (this also clears undo history)."""
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self._last_text = self.edit.toPlainText()
        self._words = word_count(self._last_text)
        self.refresh_stats()

    def words(self) -> int:
        return self._words

    def seconds(self) -> float:
        return spoken_seconds(self.words(), self._pace)

    def refresh_stats(self) -> None:
        words, seconds = self.words(), self.seconds()
        text = f"{words} word{'' if words == 1 else 's'} · {format_seconds(seconds)}"
        over = self._budget is not None and words and seconds > self._budget * 1.5
        self.lbl_stats.setText(f"{text}  (long for this part)" if over else text)

    def _on_text_changed(self) -> None:
        # QPlainTextEdit also says "changed" when a syntax highlighter repaints: only real edits count.
        text = self.edit.toPlainText()
        if text == self._last_text:
            return
        self._last_text = text
        self._words = word_count(text)
        self.refresh_stats()
        self.text_changed.emit()
