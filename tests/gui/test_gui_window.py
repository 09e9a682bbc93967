"""The window: first-run state, empty states, shortcuts, help, and remembered geometry and splitters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from storybook.gui.dialogs.about import help_html, shortcut_rows


def test_first_run_on_an_empty_bank_then_load_samples(make_window, bank) -> None:
    window = make_window(bank)
    workspace = window.workspace
    assert workspace.is_first_run
    assert workspace.first_run.isVisible()
    assert "Situation" in workspace.first_run.lbl_text.text()
    assert workspace.first_run.btn_samples.text() == "Load sample stories"
    workspace.first_run.btn_samples.click()
    assert not workspace.is_first_run
    assert workspace.list_panel.model.rowCount() == bank.stories.count() == 13
    assert workspace.current_story_id is not None


def test_write_my_first_story_opens_the_editor(qtbot, make_window, bank) -> None:
    window = make_window(bank)
    window.workspace.first_run.btn_write.click()
    assert not window.workspace.is_first_run
    assert bank.stories.count() == 1
    qtbot.waitUntil(window.workspace.editor.edit_title.hasFocus, timeout=2000)


def test_empty_panels_say_so(make_window, bank) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    assert window.workspace.links_panel.stack.is_empty
    assert "No questions linked yet" in window.workspace.links_panel.stack.hint.text()
    window.show_tab("trash")
    assert window.trash.stack.is_empty


def test_standard_shortcuts_are_bound(window) -> None:
    expected = {"new": "Ctrl+N", "duplicate": "Ctrl+D", "trash": "Del", "find": "Ctrl+F", "settings": "Ctrl+,",
                "quit": "Ctrl+Q", "help": "F1"}
    for name, key in expected.items():
        assert QKeySequence(key) in window.actions[name].shortcuts(), name


def test_story_actions_only_work_on_the_stories_tab(window) -> None:
    window.show_tab("grid")
    assert not window.actions["trash"].isEnabled()
    window.show_tab("stories")
    assert window.actions["trash"].isEnabled()


def test_help_names_the_database_and_shortcuts(window, no_modal_dialogs) -> None:
    window.actions["help"].trigger()
    assert no_modal_dialogs == ["AboutDialog: Storybook help"]
    text = help_html(str(window.ctx.db_path), window.engine_text, shortcut_rows(window))
    assert str(window.ctx.db_path) in text
    assert "Ctrl+N" in text


def test_geometry_splitters_and_tab_are_remembered(qtbot, make_window, sample_bank) -> None:
    first = make_window(sample_bank)
    qtbot.waitUntil(lambda: first.splitter_memories[0].restored, timeout=2000)
    first.resize(760, 560)
    first.workspace.splitter.setSizes([260, 300, 200])
    first.show_tab("questions")
    sizes = first.workspace.splitter.sizes()
    assert first.close()
    second = make_window(sample_bank)
    assert (second.size().width(), second.size().height()) == (760, 560)
    assert second.current_tab() == "questions"
    second.show_tab("stories")
    qtbot.waitUntil(lambda: second.workspace.splitter.sizes() == sizes, timeout=2000)


def test_window_title(window) -> None:
    assert window.windowTitle() == "Storybook"


def test_pressing_the_shortcuts_does_what_the_menus_say(qtbot, window, no_modal_dialogs, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from storybook.gui.dialogs.settings_dialog import SettingsDialog

    ctrl = Qt.KeyboardModifier.ControlModifier
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    workspace = window.workspace
    count = len(window.bank.stories.list())
    qtbot.keyClick(workspace.editor.edit_title, Qt.Key.Key_N, ctrl)
    assert len(window.bank.stories.list()) == count + 1
    assert workspace.editor.edit_title.hasFocus()
    qtbot.keyClicks(workspace.editor.edit_title, "Shortcut story")
    qtbot.keyClick(workspace.editor.edit_title, Qt.Key.Key_D, ctrl)
    assert len(window.bank.stories.list()) == count + 2
    assert "Shortcut story" in workspace.editor.edit_title.text()
    workspace.list_panel.list_stories.setFocus()
    qtbot.keyClick(workspace.list_panel.list_stories, Qt.Key.Key_Delete)
    assert len(window.bank.stories.list()) == count + 1
    qtbot.keyClick(workspace.list_panel.list_stories, Qt.Key.Key_F, ctrl)
    assert workspace.list_panel.edit_search.hasFocus()
    asked: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "get_settings",
                        classmethod(lambda cls, *a, **k: (asked.append(True), (None, False))[1]))
    qtbot.keyClick(workspace.list_panel.edit_search, Qt.Key.Key_Comma, ctrl)
    assert asked == [True]
    qtbot.keyClick(workspace.list_panel.edit_search, Qt.Key.Key_F1)
    assert no_modal_dialogs == ["AboutDialog: Storybook help"]
    qtbot.keyClick(workspace.list_panel.edit_search, Qt.Key.Key_Q, ctrl)
    assert not window.isVisible()


def test_undo_and_redo_keys_in_every_editor(qtbot, window) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    editor = window.workspace.editor
    link = window.workspace.links_panel.rows[0]
    editors = [editor.edit_title, *(e.edit for e in editor.text_editors()), link.edit_note, editor.chips_tags.edit_new,
               window.workspace.list_panel.edit_search]
    for edit in editors:
        text = edit.text if hasattr(edit, "text") and not hasattr(edit, "toPlainText") else edit.toPlainText
        edit.setFocus()
        before = text()
        qtbot.keyClicks(edit, "qq")
        assert text() != before, edit.accessibleName()
        qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl)
        assert text() == before, edit.accessibleName()
        qtbot.keyClick(edit, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
        assert text() != before, edit.accessibleName()
