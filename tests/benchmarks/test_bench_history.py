"""Benchmark: what story history costs an autosave, and how fast a large comparison is.

An autosave asks "is a snapshot due?" every time; when none is (the usual case: one per ten minutes at
most), the answer comes from the last snapshot time kept in memory. Rows: that check alone (target well
under 1 ms), one checked autosave with history against the same autosave with history switched off (same
run, ratio), an autosave that does take a snapshot, and the word-level comparison of a megabyte story.
Run with ``make bench``; figures are reported, not asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from storybook.analysis.textdiff import compare
from storybook.bank import StoryBank
from storybook.bank.snapshots import SnapshotClock
from storybook.bank.story_sync import save_checked

ROUNDS = 40


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


class NeverDue(SnapshotClock):
    """History switched off: the baseline."""

    def due(self, session: object, story_id: int, now: datetime | None = None) -> bool:
        return False


class AlwaysDue(SnapshotClock):
    def due(self, session: object, story_id: int, now: datetime | None = None) -> bool:
        return True


def _median(run: Callable[[int], object], rounds: int = ROUNDS) -> float:
    times = []
    for n in range(rounds):
        start = time.perf_counter()
        run(n)
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def _autosaves(bank: StoryBank, story_id: int) -> Callable[[int], object]:
    state = {"base": bank.stories.get(story_id)}

    def save(n: int) -> None:
        values = {"action": state["base"].action.split(" Round")[0] + f" Round {n}."}
        state["base"] = save_checked(bank, story_id, values, state["base"]).record

    return save


@pytest.mark.benchmark
def test_history_costs_an_autosave_next_to_nothing(tmp_path: Path, bench_row) -> None:  # noqa: ANN001
    with StoryBank.open(tmp_path / "bench.sqlite") as bank:
        bank.stories.load_samples()
        story_id = bank.stories.list()[0].id
        bank.history.take(story_id)  # the one just taken: nothing is due for ten minutes
        with bank.unit_of_work() as session:
            check = _median(lambda _n: bank.snapshot_clock.due(session, story_id), rounds=2000)
        save = _autosaves(bank, story_id)
        clocks = {"with": bank.snapshot_clock, "without": NeverDue(), "taking": AlwaysDue()}
        times: dict[str, list[float]] = {name: [] for name in clocks}
        counter = 0
        for _ in range(ROUNDS):  # interleaved, so a busy machine slows all three alike
            for name, clock in clocks.items():
                bank.snapshot_clock = clock
                counter += 1  # every save writes a new text
                start = time.perf_counter()
                save(counter)
                times[name].append(time.perf_counter() - start)
        bank.snapshot_clock = clocks["with"]
        with_history, without, taking = (sorted(times[k])[ROUNDS // 2] for k in ("with", "without", "taking"))
    bench_row("history: 'is a snapshot due?' when none is", value=check * 1e6, target="well under 1 ms",
              holds=check < 0.0001, unit="us")
    bench_row("history: autosave with history vs without", value=with_history * 1000, baseline=without * 1000,
              target="ratio about 1 (no snapshot due)", holds=with_history / without < 1.3)
    bench_row("history: autosave that takes a snapshot vs without", value=taking * 1000, baseline=without * 1000,
              target="one per 10 min at most", holds=True)


@pytest.mark.benchmark
def test_comparing_a_megabyte_story(bench_row) -> None:  # noqa: ANN001
    paragraph = "I migrated the billing service and cut latency by forty percent. " * 8 + "\n"
    old = paragraph * 2000
    new = old.replace("billing", "payments", 5)
    new = new[:500_000] + "A new paragraph about the rollout.\n" + new[500_000:]
    small_old, small_new = paragraph * 4, paragraph * 4 + "One more sentence."
    big = _median(lambda _n: compare(old, new), rounds=3)
    small = _median(lambda _n: compare(small_old, small_new), rounds=50)
    bench_row("history: word comparison of a 1 MB story", value=big * 1000, baseline=small * 1000,
              target="under 2 s (no freeze)", holds=big < 2.0)
