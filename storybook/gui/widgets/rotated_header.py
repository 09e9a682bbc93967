"""GUI: a horizontal header with text turned upright, so story titles fit above narrow grid columns.

Every section has the same width (one line of text) and the header is as tall as its longest label
(capped). The labels are measured once per model change and the height is cached, so laying out the
header costs one text measurement per column instead of one per column for every column.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionHeader, QWidget

MAX_HEADER_TEXT = 220
PADDING = 8
# Labels may change on these: forget the measured height before Qt lays the header out again ...
BEFORE_SIGNALS = ("modelAboutToBeReset", "layoutAboutToBeChanged", "columnsAboutToBeInserted")
# ... and after them (Qt's own slots run first), ask the view to make the header as tall as the new labels
AFTER_SIGNALS = ("modelReset", "layoutChanged", "headerDataChanged", "columnsInserted", "columnsRemoved")


class RotatedHeader(QHeaderView):
    """GUI: draws each section's text rotated by 90°, honouring the model's background and foreground."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._height: int | None = None  # the cached label height; None: measure again
        self.measured = 0  # labels measured so far (tests check that this grows linearly)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultSectionSize(self.section_width())

    def section_width(self) -> int:
        return self.fontMetrics().height() + PADDING * 2

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt override
        old = self.model()
        if old is not None:
            for name in BEFORE_SIGNALS:
                getattr(old, name).disconnect(self.forget_labels)
            for name in AFTER_SIGNALS:
                getattr(old, name).disconnect(self.labels_changed)
        super().setModel(model)
        if model is not None:
            for name in BEFORE_SIGNALS:
                getattr(model, name).connect(self.forget_labels)
            for name in AFTER_SIGNALS:
                getattr(model, name).connect(self.labels_changed)
        self.forget_labels()

    def forget_labels(self, *_args: object) -> None:
        """The labels (or the font) may change: measure them again on the next layout."""
        self._height = None

    def labels_changed(self, *_args: object) -> None:
        """The labels changed: measure again and let the view give the header its new height."""
        self._height = None
        self.updateGeometry()
        view = self.parentWidget()
        if isinstance(view, QAbstractItemView):
            view.updateGeometries()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self.setDefaultSectionSize(self.section_width())
            self.labels_changed()
        super().changeEvent(event)

    def _label(self, logical: int) -> str:
        model = self.model()
        value = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) if model else None
        return str(value or "")

    def label_height(self) -> int:
        """Room for the longest label (at most MAX_HEADER_TEXT pixels), measured once per change."""
        if self._height is None:
            model = self.model()
            count = model.columnCount() if model else 0
            fm = self.fontMetrics()
            longest = fm.horizontalAdvance("Stories")
            for logical in range(count):
                self.measured += 1
                longest = max(longest, fm.horizontalAdvance(self._label(logical)))
                if longest >= MAX_HEADER_TEXT:
                    break  # the cap is reached: no label can make the header taller
            self._height = min(MAX_HEADER_TEXT, longest) + PADDING * 2
        return self._height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # What Qt's own hint gives (the widest section, all are equal) without asking up to 200 sections
        # for their size through Python on every layout: a grid of 500 stories opened noticeably slower.
        return QSize(self.section_width() if self.count() else 0, self.label_height())

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.section_width(), self.label_height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802 - Qt override
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
