"""Benchmarks of issue 14 inside one process: the story list, switching stories, the coverage grid, typing stalls.

Run with ``make bench``; rows go to the shared table through ``bench_row``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool
from tests.benchmarks.speedkit import make_bank

pytestmark = pytest.mark.benchmark


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


@pytest.fixture(scope="module")
def bank_files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("guibanks")
    return {n: make_bank(root / f"bank{n}" / "bank.sqlite", n) for n in (500, 5000)}


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Iterator:  # noqa: ANN001
    from storybook.gui.main_window import MainWindow

    made: list[tuple[MainWindow, AppContext]] = []

    def make(path: Path, features: frozenset[str] | None = None, checks_process: bool = False) -> MainWindow:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(bank=StoryBank.open(path), ui_settings=settings, pool=WorkerPool(), features=features,
                         checks_process=checks_process)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, ctx))
        return window

    yield make
    for window, ctx in made:
        ctx.stop_workers()
        window.close()
        ctx.close()


def test_filter_as_you_type(open_window, bank_files: dict[int, Path], qtbot, bench_row) -> None:  # noqa: ANN001
    window = open_window(bank_files[5000], frozenset())
    panel = window.workspace.list_panel
    panel.edit_search.setFocus()
    qtbot.waitUntil(panel.edit_search.hasFocus, timeout=5000)  # as a user clicks in first
    costs = []
    for word in ("conflict", "customer", "deadline"):
        panel.edit_search.clear()
        for ch in word:
            start = time.perf_counter()
            QTest.keyClick(panel.edit_search, ch)
            costs.append((time.perf_counter() - start) * 1000)
        assert 0 < len(panel.visible_ids()) < 5000
    worst = max(costs)
    bench_row("filter-as-you-type, 5,000 stories (worst keystroke)", value=worst, target="< 50 ms", holds=worst < 50)


def test_switch_stories_and_open_grid(open_window, bank_files: dict[int, Path], bench_row) -> None:  # noqa: ANN001
    window = open_window(bank_files[500])
    panel = window.workspace.list_panel
    ids = panel.visible_ids()[:41]
    costs = []
    for story_id in ids[1:]:
        start = time.perf_counter()
        panel.select_story(story_id)
        costs.append((time.perf_counter() - start) * 1000)
        assert window.workspace.current_story_id == story_id
    median = statistics.median(costs)
    bench_row("switch stories, 500 stories (median of 40)", value=median, target="< 50 ms", holds=median < 50)
    start = time.perf_counter()
    window.show_tab("grid")
    QTest.qWait(0)
    opened = (time.perf_counter() - start) * 1000
    assert window.current_tab() == "grid"
    bench_row("open the coverage grid, 500 stories", value=opened, target="< 200 ms", holds=opened < 200)


def _type_with_live_checks(window, qtbot) -> dict[str, float]:  # noqa: ANN001
    """Type 2,000 characters into the Action editor, pausing every 200 for the live check; the 1 ms timer's gaps."""
    from tests.benchmarks.scoring_probe import StallWatch

    link = window.checks
    assert link is not None
    qtbot.waitUntil(lambda: link.worker.loaded_info() is not None and link.panel.report is not None,
                    timeout=120000)  # the model is loaded: the stall of loading it is not typing
    reports: list[int] = []
    link.worker.report_ready.connect(lambda rid, _report: reports.append(rid))
    edit = window.workspace.editor.section_edit("action")
    edit.setFocus()
    watch = StallWatch()
    watch.start()
    text = "I measured the queue every morning and cut the wait by 40 percent. " * 30
    for i, ch in enumerate(text[:2000]):
        QTest.keyClick(edit, ch)
        QTest.qWait(1)
        if i % 200 == 199:
            QTest.qWait(600)  # a pause: the live check and the autosave run
    QTest.qWait(1500)
    watch.stop()
    assert "cut the wait" in window.bank.stories.get(window.workspace.current_story_id).action
    assert reports  # the live checks did run while typing
    return watch.summary()


def test_typing_with_live_checks(open_window, bank_files: dict[int, Path], qtbot, bench_row) -> None:  # noqa: ANN001
    first = open_window(bank_files[500], checks_process=False)
    before = _type_with_live_checks(first, qtbot)
    first.ctx.stop_workers()
    first.close()  # its background scoring must not run on beside the second window
    after = _type_with_live_checks(open_window(bank_files[500], checks_process=True), qtbot)
    for key, label in (("max_stall_ms", ""), ("max_own_stall_ms", ", less run-queue delay")):
        bench_row(f"largest GUI stall typing 2,000 chars, live checks{label}", value=after[key],
                  baseline=before[key], target="< 50 ms (baseline: checks in a thread)", holds=after[key] < 50)
