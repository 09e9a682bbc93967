"""GUI: the spell check in the story editor: underlines as you type, suggestions on a right-click.

Every story field (the four STAR sections, reflection, short version, the notes on linked questions) is
underlined through its document's one highlighter (``document_highlighter``, shared with the checks); the
title through ``TitleMarks``. Only the changed paragraph is re-checked on a keystroke (that is how
``QSyntaxHighlighter`` works) and each word is looked up once (``SpellChecker`` caches), so typing never
waits on the dictionary; suggestions are computed only when a menu opens.

The dictionary loads in the app's worker pool once the window is on screen. The language is a setting
(``Settings.spelling_language``, "" = the system locale's), the personal words and each story's ignored words
come from ``bank.spelling``; a ``ChangeSet`` with ``spelling`` (or ``settings``, as an import sends) re-reads
them and every open field is checked again.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from storybook.analysis.dictionaries import load_dictionary, usable_language
from storybook.analysis.spelling import SpellChecker
from storybook.gui.checks.highlighter import FindingsHighlighter, document_highlighter
from storybook.gui.dialogs.confirm import MessageDialog
from storybook.gui.dialogs.spelling_group import system_language
from storybook.gui.stories.section_editor import GrowingPlainTextEdit
from storybook.gui.stories.spelling_menu import (
    MenuActions,
    TitleMarks,
    WordAt,
    add_spelling_entries,
    plain_word_at,
    replace_word,
)
from storybook.gui.workers import run_in_pool
from storybook.model.values import Settings

if TYPE_CHECKING:
    from storybook.bank.changes import ChangeSet
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)

# A paragraph longer than this (a megabyte pasted as one line) is not underlined: each keystroke in it would
# re-check all of it. Real paragraphs are a few hundred characters.
MAX_CHECKED_BLOCK = 50_000
MAX_CACHED_BLOCKS = 256  # blocks whose misspellings are remembered: a re-highlight of unchanged text is free


class SpellingLink(QObject):
    """GUI: connects the spell checker to the story editor's fields, the bank and the settings."""

    def __init__(self, win: AppWindow, ctx: AppContext) -> None:
        super().__init__(win)
        self.win = win
        self.ctx = ctx
        self.checker: SpellChecker | None = None
        self.language = ""  # the dictionary loaded (or loading)
        self._wanted = ""  # the setting ("" = the system's)
        self._words: list[str] = []
        self._ignored: frozenset[str] = frozenset()
        self._story_id: int | None = None
        self._highlighters: list[FindingsHighlighter] = []
        self._found: dict[str, list[tuple[int, int]]] = {}  # block text -> its misspellings, for this checker
        self._found_for: tuple[object, frozenset[str]] | None = None
        editor = win.workspace.editor
        self.title = TitleMarks(editor.edit_title)
        self._attach_line(editor.edit_title)
        for section in editor.text_editors():
            self._attach_plain(section.edit)
        win.workspace.story_loaded.connect(self._on_story_loaded)
        win.bank_changes.changed.connect(self._on_bank_changed)
        win.hooks.on_settings_changed.append(self._on_settings)

    # ---- fields --------------------------------------------------------------------------
    def _attach_plain(self, edit: QPlainTextEdit) -> None:
        if edit.property("spellChecked"):
            return
        edit.setProperty("spellChecked", True)
        highlighter = document_highlighter(edit.document())
        self._highlighters.append(highlighter)
        if self.checker is not None:
            highlighter.set_spelling(self.find)
        highlighter.destroyed.connect(lambda *_: self._forget(highlighter))
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(partial(self._show_menu, edit))

    def _attach_line(self, edit: QLineEdit) -> None:
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(partial(self._show_menu, edit))

    def _forget(self, highlighter: FindingsHighlighter) -> None:
        if highlighter in self._highlighters:
            self._highlighters.remove(highlighter)

    def _attach_notes(self) -> None:
        """The note fields of linked questions are built per story: attach the new ones."""
        for edit in self.win.workspace.links_panel.findChildren(GrowingPlainTextEdit):
            self._attach_plain(edit)

    # ---- the checker ---------------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int]]:
        """What the highlighters underline: (start, end) of each misspelled word of ``text``."""
        if self.checker is None or len(text) > MAX_CHECKED_BLOCK:
            return []
        if self._found_for != (self.checker, self._ignored):  # a new dictionary or word list: check afresh
            self._found, self._found_for = {}, (self.checker, self._ignored)
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= MAX_CACHED_BLOCKS:
                self._found.clear()
            found = self._found[text] = [(m.start, m.end) for m in self.checker.misspellings(text, self._ignored)]
        return list(found)

    def start(self) -> None:
        """Read the stored words and load the dictionary off the GUI thread (after the first paint)."""
        try:
            self._reload_words()
        except Exception as exc:  # a damaged or closed bank: the editor works on without the spell check
            log.exception("Could not read the spelling words")
            self._failed(str(exc))
            return
        self._load(self._wanted)

    def _load(self, wanted: str) -> None:
        language = usable_language(wanted or system_language())
        if language == self.language and self.checker is not None:
            return
        self.language = language
        run_in_pool(self.ctx.pool, load_dictionary, language, owner=self,
                    on_done=lambda _rid, result: self._loaded(language, result),
                    on_failed=lambda _rid, message: self._failed(message))

    def _failed(self, message: str) -> None:
        log.warning("Spell check not available: %s", message)
        self.language = ""
        self.win.statusBar().showMessage(f"Spell check not available: {message}", 15000)

    def load_now(self, language: str | None = None) -> None:
        """Load synchronously (tests, probes): the dictionary for ``language`` or the setting's."""
        self._reload_words()
        self.language = usable_language(language or self._wanted or system_language())
        self._loaded(self.language, load_dictionary(self.language))

    def _loaded(self, language: str, dictionary: Any) -> None:
        if language != self.language:
            return  # the setting changed while this one loaded
        self.checker = SpellChecker(dictionary, language, self._words)
        log.info("Spell check ready (%s)", language)
        self.recheck()

    def _reload_words(self) -> None:
        bank = self.win.bank
        self._words = bank.spelling.words()
        self._story_id = self.win.workspace.current_story_id
        self._ignored = bank.spelling.ignored(self._story_id) if self._story_id is not None else frozenset()
        self._found_for = None  # the personal words may have changed in the same checker
        if self.checker is not None:
            self.checker.set_personal(self._words)

    def recheck(self) -> None:
        finder = self.find if self.checker is not None else None
        for highlighter in list(self._highlighters):
            try:
                highlighter.set_spelling(finder)
            except RuntimeError:  # its field was deleted with a note row
                self._forget(highlighter)
        self.title.set_finder(finder)

    # ---- what changes it -----------------------------------------------------------------
    def _on_settings(self, settings: Settings) -> None:
        self._wanted = settings.spelling_language
        if self.checker is not None and usable_language(self._wanted or system_language()) != self.language:
            self._load(self._wanted)

    def _on_bank_changed(self, change: ChangeSet) -> None:
        if self.checker is not None and (change.spelling or change.settings):
            self._reload_words()
            self.recheck()

    def _on_story_loaded(self, record: Any) -> None:
        self._attach_notes()
        story_id = getattr(record, "id", None)
        if self.checker is None or story_id == self._story_id:
            return
        self._story_id = story_id
        ignored = self.win.bank.spelling.ignored(story_id) if story_id is not None else frozenset()
        if ignored != self._ignored:
            self._ignored = ignored
            self.recheck()

    # ---- the menu ------------------------------------------------------------------------
    def word_at(self, edit: QWidget, pos: QPoint) -> WordAt | None:
        finder = self.find if self.checker is not None else None
        if isinstance(edit, QLineEdit):
            return self.title.word_at(pos) if finder is not None else None
        return plain_word_at(edit, pos, finder) if isinstance(edit, QPlainTextEdit) else None

    def build_menu(self, edit: QWidget, pos: QPoint) -> QMenu:
        """The field's usual context menu, with the spelling entries on top when ``pos`` is on a marked word."""
        if isinstance(edit, QPlainTextEdit):
            menu = edit.createStandardContextMenu(pos)
        else:
            menu = edit.createStandardContextMenu()  # type: ignore[attr-defined]
        word = self.word_at(edit, pos)
        if word is None or self.checker is None:
            return menu
        story_id = self.win.workspace.current_story_id
        actions = MenuActions(replace=partial(replace_word, edit, word),
                              add=partial(self.add_word, word.word),
                              ignore=partial(self.ignore_word, story_id, word.word) if story_id is not None else None)
        add_spelling_entries(menu, word.word, self.checker.suggestions(word.word), actions)
        return menu

    def _show_menu(self, edit: QWidget, pos: QPoint) -> None:
        menu = self.build_menu(edit, pos)
        target = edit.viewport() if isinstance(edit, QPlainTextEdit) else edit
        menu.exec(target.mapToGlobal(pos))
        menu.deleteLater()

    def add_word(self, word: str) -> None:
        self._write(lambda: self.win.bank.spelling.add_word(word))

    def ignore_word(self, story_id: int, word: str) -> None:
        self._write(lambda: self.win.bank.spelling.ignore(story_id, word))

    def _write(self, job: Any) -> None:
        try:
            job()  # the ChangeSet it sends re-checks every field
        except Exception as exc:  # a read-only or damaged database: say so, lose nothing typed
            log.exception("Could not store a spelling choice")
            MessageDialog.show(self.win, "Not saved", f"The word could not be stored: {exc}")


def install(win: AppWindow, ctx: AppContext) -> SpellingLink:
    """The spell check of the story editor; the dictionary loads once the window (and its full bank) is up."""
    link = SpellingLink(win, ctx)
    win.after_first_paint(lambda: QTimer.singleShot(0, link.start))
    win.hooks.screenshots["spell-check.png"] = lambda: _screenshot(win, link)
    return link


def _screenshot(win: AppWindow, link: SpellingLink) -> QWidget:
    """The story window with a marked word (the menu itself is a separate popup window)."""
    from storybook.gui.stories.spelling_shot import stage

    return stage(win, link)
