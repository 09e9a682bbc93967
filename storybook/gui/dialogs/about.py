"""GUI: the help / about dialog (F1): what STAR is, the shortcuts, versions and where the data lives."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from storybook import __version__

SHORTCUTS = [
    ("Ctrl+N", "New story"),
    ("Ctrl+D", "Duplicate the story"),
    ("Del", "Move the story to the trash (in the story list)"),
    ("Ctrl+F", "Search stories"),
    ("Ctrl+R", "Rehearse the story"),
    ("Ctrl+E", "Export the dossier"),
    ("Ctrl+,", "Settings"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo in any editor"),
    ("Ctrl+Z", "In the story list: put back the story last moved to the trash"),
    ("Ctrl+Q", "Quit (everything is saved)"),
    ("F1", "This help"),
]


def help_html(db_path: str, engine: str) -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
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
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(db_path, engine))
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
