"""Measures of impact: each kind is found with the right span, and look-alike numbers are not."""

from __future__ import annotations

import pytest

from storybook.analysis import find_metrics


@pytest.mark.parametrize(
    ("text", "measure", "kind"),
    [
        ("Errors fell by 38% after the fix.", "38%", "percent"),
        ("Uptime reached ninety-nine percent.", "ninety-nine percent", "percent"),
        ("We saved $120,000 a year.", "$120,000", "money"),
        ("It recovered \u20ac45k of revenue.", "\u20ac45k", "money"),
        ("I onboarded 1,200 users in a month.", "1,200 users", "count"),
        ("A dozen teams adopted it.", "A dozen teams", "count"),
        ("The job now takes 25 minutes.", "25 minutes", "duration"),
        ("Latency dropped to 200ms overnight.", "200ms", "duration"),
        ("The page got 3x faster.", "3x", "multiplier"),
        ("Sign-ups doubled.", "doubled", "multiplier"),
        ("We cut the backlog by half.", "by half", "multiplier"),
        ("Churn shrank by a third.", "by a third", "multiplier"),
        ("Onboarding went from two weeks to three days.", "from two weeks to three days", "change"),
        ("Builds went from 45 minutes to 10.", "from 45 minutes to 10", "change"),
        ("Rollbacks fell to zero.", "to zero", "change"),
        ("We ranked first in the survey.", "ranked first", "rank"),
        ("We won second place at the fair.", "second place", "rank"),
        ("The team now deploys ten times a day.", "ten times a day", "count"),
    ],
)
def test_measure_is_found_with_its_kind_and_span(text: str, measure: str, kind: str) -> None:
    metrics = find_metrics(text, "result")
    assert [(m.text, m.kind) for m in metrics] == [(measure, kind)]
    m = metrics[0]
    assert text[m.start : m.end] == measure
    assert m.section == "result"


@pytest.mark.parametrize(
    "text",
    [
        "It launched in March 2021.",
        "We moved everything to Python 3.",
        "By 2020 the process was standard.",
        "It shipped in sprint 14.",
        "I closed ticket 4821 and JIRA-2231.",
        "It was one of the best projects I worked on.",
        "Version 2 became the default.",
        "It shipped on 14 June, and again on 3/4/2022.",
        "We tagged v3.2.1 and upgraded the cluster to 1.29.",
        "The call was at 9 am.",
        "From 2019 to 2021 I led the team.",
        "We moved from Angular 1 to React.",
        "",
    ],
)
def test_numbers_that_are_not_measures(text: str) -> None:
    assert find_metrics(text, "result") == []


def test_every_span_points_into_the_text_even_with_emoji_and_rtl() -> None:
    text = "\U0001f680 \u05e9\u05dc\u05d5\u05dd Cut costs by 40% and saved \u00a33k \u2014 30 hours a week \U0001f389"
    metrics = find_metrics(text, "action")
    assert {m.kind for m in metrics} == {"percent", "money", "duration"}
    for m in metrics:
        assert text[m.start : m.end] == m.text
