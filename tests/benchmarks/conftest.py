"""The shared benchmark table: every benchmark reports through ``bench_row``; the session prints and saves it.

Figures are compared as ratios against a baseline measured in the same run, never as timed assertions in the
normal test run. At the end of a session that produced rows, one table is printed and the same rows are written
to ``bench.json`` at the repository root (gitignored).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

BENCH_JSON = Path(__file__).resolve().parents[2] / "bench.json"


@dataclass(frozen=True)
class BenchRow:
    """One measured row of the benchmark table."""

    name: str
    value: float
    baseline: float | None
    ratio: float | None
    target: str
    holds: bool
    unit: str


_ROWS: list[BenchRow] = []


def record_row(name: str, *, value: float, baseline: float | None = None, target: str, holds: bool,
               unit: str = "ms", ratio: float | None = None) -> BenchRow:
    """Add a row; ``ratio`` defaults to value/baseline when a baseline is given."""
    if ratio is None and baseline:
        ratio = value / baseline
    row = BenchRow(name=name, value=float(value), baseline=None if baseline is None else float(baseline),
                   ratio=None if ratio is None else float(ratio), target=target, holds=bool(holds), unit=unit)
    _ROWS.append(row)
    return row


@pytest.fixture
def bench_row() -> Callable[..., BenchRow]:
    """``bench_row(name, *, value, baseline=None, target, holds, unit="ms", ratio=None)``."""
    return record_row


def _fmt(number: float | None, unit: str = "") -> str:
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return "-"
    text = f"{number:.0f}" if abs(number) >= 100 else f"{number:.2f}" if abs(number) < 10 else f"{number:.1f}"
    return f"{text} {unit}".rstrip()


def format_table(rows: list[BenchRow]) -> str:
    header = ("row", "figure", "baseline", "ratio", "target", "holds")
    lines = [
        (r.name, _fmt(r.value, r.unit), _fmt(r.baseline, r.unit), _fmt(r.ratio), r.target, "yes" if r.holds else "NO")
        for r in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *lines, strict=False)]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False)) for line in (header, *lines)]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _ROWS:
        return
    terminalreporter.write_sep("=", "benchmark table")
    terminalreporter.write_line(format_table(_ROWS))
    BENCH_JSON.write_text(json.dumps([asdict(r) for r in _ROWS], indent=2) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"written to {BENCH_JSON}")
