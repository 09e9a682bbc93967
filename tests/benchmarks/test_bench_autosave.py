"""Benchmark: the bank work behind one autosave, before and after change sets.

Before, every autosave made the main window load every trashed story (with its tags, competencies and
links) just to count them. Now the window counts the trash only when a change set says the trash moved,
and then with one COUNT query. This measures, on a bank with a full trash, one story update plus the old
trash reload, against one story update plus the new path, and also the old reload against the new count.
Run with ``make bench``; ratios are printed, not asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from storybook.bank import ChangeSet, StoryBank, StoryFilter

TRASHED = 200
ROUNDS = 30


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _best(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.benchmark
def test_autosave_no_longer_reloads_the_trash(tmp_path: Path) -> None:
    with StoryBank.open(tmp_path / "bench.sqlite") as bank:
        bank.stories.load_samples()
        keys = [c.key for c in bank.questions.competencies()][:3]
        for n in range(TRASHED):
            story = bank.stories.create(title=f"Old {n}", action="I did it. " * 60, competencies=keys, tags=["x"])
            bank.stories.trash(story.id)
        story_id = bank.stories.list()[0].id
        seen: list[ChangeSet] = []
        bank.changes.subscribe(seen.append)

        def before() -> None:
            bank.stories.update(story_id, action="I profiled the slowest stages.")
            len(bank.stories.list(StoryFilter(trashed=True)))

        def after() -> None:
            bank.stories.update(story_id, action="I profiled the slowest stages.")
            if seen[-1].trash:  # never true for an autosave
                bank.stories.count(trashed=True)

        old_save, new_save = _best(before), _best(after)
        old_count = _best(lambda: len(bank.stories.list(StoryFilter(trashed=True))))
        new_count = _best(lambda: bank.stories.count(trashed=True))
    print(f"\nautosave with {TRASHED} trashed stories: before {old_save * 1000:.1f} ms, after "
          f"{new_save * 1000:.1f} ms, ratio after/before {new_save / old_save:.2f}")
    print(f"trash count: list {old_count * 1000:.1f} ms, COUNT {new_count * 1000:.2f} ms, "
          f"ratio {new_count / old_count:.3f}")
    assert old_count > 0
