"""GUI: the rehearsal clock and the per-section bars, coloured by zone and readable in light and dark palettes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from storybook.model.measures import format_seconds
from storybook.model.values import SECTION_TITLES, SECTIONS
from storybook.rehearsal.timer import Zone

# Fixed background/text pairs with a contrast ratio above 7:1, so they read the same on any palette.
ZONE_COLOURS: dict[Zone, tuple[str, str] | None] = {
    Zone.UNDER: None,  # the palette's own colours
    Zone.BETWEEN: ("#F2B705", "#000000"),  # amber: past the target
    Zone.OVER: ("#B3261E", "#FFFFFF"),  # red: past the limit
}
BAR_GAP = 6.0
ZONE_WORDS = {Zone.UNDER: "under target", Zone.BETWEEN: "past target", Zone.OVER: "over limit"}


def zone_style(zone: Zone) -> str:
    colours = ZONE_COLOURS[zone]
    if colours is None:
        return "QLabel { border-radius: 12px; padding: 4px 24px; }"
    background, text = colours
    return f"QLabel {{ background: {background}; color: {text}; border-radius: 12px; padding: 4px 24px; }}"


def _luminance(colour: QColor) -> float:
    parts = [colour.redF(), colour.greenF(), colour.blueF()]
    lin = [p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def readable_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background`` (some palettes pair a mid blue with white)."""
    lum = _luminance(background)
    return QColor("#000000") if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else QColor("#FFFFFF")


class ClockLabel(QLabel):
    """GUI: the large run clock; its colours change at the target and the limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("0:00", parent)
        font = QFont(self.font())
        font.setPointSize(72)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.zone = Zone.UNDER
        self.setStyleSheet(zone_style(self.zone))
        self.setAccessibleName("Rehearsal clock")

    def show_time(self, seconds: float, zone: Zone) -> None:
        self.setText(format_seconds(seconds))
        if zone is not self.zone:
            self.zone = zone
            self.setStyleSheet(zone_style(zone))
        self.setAccessibleDescription(f"{format_seconds(seconds)}, {ZONE_WORDS[zone]}")

    def background(self) -> QColor:
        colours = ZONE_COLOURS[self.zone]
        return QColor(colours[0]) if colours else self.palette().color(QPalette.ColorRole.Window)


class SectionBars(QWidget):
    """GUI: one bar per STAR section, as wide as its budget, filled by the time spent in it."""

    def __init__(self, budgets: Sequence[float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.budgets = [max(0.0, float(b)) for b in budgets]
        self.seconds = [0.0] * len(SECTIONS)
        self.current = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Section times")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # two lines of bold text and a margin, so large fonts and scaled screens are not cut off
        bold = QFont(self.font())
        bold.setBold(True)
        return QSize(600, max(56, 2 * QFontMetrics(bold).lineSpacing() + 20))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(4 * 48, self.sizeHint().height())

    def set_budgets(self, budgets: Sequence[float]) -> None:
        self.budgets = [max(0.0, float(b)) for b in budgets]
        self.update()

    def set_progress(self, seconds: Sequence[float], current: int) -> None:
        self.seconds = [float(s) for s in seconds]
        self.current = current
        self.setToolTip("\n".join(self.lines()))
        self.setAccessibleDescription("; ".join(self.lines()))
        self.update()

    def over_budget(self) -> list[bool]:
        return [s > b for s, b in zip(self.seconds, self.budgets, strict=False)]

    def lines(self) -> list[str]:
        return [f"{SECTION_TITLES[s]} {format_seconds(t)} of {format_seconds(b)}"
                for s, t, b in zip(SECTIONS, self.seconds, self.budgets, strict=False)]

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = 0.0
        for index, (section, w) in enumerate(zip(SECTIONS, self.bar_widths(), strict=True)):
            self._paint_bar(painter, QRectF(x, 4, w, self.height() - 8), index, section)
            x += w + BAR_GAP
        painter.end()

    def bar_widths(self) -> list[float]:
        """Each bar gets room for its label, and the rest of the width in proportion to its budget."""
        bold = QFont(self.font())
        bold.setBold(True)
        label = float(QFontMetrics(bold).horizontalAdvance("00:00 / 00:00") + 8)
        width = max(0.0, self.width() - BAR_GAP * (len(SECTIONS) - 1))
        base = min(label, width / len(SECTIONS))
        spare = width - base * len(SECTIONS)
        total = sum(self.budgets) or 1.0
        return [base + spare * b / total for b in self.budgets]

    def bar_colours(self, index: int) -> tuple[QColor, QColor, QColor]:
        """Fill, text on the fill, and text on the empty part of a bar: each pair keeps its contrast."""
        pal = self.palette()
        if self.seconds[index] > self.budgets[index]:
            return QColor(ZONE_COLOURS[Zone.OVER][0]), QColor(ZONE_COLOURS[Zone.OVER][1]), QColor(ZONE_COLOURS[Zone.OVER][1])
        fill = pal.color(QPalette.ColorRole.Highlight)
        return fill, readable_on(fill), pal.color(QPalette.ColorRole.Text)

    def _paint_bar(self, painter: QPainter, rect: QRectF, index: int, section: str) -> None:
        pal = self.palette()
        frame = pal.color(QPalette.ColorRole.Highlight if index == self.current else QPalette.ColorRole.Mid)
        painter.setPen(QPen(frame, 2 if index == self.current else 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        share = min(1.0, self.seconds[index] / self.budgets[index]) if self.budgets[index] else 1.0
        fill, on_fill, on_empty = self.bar_colours(index)
        filled = QRectF(rect.x(), rect.y(), rect.width() * share, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(filled, 6, 6)
        font = QFont(self.font())
        font.setBold(index == self.current)
        painter.setFont(font)
        label = f"{SECTION_TITLES[section]}\n{format_seconds(self.seconds[index])} / {format_seconds(self.budgets[index])}"
        # The label crosses the edge of the fill: draw it twice, clipped, so each half reads on its own background.
        for clip, colour in ((filled, on_fill), (QRectF(filled.right(), rect.y(), rect.right() - filled.right(),
                                                        rect.height()), on_empty)):
            if clip.width() <= 0:
                continue
            painter.save()
            painter.setClipRect(clip)
            painter.setPen(colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            painter.restore()
