"""The spell check as a writer meets it: red wavy underline, suggestions on a right-click, add and ignore."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from storybook.analysis.dictionaries import available_languages
from storybook.bank import StoryBank
from storybook.gui.checks.highlighter import MEASURE, document_highlighter
from storybook.gui.dialogs.settings_dialog import SettingsDialog
from storybook.gui.stories.section_editor import GrowingPlainTextEdit

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
SPELLING = frozenset({"spelling"})


def underlined(edit: QPlainTextEdit, word: str) -> bool:
    """True when every letter of the first ``word`` in ``edit`` has the spell-check underline."""
    text = edit.toPlainText()
    start = text.index(word)
    block = edit.document().findBlock(start)
    lo, hi = start - block.position(), start - block.position() + len(word)
    covered = set()
    for rng in block.layout().formats():
        if rng.format.underlineStyle() == WAVY:
            covered.update(range(rng.start, rng.start + rng.length))
    return set(range(lo, hi)) <= covered


def point_on(edit: QPlainTextEdit, word: str) -> QPoint:
    cursor = edit.textCursor()
    cursor.setPosition(edit.toPlainText().index(word) + 2)
    return edit.cursorRect(cursor).center()


def menu_action(menu: QMenu, text: str):  # noqa: ANN201 - a QAction
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


@pytest.fixture
def spelled(make_window, bank: StoryBank, qtbot):  # noqa: ANN001, ANN201
    """A window with the spell check (US) and a story whose Action has a misspelling, open."""
    story = bank.stories.create(title="Billing migraton", action="I recieved the go-ahead and moved the data.")
    other = bank.stories.create(title="Second story", action="Another recieved word.")
    win = make_window(bank, SPELLING)
    win.spelling.load_now("en_US")
    win.open_story(story.id)
    qtbot.waitUntil(lambda: win.workspace.current_story_id == story.id)
    return SimpleNamespace(win=win, link=win.spelling, bank=bank, story=story, other=other,
                           action=win.workspace.editor.section_edit("action"))


def test_a_misspelling_is_underlined_and_a_right_word_is_not(spelled, qtbot) -> None:  # noqa: ANN001
    edit = spelled.action
    qtbot.waitUntil(lambda: underlined(edit, "recieved"))
    assert not underlined(edit, "go-ahead")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " Then I wrote a runbok.")
    qtbot.waitUntil(lambda: underlined(edit, "runbok"))
    assert not underlined(edit, "wrote")


def test_a_suggestion_fixes_the_word_in_one_click_and_one_undo(spelled, qtbot) -> None:  # noqa: ANN001
    edit = spelled.action
    menu = spelled.link.build_menu(edit, point_on(edit, "recieved"))
    assert menu.actions()[0].text() == "received"  # the best suggestion comes first
    assert any(a.text().replace("&", "").startswith("Copy") for a in menu.actions())  # the usual entries stay
    menu_action(menu, "received").trigger()
    assert edit.toPlainText() == "I received the go-ahead and moved the data."
    assert not underlined(edit, "received")
    spelled.win.workspace.flush()
    assert spelled.bank.stories.get(spelled.story.id).action.startswith("I received")
    edit.undo()
    assert edit.toPlainText() == "I recieved the go-ahead and moved the data."


def test_add_to_dictionary_unmarks_the_word_here_and_after_reopening(spelled, make_window, qtbot) -> None:  # noqa: ANN001
    edit = spelled.action
    qtbot.waitUntil(lambda: underlined(edit, "recieved"))
    menu = spelled.link.build_menu(edit, point_on(edit, "recieved"))
    menu_action(menu, "Add \u201crecieved\u201d to dictionary").trigger()
    qtbot.waitUntil(lambda: not underlined(edit, "recieved"))
    path = spelled.bank.path
    with StoryBank.open(path) as reopened:
        assert reopened.spelling.words() == ["recieved"]
        win = make_window(reopened, SPELLING)
        win.spelling.load_now("en_US")
        win.open_story(spelled.other.id)
        action = win.workspace.editor.section_edit("action")
        qtbot.waitUntil(lambda: action.toPlainText().startswith("Another"))
        assert not underlined(action, "recieved")
        assert win.spelling.find("recievd") == [(0, 7)]  # other misspellings still are
        win.close()


def test_ignore_in_this_story_leaves_other_stories_marked(spelled, qtbot) -> None:  # noqa: ANN001
    edit = spelled.action
    menu = spelled.link.build_menu(edit, point_on(edit, "recieved"))
    menu_action(menu, "Ignore in this story").trigger()
    qtbot.waitUntil(lambda: not underlined(edit, "recieved"))
    assert spelled.bank.spelling.ignored(spelled.story.id) == {"recieved"}
    spelled.win.open_story(spelled.other.id)
    qtbot.waitUntil(lambda: edit.toPlainText().startswith("Another"))
    qtbot.waitUntil(lambda: underlined(edit, "recieved"))
    spelled.win.open_story(spelled.story.id)
    qtbot.waitUntil(lambda: edit.toPlainText().startswith("I recieved"))
    qtbot.waitUntil(lambda: not underlined(edit, "recieved"))


def test_the_title_is_marked_and_fixed_like_typing(spelled, qtbot) -> None:  # noqa: ANN001
    title = spelled.win.workspace.editor.edit_title
    marks = spelled.link.title
    qtbot.waitUntil(lambda: marks.ranges == [(8, 16)])  # "migraton" in "Billing migraton"
    edited: list[str] = []
    title.textEdited.connect(edited.append)
    pos = title.cursorRect().center()
    title.setCursorPosition(11)
    pos = QPoint(title.cursorRect().center().x(), pos.y())
    menu = spelled.link.build_menu(title, pos)
    menu_action(menu, "migration").trigger()
    assert title.text() == "Billing migration"
    assert edited == ["Billing migration"]  # saved like typing
    assert marks.ranges == []
    title.undo()
    assert title.text() == "Billing migraton"


def test_no_spelling_entries_off_a_marked_word(spelled) -> None:  # noqa: ANN001
    edit = spelled.action
    menu = spelled.link.build_menu(edit, point_on(edit, "moved"))
    assert "Ignore in this story" not in [a.text() for a in menu.actions()]


def test_check_highlights_and_the_underline_share_the_letters(qtbot) -> None:  # noqa: ANN001
    doc = QTextDocument("Cut costs by 40 percent in a quartr.")
    highlighter = document_highlighter(doc)
    assert document_highlighter(doc) is highlighter  # one per document, whoever asks first
    report = SimpleNamespace(metrics=[SimpleNamespace(section="result", start=0, end=36)], findings=[])
    highlighter.set_report(report, "result")
    highlighter.set_spelling(lambda text: [(text.index("quartr"), text.index("quartr") + 6)])
    formats = doc.firstBlock().layout().formats()
    at = doc.toPlainText().index("quartr") + 1
    here = [r.format for r in formats if r.start <= at < r.start + r.length]
    assert here
    assert here[-1].underlineStyle() == WAVY
    assert here[-1].background().color() == MEASURE  # the check's green stays under the underline
    early = [r.format for r in formats if r.start <= 1 < r.start + r.length]
    assert early[-1].background().color() == MEASURE
    assert early[-1].underlineStyle() != WAVY


def test_the_settings_offer_us_and_uk(qtbot, bank: StoryBank) -> None:  # noqa: ANN001
    dialog = SettingsDialog(bank.settings.get())
    qtbot.addWidget(dialog)
    combo = dialog.group_writing.combo_spelling
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "en_US", "en_GB"]
    combo.setCurrentIndex(combo.findData("en_US"))
    assert dialog.settings().spelling_language == "en_US"


@pytest.mark.skipif("en_GB" not in available_languages(), reason="no en_GB dictionary (hunspell-en-gb)")
def test_choosing_uk_spelling_in_the_settings_rechecks(spelled, qtbot, monkeypatch) -> None:  # noqa: ANN001
    edit = spelled.action
    edit.setPlainText("The colour of the center.")
    qtbot.waitUntil(lambda: underlined(edit, "colour") and not underlined(edit, "center"))
    chosen = SettingsDialog(spelled.bank.settings.get())
    chosen.group_writing.combo_spelling.setCurrentIndex(2)
    monkeypatch.setattr(SettingsDialog, "get_settings", classmethod(lambda *_a, **_k: (chosen.settings(), True)))
    spelled.win.open_settings()
    assert spelled.bank.settings.get().spelling_language == "en_GB"
    qtbot.waitUntil(lambda: spelled.link.checker.language == "en_GB", timeout=10_000)
    qtbot.waitUntil(lambda: underlined(edit, "center") and not underlined(edit, "colour"))


def test_the_notes_on_linked_questions_are_checked(make_window, bank: StoryBank, qtbot) -> None:  # noqa: ANN001
    story = bank.stories.create(title="Notes", action="Fine text.")
    bank.stories.link_question(story.id, bank.questions.list()[0].id, "My angle: the migraton itself.")
    win = make_window(bank, SPELLING)
    win.spelling.load_now("en_US")
    win.open_story(story.id)

    def note() -> QPlainTextEdit | None:
        found = [e for e in win.workspace.links_panel.findChildren(GrowingPlainTextEdit)
                 if e.toPlainText().startswith("My angle")]
        return found[0] if found else None

    qtbot.waitUntil(lambda: note() is not None)
    qtbot.waitUntil(lambda: underlined(note(), "migraton"))
    assert not underlined(note(), "angle")


def test_rechecking_keeps_the_title_selection(spelled, qtbot) -> None:  # noqa: ANN001
    title = spelled.win.workspace.editor.edit_title
    title.setSelection(0, 7)
    spelled.link.recheck()  # what a new dictionary word or setting does
    assert title.selectedText() == "Billing"
    assert title.text() == "Billing migraton"


def test_a_pasted_megabyte_paragraph_is_not_rechecked_per_keystroke(spelled) -> None:  # noqa: ANN001
    from storybook.gui.stories.spelling_link import MAX_CHECKED_BLOCK

    huge = "recieved " * (MAX_CHECKED_BLOCK // 9 + 1)
    assert spelled.link.find(huge) == []
    assert spelled.link.find("recieved it") == [(0, 8)]


def test_a_missing_dictionary_is_said_and_the_editor_works_on(make_window, bank: StoryBank, qtbot,
                                                               monkeypatch) -> None:  # noqa: ANN001
    from storybook.analysis.dictionaries import DictionaryUnavailable

    def missing(language: str) -> None:
        raise DictionaryUnavailable(f"No {language} dictionary is installed.")

    monkeypatch.setattr("storybook.gui.stories.spelling_link.load_dictionary", missing)
    story = bank.stories.create(title="Plain", action="I recieved it.")
    win = make_window(bank, SPELLING)
    win.spelling.language = ""
    win.spelling.start()
    qtbot.waitUntil(lambda: "Spell check not available" in win.statusBar().currentMessage(), timeout=10_000)
    win.open_story(story.id)
    edit = win.workspace.editor.section_edit("action")
    qtbot.waitUntil(lambda: edit.toPlainText() == "I recieved it.")
    assert not underlined(edit, "recieved")
    assert win.spelling.build_menu(edit, point_on(edit, "recieved")).actions()  # the usual menu still opens


def test_a_note_linked_while_the_story_is_open_is_checked(spelled, qtbot) -> None:  # noqa: ANN001
    spelled.bank.stories.link_question(spelled.story.id, spelled.bank.questions.list()[1].id, "Anothr angle.")
    spelled.win.workspace.reload_current(spelled.story.id)

    def note() -> QPlainTextEdit | None:
        found = [e for e in spelled.win.workspace.links_panel.findChildren(GrowingPlainTextEdit)
                 if e.toPlainText() == "Anothr angle."]
        return found[0] if found else None

    qtbot.waitUntil(lambda: note() is not None)
    qtbot.waitUntil(lambda: underlined(note(), "Anothr"))


def test_a_re_highlight_of_unchanged_text_does_not_check_it_again(spelled, monkeypatch) -> None:  # noqa: ANN001
    checker = spelled.link.checker
    calls: list[str] = []
    real = checker.misspellings
    monkeypatch.setattr(checker, "misspellings", lambda text, ignored: calls.append(text) or real(text, ignored))
    assert spelled.link.find("I recieved it") == [(2, 10)]
    assert spelled.link.find("I recieved it") == [(2, 10)]  # a report arriving re-highlights the same block
    assert calls == ["I recieved it"]
    spelled.bank.spelling.add_word("recieved")  # a new personal word: the remembered answer is stale
    spelled.link._on_bank_changed(SimpleNamespace(spelling=True, settings=False))
    assert spelled.link.find("I recieved it") == []


def test_the_underline_in_a_note_is_not_an_edit(make_window, bank: StoryBank, qtbot) -> None:  # noqa: ANN001
    story = bank.stories.create(title="Notes", action="Fine text.")
    bank.stories.link_question(story.id, bank.questions.list()[0].id, "My angle: the migraton itself.")
    win = make_window(bank, SPELLING)
    win.spelling.load_now("en_US")
    win.open_story(story.id)
    panel = win.workspace.links_panel
    qtbot.waitUntil(lambda: bool(panel.rows) and underlined(panel.rows[0].edit_note, "migraton"))
    saves: list[int] = []
    panel.note_edited.connect(lambda question_id, _note: saves.append(question_id))
    assert not panel.has_pending()  # switching tabs or stories would otherwise write every note again
    panel.flush()
    assert saves == []
    panel.rows[0].edit_note.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(panel.rows[0].edit_note, " More.")
    panel.flush()
    assert saves == [panel.rows[0].question_id]
    assert bank.stories.get(story.id).questions[0].note.endswith("itself. More.")
