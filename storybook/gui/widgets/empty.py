"""GUI: small helpers for empty states (a centred, word-wrapped hint instead of blank space)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A centred, wrapped, secondary-coloured message for an empty view."""
    label = QLabel(text, parent)
    label.setObjectName("emptyHint")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(16)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class EmptyStack(QStackedWidget):
    """GUI: shows a content widget, or a hint when there is nothing to show."""

    def __init__(self, content: QWidget, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.hint = hint_label(hint)
        self.addWidget(content)
        self.addWidget(self.hint)

    def set_empty(self, empty: bool, hint: str | None = None) -> None:
        if hint is not None:
            self.hint.setText(hint)
        self.setCurrentWidget(self.hint if empty else self.content)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.hint
