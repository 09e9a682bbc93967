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


# ---- counts: a number with the noun it counts ---------------------------------------------------


def _counts(text: str, engine: object | None) -> list[str]:
    return [m.text for m in find_metrics(text, "result", engine) if m.kind == "count"]


@pytest.mark.parametrize("kind", ["full", "basic"])
@pytest.mark.parametrize(
    "text",
    [
        "The model went live in 5 weeks instead of the 12 first estimated.",
        "In the same week, all three asked for something urgent.",
        "We reran them all and found two where the numbers came from an old step.",
        "Sales will land between these two numbers most weeks.",
        "It was one of the hardest projects I have led.",
        "The next two were easier, and the last three took a day each.",
    ],
)
def test_numbers_that_count_nothing_are_not_counts(kind: str, text: str, request: pytest.FixtureRequest) -> None:
    engine = request.getfixturevalue(f"{kind}_engine")
    assert _counts(text, engine) == []
    assert _counts(text, None) == []  # the word rule, used without a parse, agrees


@pytest.mark.parametrize("kind", ["full", "basic"])
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "The team had six people, including two data scientists, three engineers and a designer.",
            ["six people", "two data scientists", "three engineers"],
        ),
        ("We signed 40 customers in the first month.", ["40 customers"]),
        ("The check blocked 4 bad training runs before they reached users.", ["4 bad training runs"]),
        ("The shop serves about two million weekly shoppers.", ["two million weekly shoppers"]),
        ("Four other model teams have since adopted the check.", ["Four other model teams"]),
        ("The tool is now used by 6 of the 8 product teams.", ["6 of the 8 product teams"]),
        ("Zero customers lost data during the move.", ["Zero customers"]),
        ("It freed up two agents' worth of time.", ["two agents"]),
        ("The export handled their 20 GB files easily.", ["20 GB files"]),
    ],
)
def test_a_count_spans_its_number_and_noun(
    kind: str, text: str, counts: list[str], request: pytest.FixtureRequest
) -> None:
    engine = request.getfixturevalue(f"{kind}_engine")
    assert _counts(text, engine) == counts
    assert _counts(text, None) == counts


def test_a_count_uses_the_parse_of_the_section_when_given(full_engine: object) -> None:
    text = "We hired two data scientists."
    doc = full_engine.parse(text)  # type: ignore[attr-defined]
    assert [m.text for m in find_metrics(text, "situation", doc=doc)] == ["two data scientists"]


def test_story_report_counts_run_to_their_noun(any_engine: object) -> None:
    from storybook.analysis import analyze_story
    from storybook.model.values import StoryRecord

    story = StoryRecord(title="t", situation="The team had two data scientists and three engineers.")
    report = analyze_story(story, None, any_engine)  # type: ignore[arg-type]
    assert [(m.text, m.kind) for m in report.metrics] == [("two data scientists", "count"), ("three engineers", "count")]
