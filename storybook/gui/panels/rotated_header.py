"""GUI: a horizontal header with text turned upright, so story titles fit above narrow grid columns."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

MAX_HEADER_TEXT = 220
PADDING = 8


class RotatedHeader(QHeaderView):
    """GUI: draws each section's text rotated by 90°, honouring the model's background and foreground."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _label(self, logical: int) -> str:
        model = self.model()
        value = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) if model else None
        return str(value or "")

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        model = self.model()
        count = model.columnCount() if model else 0
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(self._label(i)) for i in range(count)), default=fm.horizontalAdvance("Stories"))
        return QSize(base.width(), min(MAX_HEADER_TEXT, longest) + PADDING * 2)

    def sectionSizeFromContents(self, logical: int) -> QSize:
        return QSize(self.fontMetrics().height() + PADDING * 2, self.sizeHint().height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        opt = QStyleOptionHeader()
        opt.initFrom(self)
        opt.rect = rect
        opt.section = logical
        opt.orientation = Qt.Orientation.Horizontal
        opt.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, opt, painter, self)
        model = self.model()
        background = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.BackgroundRole)
        foreground = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole)
        if isinstance(background, QBrush):
            painter.fillRect(rect.adjusted(1, 1, -1, -1), background)
        color = foreground.color() if isinstance(foreground, QBrush) else self.palette().color(
            QPalette.ColorRole.ButtonText)
        painter.setPen(color)
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)
        text_rect = QRect(PADDING, 0, rect.height() - PADDING * 2, rect.width())
        text = self.fontMetrics().elidedText(self._label(logical), Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()
