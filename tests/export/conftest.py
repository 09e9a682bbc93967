"""Export test fixtures: a small fixed bank as plain objects (no database, no clock, no language model)."""

from __future__ import annotations

from datetime import datetime

import pytest

from storybook.export.dossier import DossierData, RehearsalFigures, TargetInfo
from storybook.model.values import Finding, LinkedQuestion, Metric, QuestionRecord, Settings, StoryRecord, StoryReport

ENGINE = {"name": "test", "version": "0", "full": False}


def _report(story: StoryRecord, metrics: list[tuple[str, str]], findings: list[Finding]) -> StoryReport:
    found = []
    for section, text in metrics:
        start = story.section_text(section).index(text)
        found.append(Metric(text=text, kind="count", section=section, start=start, end=start + len(text)))
    return StoryReport(engine=ENGINE, words={}, spoken_seconds=100.0, quantified=bool(found), metrics=found,
                       i_we={"i": 3, "we": 1}, findings=findings, score=70, title=story.title, story_id=story.id)


def fixed_stories() -> list[StoryRecord]:
    return [
        StoryRecord(
            id=1, title="Cutting checkout latency", status="ready",
            situation="Our checkout page took 4.2 seconds to load on mobile.",
            task="I owned the performance budget for the quarter.",
            action="I profiled the page, removed two blocking scripts and moved images to a CDN.\n"
                   "I reviewed every change with the team lead.",
            result="Load time fell to 1.8 seconds and conversion rose by 6%.",
            reflection="Measure first; guesses were wrong twice.",
            short_version="I cut checkout load time from 4.2 to 1.8 seconds.",
            cue_cards=["4.2 s to 1.8 s", "Two blocking scripts", "+6% conversion"],
            competencies=["ownership", "data-driven"], tags=["web"],
            questions=[LinkedQuestion(question_id=10, text="Tell me about a time you improved performance.")],
        ),
        StoryRecord(
            id=2, title="Settling a schema dispute", status="draft",
            situation="Two teams wanted different event schemas.",
            task="I had to get one schema agreed before the launch.",
            action="I wrote both proposals side by side and ran a one-hour review.",
            result="We shipped one schema a week early and saved 3 sprints of rework.",
            competencies=["conflict"], tags=[],
        ),
    ]


def fixed_data() -> DossierData:
    stories = fixed_stories()
    finding = Finding(code="we_heavy", severity="warning", section="action", start=0, end=1,
                      message="The action says 'we' more than 'I'.", suggestion="Say what you did.")
    reports = {1: _report(stories[0], [("situation", "4.2 seconds"), ("result", "1.8 seconds"), ("result", "6%")], []),
               2: _report(stories[1], [("result", "a week early"), ("result", "3 sprints")], [finding])}
    questions = [
        QuestionRecord(id=10, text="Tell me about a time you improved performance.", competencies=["ownership"],
                       story_ids=[1]),
        QuestionRecord(id=11, text="Describe a time you disagreed with a colleague.", competencies=["conflict"],
                       story_ids=[]),
    ]
    target = TargetInfo(company="Northwind", role="Backend Engineer", interview_at=datetime(2030, 3, 14, 10, 0),
                        interviewers="A. Example", notes="Two rounds.",
                        questions_to_ask=["What would my first project be?", "How do you review code?",
                                          "What does success look like after a year?"],
                        competencies={"ownership": 5, "conflict": 3})
    return DossierData(
        stories=stories, settings=Settings(user_name="Sam Tester", page_size="A4"),
        competency_names={"ownership": "Ownership", "conflict": "Conflict", "data-driven": "Data-driven decisions"},
        questions=questions, target=target, reports=reports,
        rehearsals={1: RehearsalFigures(runs=3, last_seconds=118, best_seconds=121, average_seconds=125,
                                        target_seconds=120)},
        generated_at=datetime(2030, 3, 9, 18, 0),
    )


@pytest.fixture
def data() -> DossierData:
    return fixed_data()
