"""GUI: an item delegate whose tick boxes stay visible on a dark palette.

Fusion draws the frame of an item view's tick box in the palette's Window colour made darker; on a dark
palette that frame is nearly the colour of the list behind it, so an unticked box all but disappears.
For dark palettes this delegate gives the item's own style option a Window colour whose darker shade is
half-way between the list's background and its text. Light palettes are left exactly as they are, and
because only the item's option changes, every other part of the view keeps the style's look.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

FRAME_MIX = 0.55  # how far the frame moves from the background towards the text colour
FUSION_DARKER = 140  # Fusion's frame is Window.darker(140); the inverse is lighter(140)


def is_dark(palette: QPalette) -> bool:
    """A palette whose text is lighter than the background it is drawn on."""
    return palette.color(QPalette.ColorRole.Text).lightnessF() > palette.color(QPalette.ColorRole.Base).lightnessF()


def indicator_frame_color(palette: QPalette) -> QColor:
    """The frame colour wanted for a tick box on ``palette``: between Base and Text."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    mix = [b + (t - b) * FRAME_MIX for b, t in ((base.redF(), text.redF()), (base.greenF(), text.greenF()),
                                                 (base.blueF(), text.blueF()))]
    return QColor.fromRgbF(*mix)


class VisibleCheckDelegate(QStyledItemDelegate):
    """GUI: item delegate that keeps unticked boxes visible on dark palettes (no change on light ones)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        has_check = bool(option.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator)
        if not has_check or not is_dark(option.palette):
            return
        palette = QPalette(option.palette)
        window = indicator_frame_color(palette).lighter(FUSION_DARKER)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Window, window)
        option.palette = palette  # the option's palette is a copy in Python: hand the changed one back
