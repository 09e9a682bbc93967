"""GUI: the strip under the menus that says the database is open read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

READ_ONLY_TEXT = ("Read-only: {path} cannot be written. You can read and export your stories; "
                  "edits are not saved. Make the file writable and restart Storybook to edit.")


def add_read_only_banner(window: QMainWindow, path: str) -> QToolBar:
    """Show a fixed, non-movable notice at the top of ``window``."""
    bar = QToolBar("Read-only", window)
    bar.setObjectName("bar_read_only")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)
    label = QLabel(READ_ONLY_TEXT.format(path=path), bar)
    label.setObjectName("lbl_read_only")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    label.setStyleSheet("QLabel { background: palette(highlight); color: palette(highlighted-text); padding: 6px; }")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    bar.addWidget(label)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
