"""Benchmark: typing while stories are scored in the background, and Check all on 500 stories.

Each side runs in its own app process (``tests/benchmarks/scoring_probe.py``) over a bank of 500 generated
stories of about 400 words, with no stored report. Targets: no stall over 50 ms on the GUI thread while
typing 2,000 characters during the scoring; peak memory under 400 MB after Check all. Check all's time and
its largest stall are reported as they are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.benchmarks.bankgen import make_bank

STORIES = 500
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _probe(mode: str, db: Path, tmp_path: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.scoring_probe", mode, str(db)], env=env,
                          capture_output=True, text=True, timeout=1800, check=True, cwd=ROOT)
    return json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])


@pytest.mark.benchmark
@pytest.mark.timeout(3600)
def test_typing_during_background_scoring_never_stalls(tmp_path: Path, bench_row: Callable[..., None]) -> None:
    db = make_bank(tmp_path / "bank.sqlite", STORIES)
    plain = _probe("plain", db, tmp_path)  # the same typing with no checks at all: what typing costs here
    typing = _probe("typing", db, tmp_path)
    assert typing["typed"] == plain["typed"] == 2000
    bench_row(f"largest stall typing 2,000 chars while scoring {STORIES}", value=typing["max_stall_ms"],
              baseline=plain["max_stall_ms"], target="< 50 ms", holds=typing["max_stall_ms"] < 50)
    bench_row("stalls over 50 ms in that typing", value=typing["stalls_over_50"], unit="",
              baseline=plain["stalls_over_50"] or None, target="0", holds=typing["stalls_over_50"] == 0)


@pytest.mark.benchmark
@pytest.mark.timeout(3600)
def test_check_all_on_500_stories(tmp_path: Path, bench_row: Callable[..., None]) -> None:
    db = make_bank(tmp_path / "bank.sqlite", STORIES)
    result = _probe("checkall", db, tmp_path)
    assert result["stories"] == STORIES
    bench_row(f"Check all, {STORIES} stories", value=result["check_all_s"] * 1000, target="reported",
              holds=True)
    bench_row(f"largest stall during Check all, {STORIES} stories", value=result["max_stall_ms"],
              target="reported", holds=True)
    bench_row(f"peak memory after Check all, {STORIES} stories", value=result["peak_mb"], unit="MB",
              target="< 400 MB", holds=result["peak_mb"] < 400)
    again = _probe("checkall-current", db, tmp_path)  # every report stored by the run above
    bench_row(f"Check all again, {STORIES} stories, none changed", value=again["check_all_s"] * 1000,
              baseline=result["check_all_s"] * 1000, target="reported", holds=True)
