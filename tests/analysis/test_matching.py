"""Matching: rankings, reasons, key-point coverage and the text cache (pure core, no database)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from storybook.analysis import Engine
from storybook.analysis.keypoints import short_label
from storybook.analysis.matching import Matcher
from storybook.model.values import CompetencyRecord, LinkedQuestion, QuestionRecord, StoryRecord
from storybook.paths import resources_dir


def _bank() -> tuple[list[QuestionRecord], list[CompetencyRecord]]:
    data = json.loads((resources_dir() / "questions.json").read_text(encoding="utf-8"))
    questions = [
        QuestionRecord(id=i + 1, key=q["key"], text=q["text"], assesses=q["assesses"], key_points=q["key_points"],
                       competencies=q["competencies"])
        for i, q in enumerate(data["questions"])
    ]
    comps = [CompetencyRecord(id=i + 1, **c) for i, c in enumerate(data["competencies"])]
    return questions, comps


@pytest.fixture(scope="module")
def matcher(full_engine: Engine) -> Matcher:
    questions, comps = _bank()
    return Matcher(full_engine, questions, comps)


CONFLICT = StoryRecord(
    id=1, title="Arguing about the release plan with the QA lead",
    situation="The QA lead and I disagreed sharply about whether to ship the billing release on Friday.",
    task="I owned the release and needed us to agree before the change window closed.",
    action="I asked her to walk me through her concern first and listened without arguing. Her worry was the "
    "untested refund path. I proposed that we compare the defect data from the last three releases, and it "
    "showed refunds broke twice. We agreed on a compromise: ship on Friday with refunds switched off.",
    result="The release went out on time with no incidents, and refunds followed a week later. We still plan "
    "releases together.",
)


def question_id(key: str) -> int:
    return int(key.split("-")[1])


def test_conflict_story_ranks_conflict_questions_first_with_reasons(matcher: Matcher) -> None:
    ranked = matcher.questions_for_story(CONFLICT, limit=5)
    top_competencies = {c for s in ranked for c in matcher.questions[s.id].competencies}
    assert "conflict" in top_competencies
    best = ranked[0]
    assert 0.0 <= best.score <= 1.0
    assert ranked == sorted(ranked, key=lambda s: -s.score)
    assert any(r.startswith("covers ") and "key points" in r for r in best.reasons)
    assert any(r.startswith("shares: ") for r in best.reasons)


def test_tag_adds_a_reason_and_raises_the_score(matcher: Matcher) -> None:
    qid = question_id("q-046")  # teamwork and communication: the text alone shows them only weakly
    plain = next(s for s in matcher.questions_for_story(CONFLICT) if s.id == qid)
    tagged_story = StoryRecord(**{**CONFLICT.__dict__, "competencies": ["teamwork"]})
    tagged = next(s for s in matcher.questions_for_story(tagged_story) if s.id == qid)
    assert tagged.score > plain.score
    assert "tagged Teamwork and collaboration" in tagged.reasons
    assert "tagged Teamwork and collaboration" not in plain.reasons


def test_linked_questions_are_marked(matcher: Matcher) -> None:
    story = StoryRecord(**{**CONFLICT.__dict__, "questions": [LinkedQuestion(question_id("q-013"), "x")]})
    marks = {s.id: s.linked for s in matcher.questions_for_story(story)}
    assert marks[question_id("q-013")] is True
    assert sum(marks.values()) == 1


def test_key_points_covered_with_evidence_from_the_story(matcher: Matcher) -> None:
    coverage = matcher.key_points(CONFLICT, question_id("q-012"))
    assert [k.text for k in coverage] == [s.text for s in matcher.questions[question_id("q-012")].specs]
    listen = coverage[0]  # "Listen to their concern first"
    assert listen.covered
    assert "concern" in listen.evidence
    for k in coverage:
        if k.covered:
            assert k.evidence.rstrip("…")[:30] in " ".join(CONFLICT.full_text().split())


def test_a_thin_story_misses_key_points(matcher: Matcher) -> None:
    thin = StoryRecord(id=2, title="A bug", situation="There was a bug.", task="", action="I fixed it.", result="")
    coverage = matcher.key_points(thin, question_id("q-022"))
    assert sum(k.covered for k in coverage) <= 2
    assert all(k.evidence == "" for k in coverage if not k.covered)


def test_stories_for_question_best_first_and_readiness_only_breaks_ties(matcher: Matcher) -> None:
    twin = StoryRecord(**{**CONFLICT.__dict__, "id": 3})
    other = StoryRecord(id=4, title="Faster nightly batch", situation="A report took nine hours to build.",
                        action="I profiled the job and cached the lookups.", result="It now runs in two hours.")
    ranked = matcher.stories_for_question(question_id("q-013"), [other, CONFLICT, twin], readiness={3: 1.0})
    assert [s.id for s in ranked][:2] == [3, 1]
    assert ranked[0].score - ranked[1].score < 0.05
    assert ranked[-1].id == 4


def test_competencies_for_story_suggest_from_the_text(matcher: Matcher) -> None:
    ranked = matcher.competencies_for_story(CONFLICT, limit=3)
    assert "conflict" in [s.id for s in ranked]
    conflict = next(s for s in ranked if s.id == "conflict")
    assert any("disagree" in r for r in conflict.reasons)
    assert conflict.label == "Conflict and disagreement"


def test_a_tag_lifts_its_competency(matcher: Matcher) -> None:
    plain = {s.id: s.score for s in matcher.competencies_for_story(CONFLICT)}
    tagged_story = StoryRecord(**{**CONFLICT.__dict__, "competencies": ["mentoring"]})
    tagged = {s.id: s for s in matcher.competencies_for_story(tagged_story)}
    assert tagged["mentoring"].score > plain["mentoring"]
    assert tagged["mentoring"].linked
    assert "tagged Mentoring and developing others" in tagged["mentoring"].reasons
    assert tagged["conflict"].score == plain["conflict"]


def test_features_are_cached_by_text(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    matcher.features.story(CONFLICT)
    calls: list[int] = []
    real = matcher.features.engine.pipe
    monkeypatch.setattr(matcher.features.engine, "pipe", lambda texts, **kw: calls.append(1) or real(texts, **kw))
    matcher.questions_for_story(CONFLICT)
    matcher.stories_for_question(1, [CONFLICT])
    assert calls == []
    matcher.questions_for_story(StoryRecord(**{**CONFLICT.__dict__, "result": "Changed."}))
    assert calls == [1]


def test_empty_and_odd_stories_do_not_crash(matcher: Matcher, good_story: Callable[..., StoryRecord]) -> None:
    for story in (StoryRecord(id=9), good_story(action="🙂 \u202e" * 50, title="")):
        ranked = matcher.questions_for_story(story, limit=3)
        assert len(ranked) == 3
        assert all(0.0 <= s.score <= 1.0 for s in ranked)


def test_basic_engine_still_ranks(basic_engine: Engine) -> None:
    questions, comps = _bank()
    ranked = Matcher(basic_engine, questions, comps).questions_for_story(CONFLICT, limit=5)
    assert any("conflict" in q.competencies for q in questions if q.id in {s.id for s in ranked})


@pytest.mark.parametrize(("text", "label"), [
    ("How you set the goal and the plan", "set the goal and the plan"),
    ("The measured outcome", "measured outcome"),
    ("When and how you told people", "told people"),
])
def test_short_labels(text: str, label: str) -> None:
    assert short_label(text) == label


def test_a_question_outside_the_bank_is_read_on_the_fly(matcher: Matcher) -> None:
    hidden = QuestionRecord(id=999, text="Describe a disagreement with a QA lead about a release.",
                            key_points=["What you disagreed about", "The compromise"], competencies=["conflict"])
    ranked = matcher.stories_for_question(hidden, [CONFLICT, StoryRecord(id=5, title="Other", action="I cooked.")])
    assert [s.id for s in ranked] == [1, 5]
    assert [k.text for k in ranked[0].key_points] == hidden.key_points
    with pytest.raises(KeyError):
        matcher.stories_for_question(12345, [CONFLICT])


def _measured_outcome(matcher: Matcher, story: StoryRecord) -> bool:
    question = next(q for q in _bank()[0] if "The measured outcome" in q.key_points)
    points = matcher.key_points(story, question.id)
    return next(p for p in points if p.text == "The measured outcome").covered


def test_a_measured_outcome_needs_a_measure_not_any_number_word(matcher: Matcher) -> None:
    plan_only = StoryRecord(id=7, title="Leading the warehouse app rewrite",
                            action="I wrote a one-page plan with three milestones for the rewrite.",
                            result="We shipped the new app and the team liked it.")
    assert not _measured_outcome(matcher, plan_only)
    measured = StoryRecord(id=8, title="Leading the warehouse app rewrite",
                           action="I wrote a one-page plan with three milestones for the rewrite.",
                           result="Picking errors fell from 4% to under 1% within three months.")
    assert _measured_outcome(matcher, measured)
    in_words = StoryRecord(id=9, title="Leading the warehouse app rewrite",
                           action="I wrote a one-page plan with three milestones for the rewrite.",
                           result="We cut the weekly close from five days to two days.")
    assert _measured_outcome(matcher, in_words)
