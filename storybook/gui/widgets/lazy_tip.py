"""GUI: a tooltip made when it is first asked for, so that building the widget does not import what it explains."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _TipOnDemand(QObject):
    """Sets its widget's tooltip from ``make`` on the first tooltip or accessibility request, then steps aside."""

    def __init__(self, widget: QWidget, make: Callable[[], str]) -> None:
        super().__init__(widget)
        self._make = make
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ToolTip, QEvent.Type.WhatsThis, QEvent.Type.FocusIn):
            fill_tip(watched)
        return False

    def fill(self, widget: QWidget) -> None:
        widget.removeEventFilter(self)
        if not widget.toolTip():  # a tooltip set since (e.g. with the rubric) wins
            widget.setToolTip(self._make())
        self.deleteLater()


def tip_on_demand(widget: QWidget, make: Callable[[], str]) -> None:
    """Give ``widget`` the tooltip ``make()`` the first time it is needed (``fill_tip`` forces it)."""
    _TipOnDemand(widget, make)


def fill_tip(widget: QObject) -> None:
    """Make a tooltip promised by ``tip_on_demand`` now (no-op for a widget without one)."""
    for child in widget.findChildren(_TipOnDemand):
        if child.parent() is widget and isinstance(widget, QWidget):
            child.fill(widget)
