"""Cue-card suggestions and the after-run summary."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storybook.bank import StoryBank
from storybook.model.measures import format_seconds
from storybook.model.values import StoryRecord
from storybook.rehearsal.cues import MAX_CARDS, clean_anchor, suggest_cues, validate_cards
from storybook.rehearsal.records import RehearsalRecord
from storybook.rehearsal.summary import chart_data, summarize

STORY = StoryRecord(
    id=1, title="Checkout rescue",
    situation="Our checkout page lost a third of mobile buyers after a redesign. Support was flooded.",
    task="I owned the checkout flow and had to recover conversion before the holiday sale.",
    action=("We met with design first. I pulled session recordings and found the pay button below the fold. "
            "I shipped an A/B test with the button pinned. Then I added a latency alert."),
    result="Mobile conversion rose 18% in two weeks, worth about $40k a month. We kept the alert.",
)


def test_suggestions_follow_star_and_keep_the_measure() -> None:
    cues = suggest_cues(STORY)
    assert 3 <= len(cues) <= MAX_CARDS
    assert cues[0].startswith("Our checkout page lost")
    assert any("18%" in c for c in cues)
    assert cues[-1] == "Mobile conversion rose 18% in two weeks"
    assert any(c.startswith("I pulled session recordings") for c in cues)  # an "I" sentence, not "We met"
    assert all(len(c) <= 60 for c in cues)


def test_suggestions_for_an_empty_or_odd_story() -> None:
    assert suggest_cues(StoryRecord(id=2)) == []
    odd = StoryRecord(id=3, action="✅ " * 500 + "\u202eRTL", result="שיפור של 30% בזמן התגובה")
    cues = suggest_cues(odd)
    assert all(len(c) <= 60 for c in cues)
    assert any("30%" in c for c in cues)


def test_analysis_measures_are_preferred() -> None:
    story = StoryRecord(id=4, result="Churn fell sharply after launch. Revenue grew by two million dollars.")
    assert suggest_cues(story, measures=["two million dollars"])[-1] == "two million dollars"


def test_validate_cards() -> None:
    cards, note = validate_cards(["  CTR 11% \n to 8% ", "", "Rollback\x07 in 15 min"])
    assert cards == ["CTR 11% to 8%", "Rollback in 15 min"]
    assert "Three to five" in note
    with pytest.raises(ValueError, match="at most 5"):
        validate_cards([f"anchor {n}" for n in range(6)])
    assert len(clean_anchor("x" * 1_000_000)) == 60


def test_summary_names_the_section_that_ran_over_most() -> None:
    summary = summarize([20, 10, 100, 15], target=120, limit=180)  # budgets 18, 12, 72, 18
    assert summary.total == 145
    assert summary.zone.value == "between"
    assert summary.worst.section == "action"
    lines = summary.lines()
    assert lines[0] == "2:25: on target (2:00\u20133:00)."
    assert lines[3] == "Action: 1:40 of 1:12 (0:28 over)"
    assert lines[-1] == "Action ran over the most (0:28 past its budget)."
    assert summary.to_json()["ran_over_most"] == "action"


def test_summary_when_all_sections_fit() -> None:
    summary = summarize([15, 10, 60, 15], target=120, limit=180)
    assert summary.worst is None
    assert summary.headline() == "1:40: short of the 2:00\u20133:00 band."
    assert "No section ran over" in summary.worst_line()
    assert summarize([30, 30, 150, 30], 120, 180).headline().startswith("4:00: over the 3:00 limit")


def test_format_seconds() -> None:
    assert [format_seconds(s) for s in (0, 59.6, 61, 3725, -5)] == ["0:00", "1:00", "1:01", "1:02:05", "-0:05"]


def test_chart_data_in_time_order_with_lines() -> None:
    start = datetime(2024, 5, 1)
    records = [
        RehearsalRecord(id=2, story_id=1, started_at=start + timedelta(days=2), total_seconds=130.04),
        RehearsalRecord(id=1, story_id=1, started_at=start, total_seconds=170),
        RehearsalRecord(id=3, story_id=1, started_at=start + timedelta(days=3), total_seconds=20, outcome="aborted"),
    ]
    data = chart_data(records)
    assert data.points == ((start, 170), (start + timedelta(days=2), 130.0))
    assert (data.target, data.limit) == (120, 180)
    assert data.y_max == pytest.approx(198)
    assert chart_data([], target=90, limit=150).points == ()


def test_sample_stories_get_suggestions(sample_bank: StoryBank) -> None:
    for record in sample_bank.stories.list():
        cues = suggest_cues(record)
        assert 3 <= len(cues) <= 5, record.title
