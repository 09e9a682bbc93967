"""Benchmark: ``storybook dossier --out`` as a user runs it, against minimal scripts doing the same work.

Run with ``make bench`` (or ``pytest -m benchmark -s tests/benchmarks/test_bench_dossier.py``). Every side
runs as its own process on the same 100-story bank (about 400 words a story), in the same run:

- with every story's check report stored and current, the command against a minimal python-docx script
  writing the same stories (target: at most 1.5 times);
- with no stored report at all, the command against a bare ``nlp.pipe`` over the same texts with the
  same pipeline plus the minimal script (target: at most 1.2 times).

The ratios are reported through ``bench_row``; only a loose sanity bound is asserted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from storybook.analysis import engine_info
from storybook.bank import StoryBank
from tests.benchmarks.bankgen import make_bank

STORIES = 100

MINIMAL_DOCX = """
import sqlite3, sys
import docx
con = sqlite3.connect(sys.argv[1])
rows = con.execute("SELECT title, situation, task, action, result, reflection FROM story "
                   "WHERE deleted_at IS NULL ORDER BY title").fetchall()
document = docx.Document()
for row in rows:
    document.add_heading(row[0], level=1)
    for name, text in zip(("Situation", "Task", "Action", "Result", "Reflection"), row[1:]):
        document.add_heading(name, level=2)
        for line in text.split("\\n"):
            document.add_paragraph(line)
document.save(sys.argv[2])
"""

BARE_PIPE = """
import sqlite3, sys
import spacy
con = sqlite3.connect(sys.argv[1])
texts = [t for row in con.execute("SELECT situation, task, action, result FROM story WHERE deleted_at IS NULL")
         for t in row]
nlp = spacy.load(sys.argv[2])
for _doc in nlp.pipe(texts):
    pass
"""


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=900)
    return time.perf_counter() - start


def _median(run: Callable[[], float], rounds: int) -> float:
    return statistics.median(run() for _ in range(rounds))


def _forget_reports(db: Path) -> None:
    with StoryBank.open(db) as bank:
        bank.reports.forget()


@pytest.mark.benchmark
@pytest.mark.timeout(3600)
def test_dossier_command_costs_what_it_writes(tmp_path: Path, bench_row: Callable[..., None]) -> None:
    db = make_bank(tmp_path / "bank.sqlite", STORIES)
    env = _env(tmp_path)
    out = str(tmp_path / "dossier.docx")
    dossier = [sys.executable, "-m", "storybook", "--db", str(db), "dossier", "--out", out]
    minimal = [sys.executable, "-c", MINIMAL_DOCX, str(db), str(tmp_path / "minimal.docx")]
    bare = [sys.executable, "-c", BARE_PIPE, str(db), engine_info()["name"]]

    _timed(dossier, env)  # warms the file cache and stores every report
    with_reports = _median(lambda: _timed(dossier, env), 5)
    script = _median(lambda: _timed(minimal, env), 5)

    def cold() -> float:
        _forget_reports(db)
        return _timed(dossier, env)

    without_reports = _median(cold, 3)
    pipe = _median(lambda: _timed(bare, env), 3)

    ratio_current = with_reports / script
    ratio_cold = without_reports / (pipe + script)
    bench_row(f"dossier --out, {STORIES} stories, current reports", value=with_reports * 1000,
              baseline=script * 1000, target="<= 1.5x python-docx script", holds=ratio_current <= 1.5)
    bench_row(f"dossier --out, {STORIES} stories, no reports", value=without_reports * 1000,
              baseline=(pipe + script) * 1000, target="<= 1.2x nlp.pipe + script", holds=ratio_cold <= 1.2)
    assert Path(out).stat().st_size > 0
    assert ratio_current < 20  # a sanity bound only: the targets are reported, not asserted
