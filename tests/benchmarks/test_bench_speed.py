"""Benchmarks of issue 14 that run whole processes: start-up to the first painted window, CLI commands, memory.

Each figure is a median of alternating runs against a baseline measured in the same run; run with
``make bench`` (``pytest -m benchmark -s tests/benchmarks``). Rows go to the shared table through ``bench_row``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.benchmarks.speedkit import (
    BARE_QT,
    alternate_medians,
    compile_sources,
    env_for,
    make_bank,
    probe_line,
    timed_run,
)

RUNS = 5

pytestmark = pytest.mark.benchmark


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("banks")
    compile_sources()
    return {n: make_bank(root / f"bank{n}" / "bank.sqlite", n) for n in (500, 5000)}


@pytest.mark.parametrize(("stories", "limit"), [(500, 3.0), (5000, 4.0)])
def test_window_first(banks: dict[int, Path], tmp_path: Path, bench_row, stories: int, limit: float) -> None:  # noqa: ANN001
    env = env_for(tmp_path)
    bare = tmp_path / "bare.py"
    bare.write_text(BARE_QT, encoding="utf-8")
    app = [sys.executable, "-m", "storybook", "--db", str(banks[stories])]
    timed_run([sys.executable, str(bare)], env)  # warm the file cache
    (base, _), (ms, line) = alternate_medians(RUNS, ([sys.executable, str(bare)], env), (app, env), probe=True)
    assert probe_line(line)["rows"] == stories
    bench_row(f"start to first painted window, {stories} stories", value=ms, baseline=base,
              target=f"<= {limit:g}x bare PySide6 window", holds=ms / base <= limit)


def test_commands(banks: dict[int, Path], tmp_path: Path, bench_row) -> None:  # noqa: ANN001
    env = env_for(tmp_path)
    base_cmd = [sys.executable, "-c", "import sqlite3, json, argparse"]
    help_cmd = [sys.executable, "-m", "storybook", "--help"]
    json_cmd = [sys.executable, "-m", "storybook", "--db", str(banks[500]), "stories", "--json"]
    (base, _), (helped, text), (listed, out) = alternate_medians(RUNS, (base_cmd, env), (help_cmd, env),
                                                                 (json_cmd, env))
    assert "stories" in text
    assert len(json.loads(out)) == 500
    bench_row("storybook --help", value=helped, baseline=base, target="<= 4x python -c 'import sqlite3, json, argparse'",
              holds=helped / base <= 4)
    bench_row("storybook stories --json, 500 stories", value=listed, baseline=base,
              target="<= 6x python -c 'import sqlite3, json, argparse'", holds=listed / base <= 6)


# Peak from VmHWM: ru_maxrss would also count the forking parent's pages (Linux keeps it across exec).
MEMORY_SCRIPT = r"""
import json, resource, sys

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

from PySide6.QtWidgets import QApplication
from storybook.gui.app import build_context, make_application
from storybook.gui.main_window import MainWindow
from storybook.analysis import analyze_stories
app = make_application()
ctx = build_context(sys.argv[1])
window = MainWindow(ctx)
window.show()
app.processEvents()
engine = ctx.engines.get()
stories = ctx.bank.stories.list()
analyze_stories(stories[:20], ctx.bank.settings.get(), engine)
app.processEvents()
print(json.dumps({"rss_mb": peak_mb(), "rows": len(stories)}))
ctx.stop_workers()
window.close()
ctx.close()
"""


def test_peak_memory(banks: dict[int, Path], tmp_path: Path, bench_row) -> None:  # noqa: ANN001
    _ms, out = timed_run([sys.executable, "-c", MEMORY_SCRIPT, str(banks[5000])], env_for(tmp_path), timeout=300)
    result = json.loads(out.strip().splitlines()[-1])
    assert result["rows"] == 5000
    bench_row("peak memory, model loaded, 5,000 stories", value=result["rss_mb"], unit="MB", target="< 500 MB",
              holds=result["rss_mb"] < 500)
