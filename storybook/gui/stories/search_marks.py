"""GUI: the story list's search shown in the open story: every match marked, F3 / Shift+F3 walk them.

Marks are extra selections on the section editors (the checks and the spell check use the syntax
highlighter, so the two never fight); they follow the text as it is edited and go when the search is
cleared. The title is a line edit without extra selections: F3 selects its matches instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget

from storybook.bank.search_query import WordGroup, match_spans, parse_query

MARK_BG, MARK_FG = QColor("#ffe066"), QColor("#1a1a1a")  # dark text on yellow: readable in light and dark themes
CURRENT_BG = QColor("#ff9632")
Match = tuple[QWidget, int, int]  # the editor and the match's start and end in Qt (UTF-16) positions


def qt_offsets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Python string spans as Qt text positions (characters outside the BMP count twice there)."""
    if text.isascii():
        return spans

    def pos(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    return [(pos(a), pos(b)) for a, b in spans]


class SearchMarks(QObject):
    """GUI: marks the search's matches in the title and the section editors; ``step`` moves between them."""

    def __init__(self, title: QLineEdit, editors: list[QPlainTextEdit], scroll: QScrollArea | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scroll = scroll
        self._title = title
        self._editors = editors
        self._groups: list[WordGroup] = []
        self._current: Match | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        for editor in editors:
            editor.textChanged.connect(self._timer.start)

    @property
    def active(self) -> bool:
        return bool(self._groups)

    def set_query(self, text: str) -> None:
        groups = parse_query(text)
        if groups == self._groups:
            return
        self._groups = groups
        self._current = None
        self.refresh()

    def refresh(self) -> None:
        """Mark the matches again (the story changed, or the search)."""
        self._timer.stop()
        for editor in self._editors:
            spans = self._spans(editor)
            editor.setExtraSelections([self._selection(editor, a, b) for a, b in spans])

    def matches(self) -> list[Match]:
        """Every match in field order: the title, then the sections top to bottom."""
        return [(widget, a, b) for widget in (self._title, *self._editors) for a, b in self._spans(widget)]

    def step(self, forward: bool = True) -> bool:
        """Go to the next (or previous) match after the current one, wrapping round; False when there is none."""
        found = self.matches()
        if not found:
            return False
        order = {m: i for i, m in enumerate(found)}
        if self._current in order:
            index = (order[self._current] + (1 if forward else -1)) % len(found)
        else:
            index = self._index_from_cursor(found, forward)
        self._current = found[index]
        self._show(*self._current)
        return True

    # ---- internals --------------------------------------------------------------------
    def _spans(self, widget: QWidget) -> list[tuple[int, int]]:
        if not self._groups:
            return []
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        return qt_offsets(text, match_spans(text, self._groups))

    def _index_from_cursor(self, found: list[Match], forward: bool) -> int:
        """From where the cursor is: the first match after it (or the last before it)."""
        widgets = [self._title, *self._editors]
        focus = next((w for w in widgets if w.hasFocus()), None)
        if focus is None:
            return 0 if forward else len(found) - 1
        cursor = focus.cursorPosition() if isinstance(focus, QLineEdit) else focus.textCursor().selectionStart()
        here = (widgets.index(focus), cursor)
        keyed = [((widgets.index(w), a), i) for i, (w, a, _b) in enumerate(found)]
        if forward:
            return next((i for key, i in keyed if key >= here), 0)
        return next((i for key, i in reversed(keyed) if key < here), len(found) - 1)

    def _show(self, widget: QWidget, start: int, end: int) -> None:
        if isinstance(widget, QLineEdit):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.setSelection(start, end - start)
            return
        assert isinstance(widget, QPlainTextEdit)
        cursor = widget.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        widget.ensureCursorVisible()
        if self._scroll is not None and self._scroll.widget() is not None:  # the editors grow: scroll the page
            spot = widget.viewport().mapTo(self._scroll.widget(), widget.cursorRect().center())
            self._scroll.ensureVisible(spot.x(), spot.y(), 20, widget.cursorRect().height() * 2)
        self.refresh()

    def _selection(self, editor: QPlainTextEdit, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        current = self._current is not None and self._current == (editor, start, end)
        fmt.setBackground(CURRENT_BG if current else MARK_BG)
        fmt.setForeground(MARK_FG)
        selection.format = fmt
        return selection
