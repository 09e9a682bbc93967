"""Benchmark: opening the Coverage tab (``STORYBOOK_PROBE=coverage``) with 500 and 5,000 stories.

Each figure is the median of three app runs: the time from asking for the tab until the grid's first paint
has finished. The baseline is a bare ``QTableView`` over a model of the same size, shown and painted once,
measured the same way in its own process. Targets: under 200 ms with 500 stories, under 1 s with 5,000.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.benchmarks.bankgen import make_bank

BARE_TABLE = """
import json, sys, time
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

rows, columns = int(sys.argv[1]), int(sys.argv[2])


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return rows

    def columnCount(self, parent=QModelIndex()):
        return columns

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "x" if role == Qt.ItemDataRole.DisplayRole and (index.row() + index.column()) % 3 == 0 else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return f"Story {section + 1}" if role == Qt.ItemDataRole.DisplayRole else None


class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False


def done():
    print(json.dumps({"ms": round((time.perf_counter() - start) * 1000)}))
    app.quit()


app = QApplication([])
view = QTableView()
view.resize(1200, 800)
watch = Watch()
view.viewport().installEventFilter(watch)
start = time.perf_counter()
view.setModel(Model())
view.show()
app.exec()
"""


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"), **extra}


def _json_line(cmd: list[str], env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=True)
    return json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])


@pytest.mark.benchmark
@pytest.mark.timeout(3600)
@pytest.mark.parametrize(("stories", "target_ms"), [(500, 200), (5000, 1000)])
def test_coverage_tab_opens_fast(tmp_path: Path, bench_row: Callable[..., None], stories: int,
                                 target_ms: int) -> None:
    db = make_bank(tmp_path / "bank.sqlite", stories)
    probe = [sys.executable, "-m", "storybook", "--db", str(db)]
    env = _env(tmp_path, STORYBOOK_PROBE="coverage")
    runs = [_json_line(probe, env) for _ in range(3)]
    assert all(r["columns"] == stories for r in runs)
    rows = runs[0]["rows"]
    bare = statistics.median(_json_line([sys.executable, "-c", BARE_TABLE, str(rows), str(stories)],
                                        _env(tmp_path))["ms"] for _ in range(3))
    value = statistics.median(r["coverage_ms"] for r in runs)
    bench_row(f"open the coverage grid, {stories} stories", value=value, baseline=bare,
              target=f"< {target_ms} ms", holds=value < target_ms)
    assert value < 60 * target_ms  # a sanity bound only
