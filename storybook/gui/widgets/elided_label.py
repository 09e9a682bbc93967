"""GUI: a one-line label that ends in "…" when short of room instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget

MIN_CHARS = 8  # how much of the text stays visible however narrow the window gets


class ElidedLabel(QLabel):
    """GUI: status-bar style label; when elided, hovering shows the whole text (and any tooltip)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        short = self.fontMetrics().horizontalAdvance(self.text()[:MIN_CHARS] + "…")
        return QSize(min(hint.width(), short + margins.left() + margins.right()), hint.height())

    def shown_text(self) -> str:
        """The text as drawn: whole, or cut with an ellipsis to the width the label has."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.is_elided():
            extra = self.toolTip()
            tip = self.text() + (f"\n\n{extra}" if extra and extra != self.text() else "")
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
