"""GUI: the help / about dialog (F1): what STAR is, the shortcuts (read from the window's real menu actions),
versions and where the data lives."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

from storybook import __version__

# Keys that are not menu actions: they act inside one widget or window.
CONTEXT_KEYS = [
    ("Del", "In the story list: move the story to the trash"),
    ("Ctrl+Z", "In the story list: put back the story last moved to the trash"),
    ("Space", "Rehearsal: start, pause or resume (on the last section: finish)"),
    ("\u2192 / Enter", "Rehearsal: next section"),
    ("P", "Rehearsal: pause"),
    ("Esc", "Rehearsal: stop"),
    ("R", "Rehearsal: restart"),
    ("1\u20135", "Rehearsal, when finished: rate the run"),
    ("F11", "Rehearsal: full screen"),
]


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu())
        elif not action.isSeparator():
            yield action


def shortcut_rows(window: QWidget | None) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu action of ``window`` that has a shortcut, in menu order."""
    bar = window.findChild(QMenuBar) if window is not None else None
    if bar is None:
        return []
    rows: list[tuple[str, str]] = []
    for top in bar.actions():
        if top.menu() is None:
            continue
        for action in _menu_actions(top.menu()):
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
            if keys:
                text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("\u2026.")
                # an alternative is listed only when it is a key combination, not a dedicated "Help" or "Find" key
                keys = [keys[0], *(k for k in keys[1:2] if "+" in k)]
                rows.append((" / ".join(dict.fromkeys(keys)), text))
    return rows


def help_html(db_path: str, engine: str, shortcuts: Sequence[tuple[str, str]] = ()) -> str:
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
                   for k, v in [*shortcuts, *CONTEXT_KEYS])
    return f"""
<h2>Storybook {__version__}</h2>
<p>Prepare behavioral interviews with STAR stories, offline. Nothing leaves this computer.</p>
<h3>STAR in one minute</h3>
<p><b>Situation</b> and <b>Task</b> set the scene briefly. <b>Action</b> is the heart of the answer (about
60% of the time): what <i>you</i> did, step by step. <b>Result</b> says what changed, with numbers where you
can, and what you learned. Aim for about two minutes spoken, and eight to ten stories that together cover
every competency at least twice.</p>
<h3>Shortcuts</h3><table>{rows}</table>
<h3>This installation</h3>
<p>Database: {html.escape(db_path)}<br>Text checks: {html.escape(engine)}<br>Qt for Python {pyside_version}</p>
<p>Edits are saved about a second after you stop typing, when you switch stories and when you close the
window. Backups are kept next to the database in <i>backups/</i>.</p>
"""


class AboutDialog(QDialog):
    """GUI: help and about in one scrollable page."""

    def __init__(self, db_path: str, engine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Storybook help")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Help text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(db_path, engine, shortcut_rows(parent)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 560)

    @classmethod
    def show_help(cls, parent: QWidget | None, db_path: str, engine: str) -> tuple[None, bool]:
        cls(db_path, engine, parent).exec()
        return None, True
