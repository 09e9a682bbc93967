"""Benchmark: the price of the safety work, as ratios against a baseline measured in the same run.

- import: batched commits (the app can save in between) against one transaction, and the longest wait
  another writer had while each import ran;
- listing stories with the lenient text decoder (invalid UTF-8 never fatal) against Python's own decoder.

Run with ``pytest -m benchmark -s tests/benchmarks/test_bench_safety.py``; figures are printed, not asserted.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import storybook.bank.transfer_batches as batches
from storybook.bank import StoryBank

STORIES = 400


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _payload(tmp_path: Path) -> dict[str, Any]:
    with StoryBank.open(tmp_path / "source.sqlite") as bank:
        bank.stories.load_samples()
        payload = bank.transfer.export_payload()
    template = payload["stories"][0]
    payload["stories"] = [dict(template, ref=f"story:{n}", title=f"Imported {n}") for n in range(STORIES)]
    payload.update(targets=[], rehearsals=[])
    return payload


def _import_with_a_second_writer(db: Path, payload: dict[str, Any]) -> tuple[float, float]:
    """Seconds the import took, and the longest a second writer waited for the lock meanwhile."""
    with StoryBank.open(db) as bank:
        done = threading.Event()
        longest = [0.0]

        def other_writer() -> None:
            con = sqlite3.connect(db, timeout=60, isolation_level=None)
            while not done.is_set():
                start = time.perf_counter()
                con.execute("BEGIN IMMEDIATE")
                longest[0] = max(longest[0], time.perf_counter() - start)
                con.execute("COMMIT")
                time.sleep(0.05)
            con.close()

        thread = threading.Thread(target=other_writer)
        start = time.perf_counter()
        thread.start()
        bank.transfer.import_payload(payload)
        took = time.perf_counter() - start
        done.set()
        thread.join()
    return took, longest[0]


@pytest.mark.benchmark
def test_bench_batched_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payload = _payload(tmp_path)
    monkeypatch.setattr(batches, "BATCH_SECONDS", float("inf"))  # the baseline: one transaction
    single, single_wait = _import_with_a_second_writer(tmp_path / "single.sqlite", payload)
    monkeypatch.undo()
    batched, batched_wait = _import_with_a_second_writer(tmp_path / "batched.sqlite", payload)
    print(f"\nimport of {STORIES} stories: one transaction {single:.2f} s (other writer waited up to "
          f"{single_wait:.2f} s); batched {batched:.2f} s (waited up to {batched_wait:.2f} s); "
          f"time ratio {batched / single:.2f}")


@pytest.mark.benchmark
def test_bench_lenient_text(tmp_path: Path) -> None:
    with StoryBank.open(tmp_path / "bank.sqlite") as bank:
        for _ in range(40):
            bank.stories.load_samples()
            with bank.unit_of_work() as session:
                session.connection().exec_driver_sql("UPDATE story SET sample_key = NULL")

        def best(rounds: int = 5) -> float:
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                bank.stories.list()
                times.append(time.perf_counter() - start)
            return min(times)

        lenient = best()
        bank.engine.dispose()
        bank.stored_text.decode = str  # Python's own strict decoder (bytes -> str), the baseline
        plain = best()
        count = len(bank.stories.list())
    print(f"\nlisting {count} stories: lenient decoder {lenient * 1000:.1f} ms, built-in {plain * 1000:.1f} ms, "
          f"ratio {lenient / plain:.2f}")
