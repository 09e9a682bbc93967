"""Benchmarks of issue 14: the checks (on the app's lean pipeline) against the full pipeline's parse alone.

"Check all" on 100 stories against ``nlp.pipe`` over the same texts, and all checks on one 400-word story against
``nlp(text)``, both baselines with the full pipeline loaded as its package ships. Run with ``make bench``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from storybook.analysis import analyze_stories, analyze_story, load_engine
from storybook.model.values import Settings, StoryRecord
from storybook.store.seed import load_samples_file
from tests.benchmarks.test_bench_analysis import story_400

pytestmark = pytest.mark.benchmark


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


def _best(func: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def _stories(count: int) -> list[StoryRecord]:
    samples = load_samples_file()["stories"]
    fields = ("title", "situation", "task", "action", "result", "reflection")
    return [StoryRecord(id=i + 1, **{k: samples[i % len(samples)].get(k, "") for k in fields}) for i in range(count)]


@pytest.fixture(scope="module")
def engines():  # noqa: ANN201
    import spacy

    engine = load_engine()
    if not engine.full:
        pytest.skip("no trained English pipeline installed")
    return engine, spacy.load(engine.name)


def test_check_all_against_full_pipe(engines, bench_row) -> None:  # noqa: ANN001
    engine, full = engines
    stories = _stories(100)
    settings = Settings()
    texts = [s.full_text() for s in stories]
    analyze_stories(stories[:5], settings, engine)
    list(full.pipe(texts[:5]))
    base = _best(lambda: list(full.pipe(texts)), 2)
    checks = _best(lambda: analyze_stories(stories, settings, engine), 2)
    bench_row("Check all, 100 stories", value=checks, baseline=base, target="<= 0.75x nlp.pipe, full pipeline",
              holds=checks / base <= 0.75)


def test_one_story_against_full_parse(engines, bench_row) -> None:  # noqa: ANN001
    engine, full = engines
    story = story_400()
    text = story.full_text()
    settings = Settings()
    for _ in range(3):
        full(text)
        analyze_story(story, settings, engine)
    base = _best(lambda: full(text), 15)
    checks = _best(lambda: analyze_story(story, settings, engine), 15)
    bench_row("all checks, one 400-word story", value=checks, baseline=base, target="<= 0.9x nlp(text), full pipeline",
              holds=checks / base <= 0.9)
