"""GUI: what the features add to the main window besides their own objects: typed hook lists.

Each feature package has an ``install(window, ctx)`` that the main window calls directly and keeps the result of
in a typed attribute (``window.checks``, ``window.rehearsal``, ``window.targets``, ``window.matching``). What a
feature wants to hear about (settings changed, a tab shown, the window closing) it appends here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from storybook.model.values import Settings


@dataclass
class WindowHooks:
    """GUI: callbacks the window runs for the features: on new settings, when a feature's tab shows, on close."""

    tab_refresh: dict[str, Callable[[], None]] = field(default_factory=dict)
    on_settings_changed: list[Callable[[Settings], None]] = field(default_factory=list)
    on_close: list[Callable[[], None]] = field(default_factory=list)
    screenshots: dict[str, Callable[[], QWidget | None]] = field(default_factory=dict)


def make_action(parent: QWidget, text: str, slot: Callable[[], object], shortcut: str = "", tip: str = "") -> QAction:
    """A menu action that calls ``slot()`` (the checked flag Qt passes is dropped)."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action
