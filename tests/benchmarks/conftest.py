"""Benchmarks: the shared ``bench_row`` fixture; rows are printed as one table at the end of the session.

Minimal version for this branch; the branch that owns the benchmark table replaces it at merge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

_ROWS: list[dict[str, Any]] = []


@pytest.fixture
def bench_row() -> Callable[..., None]:
    def add(name: str, *, value: float, baseline: float | None = None, target: str, holds: bool,
            unit: str = "ms", ratio: float | None = None) -> None:
        if ratio is None and baseline:
            ratio = value / baseline
        _ROWS.append({"row": name, "value": value, "baseline": baseline, "ratio": ratio, "target": target,
                      "holds": holds, "unit": unit})

    return add


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _ROWS:
        return
    terminalreporter.write_line("")
    terminalreporter.write_line(f"{'row':58} {'figure':>12} {'baseline':>12} {'ratio':>7}  target / holds")
    for r in _ROWS:
        base = f"{r['baseline']:.2f}" if r["baseline"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        terminalreporter.write_line(f"{r['row']:58} {r['value']:9.2f} {r['unit']:2} {base:>12} {ratio:>7}  "
                                    f"{r['target']} / {'yes' if r['holds'] else 'NO'}")
