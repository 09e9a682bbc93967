"""STORYBOOK_PROBE=coverage: the app opens the Coverage tab, prints one JSON line after its first paint, quits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.bankgen import make_bank


def test_probe_prints_the_grid_size_and_time_then_quits(tmp_path: Path) -> None:
    db = make_bank(tmp_path / "bank.db", 30)
    env = {**os.environ, "STORYBOOK_PROBE": "coverage", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "storybook", "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["columns"] == 30
    assert figures["rows"] >= 10  # the built-in competencies
    assert isinstance(figures["coverage_ms"], int)
    assert figures["coverage_ms"] >= 0
