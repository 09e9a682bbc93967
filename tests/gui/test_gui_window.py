"""The window: first-run state, empty states, shortcuts, help, and remembered geometry and splitters."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from storybook.gui.dialogs.about import help_html


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
    text = help_html(str(window.ctx.db_path), window.engine_text)
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
