"""The coverage grid stays cheap with thousands of stories: its cost grows no worse than linearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from storybook.bank import StoryBank
from storybook.gui.coverage.coverage_grid import CoverageGrid
from storybook.gui.coverage.coverage_model import CHECK, CoverageModel
from storybook.gui.widgets.rotated_header import MAX_HEADER_TEXT
from tests.benchmarks.bankgen import make_bank


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every read of a story column's header data (labels, colours, warnings)."""
    counter = [0]
    original = CoverageModel._column_header

    def counting(self: CoverageModel, column: int, role: int) -> object:
        counter[0] += 1
        return original(self, column, role)

    monkeypatch.setattr(CoverageModel, "_column_header", counting)
    return counter


def _open_grid(qtbot, make_ctx, tmp_path: Path, count: int, reads: list[int]) -> tuple[CoverageGrid, int]:  # noqa: ANN001
    """A grid over ``count`` stories, and how many story-header reads opening and painting it took."""
    bank = StoryBank.open(make_bank(tmp_path / f"bank{count}.db", count, title="S{n}"))
    grid = CoverageGrid(make_ctx(bank))
    qtbot.addWidget(grid)
    grid.resize(1000, 700)
    grid.show()
    qtbot.waitExposed(grid)
    qtbot.wait(20)
    reads[0] = 0
    grid.refresh()
    qtbot.wait(50)  # the deferred layout and the first paint
    grid.table.viewport().repaint()
    grid.table.horizontalHeader().repaint()
    return grid, reads[0]


def test_label_reads_per_story_do_not_grow_with_the_bank(qtbot, make_ctx, tmp_path: Path,
                                                         reads: list[int]) -> None:  # noqa: ANN001
    small, small_reads = _open_grid(qtbot, make_ctx, tmp_path, 500, reads)
    large, large_reads = _open_grid(qtbot, make_ctx, tmp_path, 2000, reads)
    assert small.model.columnCount() == 500
    assert large.model.columnCount() == 2000
    assert small_reads >= 500  # every short title is measured once, so the header fits the longest
    # the old header measured every label for every column: 4x the reads per story at 4x the stories
    assert large_reads / 2000 <= 1.5 * small_reads / 500, (small_reads, large_reads)


def test_every_column_fits_a_tick_and_the_header_fits_the_longest_title(qtbot, make_ctx, tmp_path: Path,
                                                                       reads: list[int]) -> None:  # noqa: ANN001
    grid, _count = _open_grid(qtbot, make_ctx, tmp_path, 50, reads)
    header = grid.table.horizontalHeader()
    fm = grid.table.fontMetrics()
    widths = {grid.table.columnWidth(c) for c in range(grid.model.columnCount())}
    assert len(widths) == 1
    assert widths.pop() >= fm.horizontalAdvance(CHECK)
    longest = max(header.fontMetrics().horizontalAdvance(str(grid.model.headerData(c, Qt.Orientation.Horizontal)))
                  for c in range(grid.model.columnCount()))
    assert header.height() >= longest

    story_id = grid.model.story(0).id
    grid.bank.stories.update(story_id, title="A much longer title that the header must make room for")
    grid.refresh()
    qtbot.waitUntil(lambda: header.height() >= min(MAX_HEADER_TEXT, header.fontMetrics().horizontalAdvance(
        "A much longer title that the header must make room for")))


def test_the_header_hint_is_qts_without_asking_every_section(qtbot, make_ctx, tmp_path: Path,
                                                              reads: list[int]) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QHeaderView

    grid, _ = _open_grid(qtbot, make_ctx, tmp_path, 300, reads)
    header = grid.table.horizontalHeader()
    asked = [0]
    original = type(header).sectionSizeFromContents

    def counting(self: QHeaderView, logical: int):  # noqa: ANN202 - a QSize
        asked[0] += 1
        return original(self, logical)

    type(header).sectionSizeFromContents = counting
    try:
        ours = header.sizeHint()
        assert asked[0] == 0  # Qt's own hint asks up to 200 sections through Python on every layout
        header.forget_labels()
        qts = QHeaderView.sizeHint(header)  # the same hint as Qt computes it
        assert asked[0] > 0
    finally:
        type(header).sectionSizeFromContents = original
    assert (ours.width(), ours.height()) == (qts.width(), qts.height())
    assert ours.height() <= MAX_HEADER_TEXT + 16
