"""GUI: the spell check's marks in the one-line title and the right-click menu of every story field.

A ``QLineEdit`` has no syntax highlighter, so the title gets its wavy underline as input-method text
formats (``QInputMethodEvent.TextFormat``): they only change how the text is drawn, never the text, its
undo history or its signals, so the title keeps every behaviour of a line edit.

Positions here are Qt's (UTF-16 code units); the checker's Python offsets are converted with ``to_utf16``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtGui import QFont, QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from storybook.gui.checks.highlighter import SPELLING, SpellFinder, to_utf16

MAX_MENU_WORD = 30  # a longer word is shortened in the menu's labels


@dataclass(frozen=True)
class WordAt:
    """A misspelled word under the mouse: Qt positions in the whole field's text, and the word itself."""

    start: int
    end: int
    word: str


def spelling_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(SPELLING)
    return fmt


def qt_ranges(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` (Python offsets of ``text``) as UTF-16 positions."""
    flat = to_utf16(text, [p for r in ranges for p in r])
    return list(zip(flat[::2], flat[1::2], strict=True))


def word_in(text: str, at: int, finder: SpellFinder, base: int = 0) -> WordAt | None:
    """The misspelled word of ``text`` that UTF-16 position ``at`` touches (``base`` is where ``text`` starts)."""
    found = finder(text)
    for (start, end), (lo, hi) in zip(found, qt_ranges(text, found), strict=True):
        if lo <= at <= hi:
            return WordAt(base + lo, base + hi, text[start:end])
    return None


class TitleMarks(QObject):
    """GUI: underlines the misspelled words of a line edit, again after every change of its text."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.finder: SpellFinder | None = None
        self.ranges: list[tuple[int, int]] = []  # UTF-16 ranges underlined now
        edit.textChanged.connect(self.refresh)

    def set_finder(self, finder: SpellFinder | None) -> None:
        self.finder = finder
        self.refresh()

    def refresh(self, *_: object) -> None:
        text = self.edit.text()
        ranges = qt_ranges(text, self.finder(text)) if self.finder is not None and text else []
        self.ranges = ranges
        cursor = self.edit.cursorPosition()  # the event's positions count from the cursor
        fmt = spelling_format()
        attrs = [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, lo - cursor, hi - lo, fmt)
                 for lo, hi in ranges]
        QCoreApplication.sendEvent(self.edit, QInputMethodEvent("", attrs))

    def word_at(self, pos: QPoint) -> WordAt | None:
        if self.finder is None:
            return None
        return word_in(self.edit.text(), self.edit.cursorPositionAt(pos), self.finder)


def plain_word_at(edit: QPlainTextEdit, pos: QPoint, finder: SpellFinder | None) -> WordAt | None:
    """The misspelled word at viewport point ``pos`` of a plain-text editor."""
    if finder is None:
        return None
    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    return word_in(block.text(), cursor.positionInBlock(), finder, block.position())


def replace_word(edit: QWidget, word: WordAt, replacement: str) -> None:
    """Put ``replacement`` in place of ``word``: one edit, so one Undo brings the old word back."""
    if isinstance(edit, QLineEdit):
        edit.setSelection(word.start, word.end - word.start)
        edit.insert(replacement)  # emits textEdited, so the title is saved like typing
        return
    if isinstance(edit, QPlainTextEdit):
        cursor = edit.textCursor()
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        edit.setTextCursor(cursor)


def _short(word: str) -> str:
    return word if len(word) <= MAX_MENU_WORD else word[: MAX_MENU_WORD - 1] + "\u2026"


@dataclass
class MenuActions:
    """What the spelling entries of a context menu do."""

    replace: Callable[[str], None]
    add: Callable[[], None]
    ignore: Callable[[], None] | None  # None: no story is open, nothing to ignore it in


def add_spelling_entries(menu: QMenu, word: str, suggestions: list[str], actions: MenuActions) -> None:
    """Put the suggestions, "Add to dictionary" and "Ignore in this story" above the menu's usual entries."""
    first = menu.actions()[0] if menu.actions() else None
    entries: list[object] = []
    bold = QFont(menu.font())
    bold.setBold(True)
    for suggestion in suggestions:
        act = menu.addAction(suggestion)
        act.setFont(bold)
        act.setObjectName("spellingSuggestion")
        act.triggered.connect(lambda _c=False, s=suggestion: actions.replace(s))
        entries.append(act)
    if not suggestions:
        none = menu.addAction("No suggestions")
        none.setEnabled(False)
        entries.append(none)
    add = menu.addAction(f"Add \u201c{_short(word)}\u201d to dictionary")
    add.setObjectName("spellingAdd")
    add.triggered.connect(lambda _c=False: actions.add())
    ignore = menu.addAction("Ignore in this story")
    ignore.setObjectName("spellingIgnore")
    if actions.ignore is None:
        ignore.setEnabled(False)
    else:
        ignore.triggered.connect(lambda _c=False, fn=actions.ignore: fn())
    entries += [add, ignore, menu.addSeparator()]
    for act in entries:  # addAction appends: move the new entries to the top, in order
        menu.removeAction(act)
        menu.insertAction(first, act)  # type: ignore[arg-type]  # None appends
