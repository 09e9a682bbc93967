"""The story list: search as you type, filters, sorting, new / duplicate / trash from the menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from storybook.bank import StoryFilter
from storybook.gui.stories.story_list_model import UNTITLED


def _titles(panel) -> list[str]:  # noqa: ANN001
    return [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]


def test_typing_in_the_search_box_filters_the_list(qtbot, window) -> None:
    panel = window.workspace.list_panel
    assert panel.proxy.rowCount() == 13
    window.actions["find"].trigger()
    assert panel.edit_search.hasFocus()
    qtbot.keyClicks(panel.edit_search, "leakage")
    assert _titles(panel) == ["Leakage found two weeks before a fraud model launch"]
    assert panel.lbl_count.text() == "1 of 13 stories"
    assert window.workspace.editor.edit_title.text() == "Leakage found two weeks before a fraud model launch"
    panel.edit_search.clear()
    qtbot.keyClicks(panel.edit_search, "zebra-unicorn")
    assert panel.proxy.rowCount() == 0
    assert panel.stack.is_empty
    assert "No stories match" in panel.stack.hint.text()
    panel.edit_search.clear()
    assert panel.proxy.rowCount() == 13
    assert not panel.stack.is_empty


def test_search_matches_section_text_not_only_titles(qtbot, window) -> None:
    panel = window.workspace.list_panel
    expected = {s.title for s in window.bank.stories.list(StoryFilter(text="customer"))}
    qtbot.keyClicks(panel.edit_search, "customer")
    assert set(_titles(panel)) == expected
    assert any("customer" not in title.lower() for title in expected)


def test_filters_by_competency_tag_and_status(window) -> None:
    panel = window.workspace.list_panel
    bank = window.bank
    panel.combo_competency.setCurrentIndex(panel.combo_competency.findData("failure"))
    assert set(_titles(panel)) == {s.title for s in bank.stories.list(StoryFilter(competency="failure"))}
    panel.combo_status.setCurrentIndex(panel.combo_status.findData("draft"))
    expected = {s.title for s in bank.stories.list(StoryFilter(competency="failure", status="draft"))}
    assert set(_titles(panel)) == expected
    panel.clear_filters()
    tag = bank.stories.all_tags()[0]
    panel.combo_tag.setCurrentIndex(panel.combo_tag.findData(tag))
    assert set(_titles(panel)) == {s.title for s in bank.stories.list(StoryFilter(tag=tag))}


def test_sort_by_title_and_by_recent_edit(qtbot, window) -> None:
    panel = window.workspace.list_panel
    panel.combo_sort.setCurrentIndex(panel.combo_sort.findData("title"))
    titles = _titles(panel)
    assert titles == sorted(titles, key=str.casefold)
    story = window.bank.stories.list(StoryFilter(sort="title"))[-1]
    window.bank.stories.update(story.id, reflection="touched")
    window.workspace.reload()
    panel.combo_sort.setCurrentIndex(panel.combo_sort.findData("updated"))
    assert _titles(panel)[0] == story.title
    assert panel.combo_sort.findData("score") == -1 or window.checks is not None


def test_new_story_shortcut_and_untitled_label(qtbot, window) -> None:
    assert QKeySequence("Ctrl+N") in window.actions["new"].shortcuts()
    window.actions["new"].trigger()
    workspace = window.workspace
    assert workspace.editor.edit_title.text() == ""
    assert workspace.editor.edit_title.hasFocus()
    assert window.bank.stories.count() == 14
    assert workspace.list_panel.list_stories.currentIndex().data() == UNTITLED


def test_duplicate_copies_text_links_and_competencies(window) -> None:
    workspace = window.workspace
    source = window.bank.stories.get(workspace.current_story_id)
    assert QKeySequence("Ctrl+D") in window.actions["duplicate"].shortcuts()
    window.actions["duplicate"].trigger()
    copy = window.bank.stories.get(workspace.current_story_id)
    assert copy.id != source.id
    assert copy.title == f"{source.title} (copy)"
    assert copy.action == source.action
    assert copy.competencies == source.competencies
    assert [q.question_id for q in copy.questions] == [q.question_id for q in source.questions]
    assert workspace.editor.edit_title.text() == copy.title


def test_delete_key_in_the_list_moves_the_story_to_the_trash(qtbot, window) -> None:
    workspace = window.workspace
    story_id = workspace.current_story_id
    workspace.list_panel.list_stories.setFocus()
    qtbot.waitUntil(workspace.list_panel.list_stories.hasFocus, timeout=2000)
    qtbot.keyClick(workspace.list_panel.list_stories, Qt.Key.Key_Delete)
    assert [s.id for s in window.bank.stories.list(StoryFilter(trashed=True))] == [story_id]
    assert story_id not in workspace.list_panel.visible_ids()
    assert workspace.current_story_id is not None
    assert workspace.current_story_id != story_id
    assert window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash (1)"


def test_delete_key_in_an_editor_deletes_a_character_not_the_story(qtbot, window) -> None:
    edit = window.workspace.editor.section_edit("task")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    before = edit.toPlainText()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.toPlainText() == before[1:]
    assert window.bank.stories.list(StoryFilter(trashed=True)) == []


def test_delete_key_on_a_filter_box_does_not_trash(qtbot, window) -> None:
    combo = window.workspace.list_panel.combo_status
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert window.bank.stories.list(StoryFilter(trashed=True)) == []


def test_the_list_holds_summaries_and_searches_through_the_index(qtbot, window) -> None:
    from storybook.bank.listing import StorySummary

    model = window.workspace.list_panel.model
    assert model.rowCount() == 13
    assert all(isinstance(row, StorySummary) for row in model.records())  # no section text held per row
    panel = window.workspace.list_panel
    qtbot.keyClicks(panel.edit_search, "leakage")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == [
        "Leakage found two weeks before a fraud model launch"]
