"""The coverage grid: counts and warnings match the bank; clicking toggles; double-click opens the story."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storybook.gui.coverage.coverage_model import CoverageRoles


def _grid(window):  # noqa: ANN001, ANN202
    window.show_tab("grid")
    return window.grid


def _cell(grid, row_key, story_id):  # noqa: ANN001, ANN202
    model = grid.model
    row = model.row_of_key(row_key)
    column = next(c for c in range(model.columnCount()) if model.story(c).id == story_id)
    return model.index(row, column)


def test_row_and_column_headers_match_the_bank(window) -> None:
    thin_story = window.bank.stories.list()[-1]
    window.bank.stories.update(thin_story.id, competencies=["leadership"])
    grid = _grid(window)
    model = grid.model
    stories = window.bank.stories.list()
    competencies = window.bank.questions.competencies()
    assert model.rowCount() == len(competencies)
    assert model.columnCount() == len(stories)
    for row, comp in enumerate(competencies):
        count = sum(1 for s in stories if comp.key in s.competencies)
        label = model.headerData(row, Qt.Orientation.Vertical)
        assert label.endswith(f"({count})"), label
        assert model.headerData(row, Qt.Orientation.Vertical, CoverageRoles.WARNING) == (count < 2)
        assert (model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.BackgroundRole) is not None) == (
            count < 2)
    for column in range(model.columnCount()):
        story = model.story(column)
        warn = model.headerData(column, Qt.Orientation.Horizontal, CoverageRoles.WARNING)
        assert warn == (len(story.competencies) < 2)
        assert model.headerData(column, Qt.Orientation.Horizontal).startswith("⚠") == warn
    assert any(model.row_warning(r) for r in range(model.rowCount()))
    assert [model.story(c).id for c in range(model.columnCount()) if model.column_warning(c)] == [thin_story.id]
    ready = sum(1 for s in stories if s.status == "ready")
    assert grid.lbl_summary.text().startswith(f"{ready} ready stories (aim for 5–7) · {len(stories)} in all")


def test_gaps_list_names_thin_competencies_and_uncovered_questions(window) -> None:
    grid = _grid(window)
    texts = [grid.list_gaps.item(i).text() for i in range(grid.list_gaps.count())]
    thin = [name for _k, name, _n in grid.summary.thin_competencies]
    assert thin
    assert all(any(t.startswith(f"⚠ {name}:") for t in texts) for name in thin)
    assert any(t.startswith("Questions without a story (") for t in texts)
    assert len(grid.summary.uncovered_questions) == sum(1 for t in texts if t.startswith("• "))


def test_clicking_a_cell_tags_and_untags_a_competency(qtbot, window) -> None:
    grid = _grid(window)
    story_id = grid.model.story(0).id
    key = next(c.key for c in window.bank.questions.competencies()
               if c.key not in window.bank.stories.get(story_id).competencies)
    index = _cell(grid, key, story_id)
    rect = grid.table.visualRect(index)
    qtbot.mouseClick(grid.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: key in window.bank.stories.get(story_id).competencies, timeout=3000)
    assert _cell(grid, key, story_id).data(CoverageRoles.COVERED)
    assert grid.toggle(_cell(grid, key, story_id))
    assert key not in window.bank.stories.get(story_id).competencies
    assert not _cell(grid, key, story_id).data(CoverageRoles.COVERED)


def test_question_mode_links_and_unlinks(qtbot, window) -> None:
    grid = _grid(window)
    grid.radio_questions.setChecked(True)
    assert grid.model.mode == "questions"
    assert grid.model.rowCount() == len(window.bank.questions.list())
    story_id = grid.model.story(0).id
    question = next(q for q in window.bank.questions.list() if story_id not in q.story_ids)
    grid.table.setCurrentIndex(_cell(grid, question.id, story_id))
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_Space)
    assert question.id in {q.question_id for q in window.bank.stories.get(story_id).questions}
    label = grid.model.headerData(grid.model.row_of_key(question.id), Qt.Orientation.Vertical)
    assert label.endswith("(1)")
    assert grid.toggle(_cell(grid, question.id, story_id))
    assert question.id not in {q.question_id for q in window.bank.stories.get(story_id).questions}


def test_editing_a_story_updates_the_grid(qtbot, window) -> None:
    story_id = window.workspace.current_story_id
    window.workspace.editor.chips_competencies.toggle("adaptability", True)
    grid = _grid(window)
    row = grid.model.row_of_key("adaptability")
    assert grid.model.headerData(row, Qt.Orientation.Vertical).endswith("(1)")
    assert _cell(grid, "adaptability", story_id).data(CoverageRoles.COVERED)


def test_double_click_opens_the_story_without_toggling(qtbot, window) -> None:
    grid = _grid(window)
    story = grid.model.story(3)
    index = grid.model.index(0, 3)
    covered = index.data(CoverageRoles.COVERED)
    rect = grid.table.visualRect(index)
    viewport = grid.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click starts so
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_tab() == "stories"
    assert window.workspace.current_story_id == story.id
    qtbot.wait(grid._click_timer.interval() + 50)
    key = grid.model.row_info(0).key
    assert (key in window.bank.stories.get(story.id).competencies) == covered


def test_empty_bank_grid_says_so(make_window, bank) -> None:
    window = make_window(bank)
    grid = _grid(window)
    assert grid.table_stack.is_empty
    assert "No stories yet" in grid.table_stack.hint.text()


def test_linking_questions_marks_their_competencies_and_a_click_tags_them(qtbot, make_window, bank) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    question = bank.questions.list(competency="adaptability")[0]
    bank.stories.link_question(story_id, question.id)
    grid = _grid(window)
    assert grid.lbl_summary.text().startswith("0 ready stories (aim for 5–7) · 1 in all")
    assert "1 story showing fewer than two competencies" in grid.lbl_summary.text()
    cell = _cell(grid, "adaptability", story_id)
    assert cell.data(CoverageRoles.HINTED)
    assert not cell.data(CoverageRoles.COVERED)
    assert cell.data() == "○"
    assert question.text in cell.data(Qt.ItemDataRole.ToolTipRole)
    other = next(c.key for c in bank.questions.competencies() if c.key not in question.competencies)
    assert _cell(grid, other, story_id).data() == ""
    row = grid.model.row_of_key("adaptability")
    assert grid.model.headerData(row, Qt.Orientation.Vertical).endswith("(0)")  # a hint is not a story yet
    assert grid.toggle(cell)
    assert "adaptability" in bank.stories.get(story_id).competencies
    cell = _cell(grid, "adaptability", story_id)
    assert cell.data() == "✔"
    assert not cell.data(CoverageRoles.HINTED)
    assert grid.lbl_legend.text().startswith("✔ tagged")
    grid.radio_questions.setChecked(True)
    assert grid.lbl_legend.text().startswith("✔ linked")
    assert _cell(grid, question.id, story_id).data(CoverageRoles.COVERED)
    gaps = [grid.list_gaps.item(i).text() for i in range(grid.list_gaps.count())]
    name = bank.questions.competency_names()["adaptability"]
    assert f"⚠ {name}: only 1 story" in gaps  # tagged now: a story, no longer a hint


def test_gaps_point_at_untagged_stories_that_answer_a_question(make_window, bank) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    question = bank.questions.list(competency="mentoring")[0]
    bank.stories.link_question(window.workspace.current_story_id, question.id)
    grid = _grid(window)
    gaps = [grid.list_gaps.item(i).text() for i in range(grid.list_gaps.count())]
    name = bank.questions.competency_names()["mentoring"]
    assert f"⚠ {name}: no story yet (1 untagged story answers a question on it)" in gaps


def test_summary_aims_for_the_story_count_in_the_settings(window) -> None:
    grid = _grid(window)
    window.ctx.bank.settings.update(stories_min=3, stories_max=4)
    grid.refresh()
    assert "(aim for 3–4)" in grid.lbl_summary.text()
