"""The coverage grid reads only what it shows and follows the bank's change sets without reloading."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storybook.gui.coverage.coverage_model import CoverageRoles


def _no_full_stories(window, monkeypatch) -> None:  # noqa: ANN001
    """Reading whole stories (with their text) from the grid is the bug this guards against."""
    def refuse(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the coverage grid read full stories")

    monkeypatch.setattr(window.bank.stories, "list", refuse)
    monkeypatch.setattr(window.bank.stories, "get", refuse)


def _column(grid, story_id: int) -> int:  # noqa: ANN001
    return next(c for c in range(grid.model.columnCount()) if grid.model.story(c).id == story_id)


def test_the_grid_reads_no_story_text(window, monkeypatch) -> None:  # noqa: ANN001
    stories = window.bank.stories.list()
    _no_full_stories(window, monkeypatch)
    window.show_tab("grid")
    grid = window.grid
    assert grid.model.columnCount() == len(stories)
    assert [grid.model.story(c).id for c in range(len(stories))] == [s.id for s in stories]
    assert not hasattr(grid.model.story(0), "action")  # no section text is held either


def test_an_edit_elsewhere_updates_its_column_in_place(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    window.show_tab("grid")
    grid = window.grid
    story = grid.model.story(2)
    resets: list[bool] = []
    grid.model.modelReset.connect(lambda: resets.append(True))
    _no_full_stories(window, monkeypatch)
    window.bank.stories.update(story.id, title="Renamed in the editor", competencies=["leadership"])
    column = _column(grid, story.id)
    assert column == 2  # it kept its place
    assert grid.model.headerData(column, Qt.Orientation.Horizontal).endswith("Renamed in the editor")
    row = grid.model.row_of_key("leadership")
    assert grid.model.index(row, column).data(CoverageRoles.COVERED) is True
    assert grid.model.headerData(column, Qt.Orientation.Horizontal, CoverageRoles.WARNING) is True
    assert "Renamed in the editor" in grid.summary.weak_stories
    assert resets == []


def test_a_new_or_trashed_story_reloads_the_grid(window) -> None:  # noqa: ANN001
    window.show_tab("grid")
    grid = window.grid
    before = grid.model.columnCount()
    created = window.bank.stories.create(title="Brand new", competencies=["ownership"])
    assert grid.model.columnCount() == before + 1
    assert grid.model.story(0).id == created.id
    window.bank.stories.trash(created.id)
    assert grid.model.columnCount() == before
    assert grid.summary.total == before


def test_a_hidden_grid_waits_until_it_is_shown(window) -> None:  # noqa: ANN001
    window.show_tab("grid")
    grid = window.grid
    window.show_tab("stories")
    assert not grid.isVisible()
    story = grid.model.story(0)
    window.bank.stories.update(story.id, title="Changed while hidden")
    assert grid.model.story(0).title != "Changed while hidden"  # nothing read while hidden
    window.show_tab("grid")
    assert any(grid.model.story(c).title == "Changed while hidden" for c in range(grid.model.columnCount()))


def test_toggling_a_cell_keeps_every_column_in_place(qtbot, window) -> None:  # noqa: ANN001
    window.show_tab("grid")
    grid = window.grid
    order = [grid.model.story(c).id for c in range(grid.model.columnCount())]
    row = grid.model.row_of_key("mentoring")
    index = grid.model.index(row, 3)
    covered = index.data(CoverageRoles.COVERED)
    assert grid.toggle(index)
    assert grid.model.index(row, 3).data(CoverageRoles.COVERED) is (not covered)
    assert [grid.model.story(c).id for c in range(grid.model.columnCount())] == order
    stored = window.bank.stories.get(order[3])
    assert ("mentoring" in stored.competencies) is (not covered)
