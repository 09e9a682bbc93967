"""GUI: the targets view's countdown and narrowing the coverage grid and gaps to one target's questions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.coverage.coverage_grid import CoverageGrid
from storybook.gui.targets.targets_panel import TargetsPanel, target_question_sets

NOW = datetime(2031, 3, 10, 18, 30)


@pytest.mark.parametrize(("when", "shown"), [
    (datetime(2031, 3, 15, 9, 0), "5 days to go"),
    (datetime(2031, 3, 11, 8, 0), "Tomorrow"),
    (datetime(2031, 3, 10, 23, 0), "Today"),
    (datetime(2031, 3, 10, 9, 0), "Today"),  # earlier the same day still reads as today
    (datetime(2031, 3, 9, 9, 0), "Yesterday"),
    (datetime(2031, 3, 1, 9, 0), "9 days ago"),
    (None, "No date set"),
])
def test_targets_view_shows_the_countdown(qtbot, bank: StoryBank, when: datetime | None, shown: str) -> None:
    bank.targets.create("Northwind", "Analyst", interview_at=when)
    panel = TargetsPanel(bank, now=lambda: NOW)
    qtbot.addWidget(panel)
    assert panel.list_targets.item(0).text().splitlines() == ["Northwind \u2014 Analyst", shown]
    assert panel.editor.label_countdown.text() == shown


def _gap_lines(grid: CoverageGrid) -> list[str]:
    return [grid.list_gaps.item(i).text() for i in range(grid.list_gaps.count())]


def test_grid_and_gaps_narrow_to_a_target_and_follow_its_edits(qtbot, sample_bank: StoryBank,
                                                                tmp_path: Path) -> None:
    covered = next(q for q in sample_bank.questions.list() if q.story_ids)
    open_questions = [q for q in sample_bank.questions.list() if not q.story_ids]
    target = sample_bank.targets.create("Northwind", "Analyst", questions=[covered.id, open_questions[0].id])
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    grid = CoverageGrid(AppContext(bank=sample_bank, ui_settings=settings, pool=QThreadPool()))
    qtbot.addWidget(grid)
    grid.set_targets(target_question_sets(sample_bank))
    grid.refresh()
    grid.radio_questions.setChecked(True)
    everything = grid.model.rowCount()
    assert any(open_questions[1].text in line for line in _gap_lines(grid))

    grid.combo_target.setCurrentIndex(1)
    assert grid.combo_target.currentText() == "Target: Northwind \u2014 Analyst"
    assert grid.model.rowCount() == 2 < everything
    question_gaps = [line for line in _gap_lines(grid) if line.startswith("\u2022")]
    assert question_gaps == [f"\u2022 {open_questions[0].text}"]
    assert "Questions without a story (1)" in _gap_lines(grid)

    # The target gains a question in the targets view: the grid keeps the target and shows the new row.
    sample_bank.targets.set_questions(target.id, [covered.id, open_questions[0].id, open_questions[1].id])
    grid.set_targets(target_question_sets(sample_bank))
    assert grid.combo_target.currentIndex() == 1
    assert grid.model.rowCount() == 3
    assert "Questions without a story (2)" in _gap_lines(grid)

    grid.combo_target.setCurrentIndex(0)
    assert grid.model.rowCount() == everything
