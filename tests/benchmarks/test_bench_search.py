"""Benchmarks of the search that shows where: the FTS query and typing a word into the box of a 5,000-story bank.

The baseline of the query is the same search without the index (the scan a SQLite without FTS5 falls back
to), measured in the same run on a copy of the same bank.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from storybook.bank import StoryBank
from storybook.bank.fulltext import search, search_ids
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool
from tests.benchmarks.bankgen import make_bank

pytestmark = pytest.mark.benchmark
WORDS = ("measured", "customers", "deadline", "backlog")


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


@pytest.fixture(scope="module")
def bank5000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bank(tmp_path_factory.mktemp("searchbank") / "bank.sqlite", 5000)


def _prefixes() -> list[str]:
    return [word[:n] for word in WORDS for n in range(1, len(word) + 1)]


def _worst(conn: sqlite3.Connection, with_hits: bool) -> float:
    costs = []
    for query in _prefixes():
        start = time.perf_counter()
        found = search_ids(conn, query)
        if with_hits and found:
            search(conn, query, ids=sorted(found)[:20])  # the snippets of the rows on screen
        costs.append((time.perf_counter() - start) * 1000)
    return max(costs)


def test_fts_query_against_a_scan(bank5000: Path, tmp_path: Path, bench_row) -> None:  # noqa: ANN001
    scan_copy = tmp_path / "scan.sqlite"
    shutil.copy(bank5000, scan_copy)
    with sqlite3.connect(scan_copy) as conn:
        conn.execute("DROP TABLE story_fts")
    indexed, scanned = sqlite3.connect(bank5000), sqlite3.connect(scan_copy)
    try:
        assert search_ids(indexed, "custom") == search_ids(scanned, "custom")
        fts = _worst(indexed, with_hits=True)
        scan = _worst(scanned, with_hits=False)
    finally:
        indexed.close()
        scanned.close()
    bench_row("search query + 20 snippets, 5,000 stories (worst prefix) vs a scan", value=fts, baseline=scan,
              target="< 50 ms", holds=fts < 50)


def test_typing_a_word_into_the_search_box(bank5000: Path, tmp_path: Path, qtbot, bench_row) -> None:  # noqa: ANN001
    from storybook.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=StoryBank.open(bank5000), ui_settings=settings, pool=WorkerPool(), features=frozenset())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        panel = window.workspace.list_panel
        panel.edit_search.setFocus()
        qtbot.waitUntil(panel.edit_search.hasFocus, timeout=5000)  # as a user clicks in first
        costs = []
        for word in WORDS:
            panel.edit_search.clear()
            QApplication.processEvents()
            for ch in word:
                start = time.perf_counter()
                QTest.keyClick(panel.edit_search, ch)
                QApplication.processEvents()  # the rows repaint with their snippets
                costs.append((time.perf_counter() - start) * 1000)
            assert 0 < len(panel.visible_ids()) <= 5000
        worst, median = max(costs), statistics.median(costs)
    finally:
        ctx.stop_workers()
        window.close()
        ctx.close()
    bench_row("type a word into the search box, 5,000 stories (worst keystroke)", value=worst, baseline=median,
              target="< 50 ms", holds=worst < 50)
