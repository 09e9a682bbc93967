"""GUI: text inputs that clean what is pasted into them (control characters, line breaks, length).

One-line fields get ``CleanLineEdit``; multi-line fields get ``CleanPlainTextEdit``. Both report a
cleaned or shortened paste through ``notice`` so nothing disappears without the user being told.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from storybook.gui.widgets.text_clean import one_line, removed_message, strip_controls


class OneLineFilter(QValidator):
    """GUI: last line of defence for paths a line edit cannot intercept (context-menu paste, drops)."""

    removed = Signal(int)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        cleaned, removed = one_line(text)
        if removed or cleaned != text:
            self.removed.emit(removed)
        return QValidator.State.Acceptable, cleaned, min(pos, len(cleaned))


class CleanLineEdit(QLineEdit):
    """GUI: a one-line field; a paste loses control characters and line breaks and stays one undo step."""

    notice = Signal(str)

    def __init__(self, text: str = "", parent: QObject | None = None, max_chars: int | None = None) -> None:
        super().__init__(parent)
        if max_chars is not None:
            self.setMaxLength(max_chars)
        guard = OneLineFilter(self)
        guard.removed.connect(self._report)
        self.setValidator(guard)
        if text:
            self.setText(one_line(text)[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QApplication.clipboard().text())
            event.accept()
            return
        super().keyPressEvent(event)

    def paste_text(self, text: str) -> None:
        """Insert ``text`` at the cursor as a paste would, cleaned first."""
        cleaned, removed = one_line(text)
        self.insert(cleaned)
        self._report(removed)

    def _report(self, removed: int) -> None:
        message = removed_message(removed)
        if message:
            self.notice.emit(message)


class CleanPlainTextEdit(QPlainTextEdit):
    """GUI: a multi-line field; pasted or dropped text loses control characters and is cut to ``max_chars``."""

    notice = Signal(str)

    def __init__(self, parent: QWidget | None = None, max_chars: int = 1_000_000) -> None:
        super().__init__(parent)
        self.max_chars = max_chars

    def room(self) -> int:
        """Characters that still fit, counting the selection that typing or pasting would replace."""
        used = self.document().characterCount() - 1
        return max(0, self.max_chars - used + len(self.textCursor().selectedText()))

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            return
        text, removed = strip_controls(source.text())
        room = self.room()
        cut = max(0, len(text) - room)
        if cut:
            text = text[:room]
        if text:
            self.textCursor().insertText(text)  # one undo step, like a normal paste
            self.ensureCursorVisible()
        message = removed_message(removed, cut, self.max_chars)
        if message:
            self.notice.emit(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if typed and typed.isprintable() and self.room() < len(typed):
            self.notice.emit(f"This field holds {self.max_chars:,} characters; it is full.")
            event.accept()
            return
        super().keyPressEvent(event)
