"""Undo for "Move to trash": the status-bar notice with its Undo button, and Ctrl+Z in the story list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storybook.bank import StoryBank, StoryFilter


def _focus_list(qtbot, window):  # noqa: ANN001, ANN202
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    stories = window.workspace.list_panel.list_stories
    stories.setFocus()
    qtbot.waitUntil(stories.hasFocus, timeout=2000)
    return stories


def _linked_story(window) -> int:  # noqa: ANN001
    return next(s.id for s in window.bank.stories.list(StoryFilter(sort="title")) if s.questions)


def test_del_then_ctrl_z_in_the_list_puts_the_story_back(qtbot, window) -> None:
    story_id = _linked_story(window)
    before = window.bank.stories.get(story_id)
    window.open_story(story_id)
    stories = _focus_list(qtbot, window)
    qtbot.keyClick(stories, Qt.Key.Key_Delete)
    assert story_id not in window.workspace.list_panel.visible_ids()
    assert window.undo_notice.isVisible()
    assert window.undo_notice.lbl_text.text() == f"Moved “{before.title}” to the trash"
    assert window.undo_notice.btn_undo.isVisible()
    assert window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash (1)"

    qtbot.keyClick(window.workspace.list_panel.list_stories, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert story_id in window.workspace.list_panel.visible_ids()
    assert window.workspace.current_story_id == story_id
    assert window.workspace.list_panel.current_story_id() == story_id
    assert window.workspace.editor.edit_title.text() == before.title
    assert not window.undo_notice.isVisible()
    assert window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash"

    fresh = StoryBank.open(Path(window.ctx.db_path))
    try:
        again = fresh.stories.get(story_id)
        assert again.deleted_at is None
        assert story_id in {s.id for s in fresh.stories.list()}
        assert [q.question_id for q in again.questions] == [q.question_id for q in before.questions]
        assert again.action == before.action
    finally:
        fresh.close()


def test_the_undo_button_in_the_status_bar_restores_and_goes_away_by_itself(qtbot, window) -> None:
    first, second = window.workspace.list_panel.visible_ids()[:2]
    window.open_story(first)
    window.actions["trash"].trigger()
    notice = window.undo_notice
    assert notice.isVisible()
    assert notice.active
    assert 9000 <= notice.timer.interval() <= 11000
    qtbot.mouseClick(notice.btn_undo, Qt.MouseButton.LeftButton)
    assert first in window.workspace.list_panel.visible_ids()
    assert window.workspace.current_story_id == first
    assert not notice.isVisible()
    window.open_story(second)
    window.actions["trash"].trigger()
    notice.timer.timeout.emit()  # the ten seconds are up
    assert not notice.isVisible()


def test_ctrl_z_in_a_text_editor_undoes_typing_not_the_trash(qtbot, window) -> None:
    first, second = window.workspace.list_panel.visible_ids()[:2]
    window.open_story(first)
    window.actions["trash"].trigger()
    window.open_story(second)
    title = window.workspace.editor.edit_title
    window.activateWindow()
    title.setFocus()
    qtbot.waitUntil(title.hasFocus, timeout=2000)
    before = title.text()
    qtbot.keyClicks(title, "xy")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == before
    assert first not in window.workspace.list_panel.visible_ids()
    assert first in {s.id for s in window.bank.stories.list(StoryFilter(trashed=True))}


def test_undo_puts_back_the_newest_first_and_skips_stories_restored_elsewhere(qtbot, window) -> None:
    a, b, c = window.workspace.list_panel.visible_ids()[:3]
    for story_id in (a, b, c):
        window.open_story(story_id)
        window.actions["trash"].trigger()
    window.bank.stories.restore(c)  # put back through the Trash tab meanwhile
    window.workspace.reload()
    stories = _focus_list(qtbot, window)
    qtbot.keyClick(stories, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current_story_id == b
    assert a not in window.workspace.list_panel.visible_ids()
    qtbot.keyClick(window.workspace.list_panel.list_stories, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert a in window.workspace.list_panel.visible_ids()
    assert not window.bank.stories.list(StoryFilter(trashed=True))


def test_undo_finds_a_story_hidden_by_the_search(qtbot, window) -> None:
    story_id, other = window.workspace.list_panel.visible_ids()[:2]
    window.open_story(story_id)
    window.actions["trash"].trigger()
    qtbot.keyClicks(window.workspace.list_panel.edit_search, window.bank.stories.get(other).title)
    assert window.workspace.list_panel.visible_ids() == [other]
    qtbot.mouseClick(window.undo_notice.btn_undo, Qt.MouseButton.LeftButton)
    assert window.workspace.current_story_id == story_id
    assert story_id in window.workspace.list_panel.visible_ids()
