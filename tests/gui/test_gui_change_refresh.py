"""Screens refresh from the bank's change sets, not from one broad "something changed" signal per view."""

from __future__ import annotations

from typing import Any

import pytest

from storybook.bank import StoryBank


def _list_competencies(window: Any, story_id: int) -> list[str]:
    model = window.workspace.list_panel.model
    return list(model.record(model.row_of(story_id)).competencies)


@pytest.fixture
def summaries(monkeypatch: pytest.MonkeyPatch, sample_bank: StoryBank) -> list[int]:
    """Counts the story list's reloads (each reads every summary)."""
    calls: list[int] = []
    original = sample_bank.stories.summaries

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(sample_bank.stories, "summaries", spy)
    return calls


def test_a_competency_ticked_in_the_coverage_grid_shows_in_the_story_list(window, sample_bank: StoryBank) -> None:
    window.show_tab("grid")
    grid = window.grid
    story_id = grid.model.story(0).id
    key = next(c.key for c in sample_bank.questions.competencies()
               if c.key not in sample_bank.stories.get(story_id).competencies)
    row = grid.model.row_of_key(key)
    column = next(c for c in range(grid.model.columnCount()) if grid.model.story(c).id == story_id)
    assert key not in _list_competencies(window, story_id)
    assert grid.toggle(grid.model.index(row, column))
    assert key in _list_competencies(window, story_id)  # without visiting the Stories tab first


def test_the_open_story_shows_a_competency_ticked_in_the_grid(window, sample_bank: StoryBank) -> None:
    story_id = window.workspace.current_story_id
    key = next(c.key for c in sample_bank.questions.competencies()
               if c.key not in sample_bank.stories.get(story_id).competencies)
    window.show_tab("grid")
    grid = window.grid
    row = grid.model.row_of_key(key)
    column = next(c for c in range(grid.model.columnCount()) if grid.model.story(c).id == story_id)
    assert grid.toggle(grid.model.index(row, column))
    window.show_tab("stories")
    assert key in window.workspace.editor.chips_competencies.values()
    window.workspace.editor.section_edit("result").insertPlainText(" Edited after the grid.")
    assert window.workspace.flush()
    assert key in sample_bank.stories.get(story_id).competencies  # the next save keeps the grid's tick


def test_a_story_restored_from_the_trash_tab_is_back_in_the_list(window, sample_bank: StoryBank) -> None:
    story_id = window.workspace.current_story_id
    window.actions["trash"].trigger()
    assert story_id not in window.workspace.list_panel.visible_ids()
    window.show_tab("trash")
    window.trash.btn_restore.click()
    assert story_id in window.workspace.list_panel.visible_ids()
    assert window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash"


def test_writes_that_do_not_touch_the_list_do_not_reload_it(window, sample_bank: StoryBank,
                                                            summaries: list[int]) -> None:
    window.show_tab("grid")
    sample_bank.targets.create("Acme", "Engineer")  # the Targets tab's kind of write
    story_id = sample_bank.stories.list()[0].id
    sample_bank.rehearsals.record(story_id, [15.0, 10.0, 60.0, 15.0])  # a rehearsal window's kind of write
    assert summaries == []
    sample_bank.stories.update(story_id, title="Renamed from the grid")  # a story write: the list follows
    assert len(summaries) == 1
    model = window.workspace.list_panel.model
    assert model.record(model.row_of(story_id)).title == "Renamed from the grid"


def test_suggestions_follow_the_open_story_not_the_others(make_window, sample_bank: StoryBank) -> None:
    window = make_window(sample_bank, frozenset({"matching"}))
    link = window.matching
    link._debounce.stop()
    open_id = window.workspace.current_story_id
    other = next(s.id for s in sample_bank.stories.list() if s.id != open_id)
    sample_bank.stories.update(other, result="Another story's result changed.")
    assert not link._debounce.isActive()
    sample_bank.stories.update(open_id, result="The open story's result changed.")
    assert link._debounce.isActive()
    link._debounce.stop()
    sample_bank.questions.add(text="Tell me about a time you changed your mind.", competencies=["adaptability"])
    assert link._debounce.isActive()
    link.shutdown()
