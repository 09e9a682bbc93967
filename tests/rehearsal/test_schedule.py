"""Practise-next order on fixed dates, with spacing of 1, 2, 4 and 8 days between good runs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from storybook.bank import StoryBank
from storybook.model.values import Settings, StoryRecord
from storybook.rehearsal.records import RehearsalRecord
from storybook.rehearsal.schedule import good_streak, next_due, rank_stories, readiness_scores, word_readiness

TODAY = date(2024, 6, 10)
WORDS = "one two three four five six seven eight nine ten "


def story(story_id: int, title: str, words: int = 40) -> StoryRecord:
    text = " ".join((WORDS * 100).split()[: words // 4])
    return StoryRecord(id=story_id, title=title, situation=text, task=text, action=text, result=text)


def run(story_id: int, day: date, seconds: float = 110, rating: int | None = None,
        outcome: str = "finished") -> RehearsalRecord:
    return RehearsalRecord(id=None, story_id=story_id, started_at=datetime.combine(day, datetime.min.time()).replace(hour=10),
                           section_seconds=[0, 0, seconds, 0], total_seconds=seconds, rating=rating, outcome=outcome)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_spacing_doubles_with_each_good_day() -> None:
    assert next_due(None, 0, TODAY) == TODAY
    assert next_due(TODAY, 1, TODAY) == TODAY + timedelta(days=1)
    assert next_due(TODAY, 2, TODAY) == TODAY + timedelta(days=2)
    assert next_due(TODAY, 3, TODAY) == TODAY + timedelta(days=4)
    assert next_due(TODAY, 4, TODAY) == TODAY + timedelta(days=8)
    assert next_due(TODAY, 9, TODAY) == TODAY + timedelta(days=8)


def test_streak_counts_days_and_resets_on_a_poor_run() -> None:
    runs = [run(1, days_ago(9)), run(1, days_ago(8), seconds=200), run(1, days_ago(5)), run(1, days_ago(5)),
            run(1, days_ago(3), rating=4), run(1, days_ago(2), outcome="aborted"), run(1, days_ago(1))]
    assert good_streak(runs) == (3, days_ago(1))
    assert good_streak([*runs, run(1, TODAY, rating=2)]) == (0, None)


def test_order_on_fixed_dates() -> None:
    stories = [story(1, "Never run"), story(2, "Well spaced"), story(3, "Overdue"), story(4, "Ran long"),
               story(5, "Just due"), story(6, "Empty", words=0)]
    records = [
        # 2: good on 3 days, last one 1 day ago -> next after 4 days: not due for 3 more days
        run(2, days_ago(6)), run(2, days_ago(4)), run(2, days_ago(1)),
        # 3: one good run 6 days ago -> due 5 days ago
        run(3, days_ago(6)),
        # 4: the last finished run went over the limit -> due now, no good run since
        run(4, days_ago(3)), run(4, days_ago(2), seconds=240),
        # 5: two good days, the last 2 days ago -> due today
        run(5, days_ago(5)), run(5, days_ago(2)),
    ]
    readiness = {1: 80, 2: 90, 3: 70, 4: 60, 5: 75}
    items = rank_stories(stories, records, readiness, TODAY)
    assert [i.title for i in items] == ["Ran long", "Never run", "Overdue", "Just due", "Well spaced"]
    by_title = {i.title: i for i in items}
    assert by_title["Well spaced"].due == TODAY + timedelta(days=3)
    assert not by_title["Well spaced"].is_due
    assert by_title["Overdue"].overdue_days == 5
    assert by_title["Just due"].overdue_days == 0
    assert by_title["Never run"].reason == "Not rehearsed yet."
    assert "next in 3 days" in by_title["Well spaced"].reason
    assert "Empty" not in by_title  # nothing to say yet


def test_readiness_breaks_ties_least_ready_first() -> None:
    stories = [story(1, "Polished"), story(2, "Rough"), story(3, "Middling")]
    items = rank_stories(stories, [], {1: 95, 2: 30, 3: 60}, TODAY)
    assert [i.title for i in items] == ["Rough", "Middling", "Polished"]


def test_the_same_day_tomorrow_moves_a_story_up() -> None:
    stories = [story(1, "A"), story(2, "B")]
    records = [run(1, TODAY), run(2, days_ago(6)), run(2, days_ago(5)), run(2, days_ago(3)), run(2, days_ago(2))]
    today = [i.title for i in rank_stories(stories, records, {}, TODAY)]
    later = rank_stories(stories, records, {}, TODAY + timedelta(days=1))
    assert today == ["A", "B"]  # neither is due; A comes back tomorrow, B in six days
    assert [i.title for i in later] == ["A", "B"]
    assert later[0].is_due
    assert not later[1].is_due


def test_word_readiness_prefers_a_story_that_fits_the_time() -> None:
    settings = Settings()
    assert word_readiness(story(1, "x", words=0), settings) == 0
    fits = word_readiness(story(1, "x", words=280), settings)  # 112 s at 150 wpm
    too_long = word_readiness(story(1, "x", words=900), settings)
    stub = word_readiness(StoryRecord(id=1, title="x", action="I did " * 10), settings)
    assert fits == 100
    assert stub < too_long < fits


def test_readiness_scores_always_give_a_number(sample_bank: StoryBank) -> None:
    stories = sample_bank.stories.list()
    scores, source = readiness_scores(stories, Settings())
    assert source in ("analysis", "words")
    assert set(scores) == {s.id for s in stories}
    assert all(0 <= v <= 100 for v in scores.values())


def test_bank_practise_next(sample_bank: StoryBank) -> None:
    stories = sample_bank.stories.list()
    first, second = stories[0], stories[1]
    sample_bank.rehearsals.record(first.id, [15, 10, 70, 15], started_at=datetime(2024, 6, 9, 12))
    readiness = {s.id: 50.0 for s in stories}
    items = sample_bank.rehearsals.practise_next(TODAY, readiness=readiness)
    assert len(items) == len(stories)
    assert items[-1].story_id == first.id  # the only one with a good run, not due until tomorrow
    assert second.id in [i.story_id for i in items[:-1]]


@pytest.mark.parametrize("split", [(0, 0, 0, 0), (100, 0, 0, 0)])
def test_odd_splits_do_not_break_budgets(split: tuple[int, int, int, int]) -> None:
    from storybook.rehearsal.timer import section_budgets

    assert sum(section_budgets(120, split)) == pytest.approx(120)
