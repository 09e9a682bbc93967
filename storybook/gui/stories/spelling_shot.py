"""GUI: the spell-check screenshot: a story with misspelled words and the right-click menu on one of them.

A popup menu is its own top-level window, so ``window.grab()`` would not show it: the menu is grabbed on its
own and painted over the window image where it would open.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget

DEMO_TITLE = "Recovering a failed data migraton"
DEMO_ACTION = ("I wrote a rollback plan, rehearsed it twice on a copy of the 40 GB database and recieved "
               "sign-off from the DBA team. During the cut-over I monitored the KPIs on "
               "https://grafana.example.com and paused the job when errors passed 0.5%.")


def stage(win: Any, link: Any) -> QWidget:
    """Type the demo text into the open story, open the menu on "recieved" and return a label showing both.

    ``win`` is the MainWindow and ``link`` its SpellingLink (not imported here: that would be an import cycle).
    """
    if link.checker is None:
        link.load_now()
    win.show_tab("stories")
    editor = win.workspace.editor
    edit = editor.section_edit("action")
    before = editor.edit_title.text(), edit.toPlainText()
    editor.edit_title.setText(DEMO_TITLE)
    edit.setPlainText(DEMO_ACTION)
    for _ in range(3):  # let the editors grow to their text before the grab
        QApplication.processEvents()
    _wait_for_fresh_checks(win)
    win.workspace.editor.scroll.ensureWidgetVisible(edit)
    QApplication.processEvents()
    cursor = edit.textCursor()
    cursor.setPosition(DEMO_ACTION.index("recieved") + 3)
    rect = edit.cursorRect(cursor)
    pos = rect.center()
    menu = link.build_menu(edit, pos)
    menu.adjustSize()
    shot = win.grab()
    where = edit.viewport().mapTo(win, rect.bottomLeft()) + QPoint(4, 6)  # below the word: it stays visible
    painter = QPainter(shot)
    painter.drawPixmap(where, menu.grab())
    painter.end()
    menu.deleteLater()
    editor.edit_title.setText(before[0])  # the screenshots that follow show the story as it was
    edit.setPlainText(before[1])
    _wait_for_fresh_checks(win)
    label = QLabel()
    label.setPixmap(QPixmap(shot))
    label.resize(shot.size())
    return label


def _wait_for_fresh_checks(win: Any, timeout_s: float = 30.0) -> None:
    """The checks' highlights must belong to the text on show, not to the text it replaced."""
    checks = getattr(win, "checks", None)
    if checks is None:
        return
    before = checks.panel.report
    checks.request_current()
    deadline = time.monotonic() + timeout_s
    while checks.panel.report is before and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
