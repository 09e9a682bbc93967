"""Benchmark: all checks on a 400-word story, as a ratio to the pipeline's own nlp(text) in the same run.

Run with ``pytest -m benchmark -s tests/benchmarks``. The target is a ratio of at most 1.25: checking a story
should cost little more than parsing it once. Only a very loose sanity bound is asserted.
"""

from __future__ import annotations

import time

import pytest

from storybook.analysis import analyze_stories, analyze_story, get_engine
from storybook.model.values import Settings, StoryRecord

SITUATION = (
    "Our team ran the nightly data pipeline that fed the sales dashboards for forty regional managers. "
    "In the spring the job started failing two or three times a week, and the managers began keeping their "
    "own spreadsheets because they no longer trusted the numbers they saw each morning."
)
TASK = (
    "I was the engineer who knew the pipeline best, so my manager asked me to make it reliable again within "
    "a month, without stopping the dashboards while I worked on it."
)
ACTION = (
    "First I collected the logs from the last ninety runs and sorted every failure by its cause. Most of "
    "them came from two sources: a supplier file that sometimes arrived late, and a join that ran out of "
    "memory when one region had an unusually busy day. For the late file, I added a check that waited for "
    "it for up to an hour and then ran the rest of the pipeline with yesterday's data, clearly marked as "
    "stale on the dashboard. For the memory problem, I rewrote the join to process one region at a time and "
    "measured the peak memory before and after on a copy of the busiest week. I then wrote tests for both "
    "fixes and asked a colleague to review them, because I wanted a second pair of eyes on the fallback "
    "logic. Once the changes were live, I set up an alert that told me within five minutes when a run "
    "failed, and I kept a short log of every alert for the next six weeks. I also met the three managers "
    "who had complained the most, showed them what had changed, and agreed on a simple rule for what the "
    "stale marker meant. Finally I wrote a one-page runbook so that whoever was on call could restart the "
    "job safely without waking me up in the middle of the night. Before I closed the work, I presented the "
    "numbers at our monthly review, explained which risks were still open, and suggested that we move the "
    "supplier deadline one hour earlier, which the supplier accepted after a short call with their team. "
    "I added that change to the runbook as well, together with the dashboard link."
)
RESULT = (
    "Failures dropped from about ten a month to one in the following quarter, and the average run finished "
    "forty minutes earlier. The managers stopped maintaining their own spreadsheets, and two other teams "
    "copied the fallback pattern for their own pipelines."
)


def story_400() -> StoryRecord:
    words = [SITUATION, TASK, ACTION, RESULT]
    story = StoryRecord(title="Nightly pipeline", situation=SITUATION, task=TASK, action=ACTION, result=RESULT)
    assert 330 <= sum(len(w.split()) for w in words) <= 430
    return story


def best_of(func, rounds: int = 15) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    times.sort()
    fastest = max(1, rounds // 3)
    return sum(times[:fastest]) / fastest  # the fastest third: least disturbed by other load


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("benchmarks run with -m benchmark")


@pytest.mark.benchmark
def test_all_checks_cost_little_more_than_parsing() -> None:
    engine = get_engine()
    story = story_400()
    text = story.full_text()
    settings = Settings()
    for _ in range(3):  # warm up caches, word lists and the model
        engine.nlp(text)
        analyze_story(story, settings, engine)
    parse = best_of(lambda: engine.nlp(text))
    checks = best_of(lambda: analyze_story(story, settings, engine))
    ratio = checks / parse
    print(
        f"\n[{engine.name}, {'full' if engine.full else 'basic'}] {len(text.split())} words: nlp(text) "
        f"{parse * 1000:.1f} ms, analyze_story {checks * 1000:.1f} ms, ratio {ratio:.2f} (target <= 1.25)"
    )
    assert ratio < 10


@pytest.mark.benchmark
def test_many_stories_use_one_pipe_stream() -> None:
    engine = get_engine()
    stories = [story_400() for _ in range(40)]
    settings = Settings()
    analyze_stories(stories[:5], settings, engine)
    one_by_one = best_of(lambda: [analyze_story(s, settings, engine) for s in stories], rounds=1)
    piped = best_of(lambda: analyze_stories(stories, settings, engine), rounds=1)
    print(
        f"\n40 stories: one by one {one_by_one:.2f} s, with nlp.pipe {piped:.2f} s, "
        f"ratio {piped / one_by_one:.2f}; 500 stories would take about {piped * 12.5:.0f} s"
    )
    assert piped < one_by_one * 10
