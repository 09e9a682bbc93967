"""Benchmark rows: every benchmark reports through ``bench_row``; one table is printed at the end.

A minimal version (the ``speed`` branch owns the full one): rows are collected, printed as a table when
the session ends and written to ``bench.json`` at the repository root.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROWS: list[dict[str, Any]] = []
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench_row() -> Callable[..., None]:
    def add(name: str, *, value: float, baseline: float | None = None, target: str, holds: bool,
            unit: str = "ms", ratio: float | None = None) -> None:
        if ratio is None and baseline:
            ratio = value / baseline
        ROWS.append({"row": name, "value": round(value, 3), "baseline": None if baseline is None else round(baseline, 3),
                     "ratio": None if ratio is None else round(ratio, 3), "target": target, "holds": bool(holds),
                     "unit": unit})

    return add


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not ROWS:
        return
    lines = [f"{'row':48} {'figure':>12} {'baseline':>12} {'ratio':>7}  {'target':20} holds"]
    for r in ROWS:
        base = "" if r["baseline"] is None else f"{r['baseline']:.1f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(f"{r['row']:48} {r['value']:>9.1f} {r['unit']:2} {base:>12} {ratio:>7}  {r['target']:20} "
                     f"{'yes' if r['holds'] else 'NO'}")
    print("\n" + "\n".join(lines))
    (ROOT / "bench.json").write_text(json.dumps(ROWS, indent=2) + "\n", encoding="utf-8")
