"""The STAR editor: typing is autosaved, switching and closing save, undo works, any text is accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from storybook.bank import StoryBank


def type_at_end(qtbot, edit, text: str) -> None:  # noqa: ANN001
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def _reopen(db_path: Path) -> StoryBank:
    return StoryBank.open(db_path)


def _story_titled(bank: StoryBank, title: str):  # noqa: ANN202
    return next(s for s in bank.stories.list() if s.title == title)


def test_typing_a_story_reaches_the_database(qtbot, make_window, bank, db_path) -> None:
    window = make_window(bank)
    window.workspace.first_run.btn_write.click()
    editor = window.workspace.editor
    qtbot.keyClicks(editor.edit_title, "Cut build time")
    qtbot.keyClicks(editor.section_edit("situation"), "Our CI took 3 hours.")
    qtbot.keyClicks(editor.section_edit("action"), "I profiled the slowest stages.")
    qtbot.keyClicks(editor.section_edit("result"), "Builds fell to 40 minutes.")
    assert window.workspace.autosaver.dirty
    qtbot.waitUntil(lambda: not window.workspace.autosaver.dirty, timeout=4000)
    assert window.lbl_save.text() == "Saved"
    with _reopen(db_path) as fresh:
        story = _story_titled(fresh, "Cut build time")
        assert story.situation == "Our CI took 3 hours."
        assert story.action == "I profiled the slowest stages."
        assert story.result == "Builds fell to 40 minutes."
    assert "Cut build time" in window.workspace.list_panel.model.data(window.workspace.list_panel.model.index(0, 0))


def test_word_count_and_total_follow_typing(qtbot, make_window, bank) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    editor = window.workspace.editor
    qtbot.keyClicks(editor.section_edit("action"), "one two three four five")
    assert editor.sections["action"].lbl_stats.text().startswith("5 words · 0:02")
    assert editor.lbl_total.text() == "Total 5 words · 0:02 spoken (150 wpm) · target 2:00 · limit 3:00"
    assert editor.lbl_zone.text() == "short"  # 0:02 against the 2:00-3:00 band, as the checks say
    editor.section_edit("result").setPlainText("word " * 460)  # 465 words at 150 wpm: 3:06, past the limit
    assert editor.lbl_zone.text() == "over the limit"


def test_switching_stories_saves_the_previous_one_at_once(qtbot, window, db_path) -> None:
    workspace = window.workspace
    first = workspace.current_story_id
    type_at_end(qtbot, workspace.editor.section_edit("task"), " EXTRA-TASK-TEXT")
    other = next(i for i in workspace.list_panel.visible_ids() if i != first)
    workspace.list_panel.select_story(other)  # well inside the one-second debounce
    assert workspace.current_story_id == other
    with _reopen(db_path) as fresh:
        assert fresh.stories.get(first).task.endswith(" EXTRA-TASK-TEXT")


def test_focus_leaving_the_editor_saves(qtbot, window) -> None:
    workspace = window.workspace
    edit = workspace.editor.section_edit("result")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    type_at_end(qtbot, edit, " FOCUS-SAVE")
    workspace.list_panel.edit_search.setFocus()
    qtbot.waitUntil(lambda: not workspace.autosaver.dirty, timeout=500)
    assert window.bank.stories.get(workspace.current_story_id).result.endswith(" FOCUS-SAVE")


def test_closing_the_window_saves_pending_edits(qtbot, make_window, bank, db_path) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    qtbot.keyClicks(window.workspace.editor.section_edit("action"), "Written just before closing")
    assert window.workspace.autosaver.dirty
    assert window.close()
    with _reopen(db_path) as fresh:
        assert fresh.stories.get(story_id).action == "Written just before closing"


def test_undo_and_redo_in_a_section_and_the_title(qtbot, window) -> None:
    editor = window.workspace.editor
    edit = editor.section_edit("situation")
    before = edit.toPlainText()
    edit.setFocus()
    type_at_end(qtbot, edit, "ZZZ")
    assert edit.toPlainText() != before
    edit.undo()
    assert edit.toPlainText() == before
    edit.redo()
    assert edit.toPlainText().endswith("ZZZ")
    title = editor.edit_title
    original = title.text()
    title.end(False)
    qtbot.keyClicks(title, " draft")
    assert title.text() == original + " draft"
    title.undo()
    assert title.text() == original


def test_undo_history_does_not_cross_stories(qtbot, window) -> None:
    workspace = window.workspace
    edit = workspace.editor.section_edit("situation")
    qtbot.keyClicks(edit, "typed in the first story")
    other = [i for i in workspace.list_panel.visible_ids() if i != workspace.current_story_id][0]
    workspace.list_panel.select_story(other)
    assert not edit.document().isUndoAvailable()


def test_chips_and_status_save_immediately(qtbot, window) -> None:
    workspace = window.workspace
    editor = workspace.editor
    story_id = workspace.current_story_id
    editor.chips_tags.edit_new.setText("  brand-new tag ")
    qtbot.keyClick(editor.chips_tags.edit_new, Qt.Key.Key_Return)
    editor.chips_competencies.toggle("mentoring", True)
    editor.combo_status.setCurrentIndex(editor.combo_status.findData("draft"))
    editor.combo_status.activated.emit(editor.combo_status.currentIndex())
    record = window.bank.stories.get(story_id)
    assert "brand-new tag" in record.tags
    assert "mentoring" in record.competencies
    assert record.status == "draft"
    editor.chips_tags.remove("brand-new tag")
    assert "brand-new tag" not in window.bank.stories.get(story_id).tags


def test_unusual_text_is_saved_without_a_crash(qtbot, make_window, bank, db_path) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    editor = window.workspace.editor
    odd = "Emoji 🚀✅, RTL עברית العربية, control \x07\x1b chars, NUL \x00 gone"
    editor.section_edit("situation").setPlainText(odd)
    big = ("word " * 200_000)[:1_000_000]
    editor.section_edit("action").setPlainText(big)
    assert editor.sections["action"].words() == 200_000
    assert window.workspace.flush()
    with _reopen(db_path) as fresh:
        story = fresh.stories.get(story_id)
        assert story.situation.startswith("Emoji 🚀✅, RTL עברית العربية")
        assert len(story.action) == 1_000_000
    assert editor.lbl_zone.text() == "over the limit"


def test_a_failed_save_is_reported_and_the_text_kept(qtbot, window, monkeypatch) -> None:
    workspace = window.workspace

    def broken(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError("disk is full")

    monkeypatch.setattr("storybook.bank.story_sync.save_checked", broken)
    type_at_end(qtbot, workspace.editor.section_edit("result"), " more")
    assert not workspace.flush()
    assert window.lbl_save.text() == "Not saved: disk is full"
    assert workspace.autosaver.dirty
    assert workspace.editor.section_edit("result").toPlainText().endswith(" more")
    monkeypatch.undo()
    assert workspace.flush()
    assert window.bank.stories.get(workspace.current_story_id).result.endswith(" more")


def test_switching_stories_replaces_the_linked_questions(qtbot, window) -> None:
    from storybook.gui.stories.linked_questions import LinkRow

    workspace = window.workspace
    ids = workspace.list_panel.visible_ids()
    for story_id in ids[:3]:
        workspace.list_panel.select_story(story_id)
        expected = [q.question_id for q in window.bank.stories.get(story_id).questions]

        def shown() -> list[int]:
            return [r.question_id for r in workspace.links_panel.findChildren(LinkRow) if r.isVisible()]

        qtbot.waitUntil(lambda: shown() == expected, timeout=2000)  # noqa: B023
        assert workspace.editor.edit_title.cursorPosition() == 0


def _paste(qtbot, widget, text: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_control_characters_are_removed_and_reported(qtbot, make_window, bank, db_path) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    editor = window.workspace.editor
    messages: list[str] = []
    window.workspace.message.connect(messages.append)
    _paste(qtbot, editor.edit_title, "Launch\x07 rescue 🚀\nsecond line")
    _paste(qtbot, editor.section_edit("situation"), "Bell\x07 esc\x1b NUL\x00 tab\tkept\nעברית العربية 🚀✅")
    assert editor.edit_title.text() == "Launch rescue 🚀 second line"
    assert editor.section_edit("situation").toPlainText() == "Bell esc NUL tab\tkept\nעברית العربية 🚀✅"
    assert any("Removed 3 invisible control characters" in m for m in messages)
    assert any("Removed 1 invisible control character " in m for m in messages)
    editor.section_edit("situation").undo()  # the cleaned paste is one undo step
    assert editor.section_edit("situation").toPlainText() == ""
    editor.section_edit("situation").redo()
    assert window.workspace.flush()
    with _reopen(db_path) as fresh:
        story = fresh.stories.get(story_id)
        assert story.title == "Launch rescue 🚀 second line"
        assert story.situation == "Bell esc NUL tab\tkept\nעברית العربية 🚀✅"


def test_a_megabyte_paste_is_saved_whole(qtbot, make_window, bank, db_path) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    big = ("I measured the pipeline and cut the build by 40 percent. " * 20_000)[:1_000_000]
    _paste(qtbot, window.workspace.editor.section_edit("action"), big)
    assert window.workspace.editor.sections["action"].words() == len(big.split())
    qtbot.waitUntil(lambda: not window.workspace.autosaver.dirty, timeout=5000)
    with _reopen(db_path) as fresh:
        assert fresh.stories.get(story_id).action == big


def test_a_paste_longer_than_a_field_is_cut_with_a_message(qtbot, window) -> None:
    row = window.workspace.links_panel.rows[0]
    messages: list[str] = []
    window.workspace.message.connect(messages.append)
    row.edit_note.selectAll()
    _paste(qtbot, row.edit_note, "n" * 700)
    assert row.edit_note.toPlainText() == "n" * 500
    assert any("200 pasted characters did not fit" in m for m in messages)
    qtbot.keyClick(row.edit_note, Qt.Key.Key_X)
    assert row.edit_note.toPlainText() == "n" * 500
    assert "it is full" in messages[-1]
    qtbot.waitUntil(lambda: not window.workspace.links_panel.has_pending(), timeout=3000)
    story = window.bank.stories.get(window.workspace.current_story_id)
    assert next(q.note for q in story.questions if q.question_id == row.question_id) == "n" * 500
