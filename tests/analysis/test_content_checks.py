"""The content checks on real-style answers: lesson anywhere, own goal, tied result, bullets, jargon, filler."""

from __future__ import annotations

from storybook.analysis import Engine, analyze_story
from storybook.analysis.inputs import parse_stories
from storybook.analysis.language import count_i_we
from storybook.model.values import Settings, StoryReport


def found(report: StoryReport, code: str) -> list[str]:
    return [f.message for f in report.findings if f.code == code]


def test_a_lesson_is_recognised_wherever_it_is_written(good_story, any_engine: Engine) -> None:
    for lesson in (
        " That week taught me to read the provider's change log first.",
        " Next time I would set up the alert before the sale, not after.",
        " Since then we always ask for a notice period in payment contracts.",
    ):
        story = good_story(result=good_story().result + lesson, reflection="", tags=["failure"])
        report = analyze_story(story, Settings(), any_engine)
        assert not found(report, "no-learning"), lesson
        assert not found(report, "no-lesson"), lesson


def test_a_missing_lesson_is_a_problem_only_for_failure_stories(good_story, any_engine: Engine) -> None:
    plain = analyze_story(good_story(reflection=""), Settings(), any_engine)
    assert [f.severity for f in plain.findings if f.code == "no-lesson"] == ["info"]
    assert not found(plain, "no-learning")
    failed = analyze_story(good_story(reflection="", competencies=["failure-and-learning"]), Settings(), any_engine)
    assert [f.severity for f in failed.findings if f.code == "no-learning"] == ["problem"]
    reflection = next(d for d in failed.rubric.dimensions if d.key == "reflection")
    assert reflection.points == 0
    assert "failure story" in reflection.reasons[0]


def test_markdown_front_matter_tags_make_a_failure_story(any_engine: Engine) -> None:
    text = (
        "---\ntags: [failure, launch]\n---\n# Late invoice export\n## Situation\nOur invoice export broke for "
        "forty customers the week before the tax deadline.\n## Task\nI owned the exporter and had to get every "
        "customer filing on time.\n## Action\nI called the five biggest customers, shipped a fix the same day "
        "and wrote a re-import guide.\n## Result\nAll forty customers filed on time, but one of them left us.\n"
    )
    (story,), _ = parse_stories(text)
    assert story.tags == ["failure", "launch"]
    assert found(analyze_story(story, Settings(), any_engine), "no-learning")


def test_a_task_that_repeats_the_situation_or_has_no_goal(good_story, any_engine: Engine) -> None:
    story = good_story(
        situation="The support team was overloaded with tickets and the backlog was growing every week.",
        task="The support team was overloaded with tickets and the backlog kept growing, so something had to change.",
    )
    report = analyze_story(story, Settings(), any_engine)
    assert found(report, "task-restates-situation")
    structure = next(d for d in report.rubric.dimensions if d.key == "structure")
    assert any("repeats the Situation" in r for r in structure.reasons)
    no_goal = analyze_story(good_story(task="The finance director wanted the failures gone."), Settings(), any_engine)
    assert found(no_goal, "task-no-goal")
    assert not found(analyze_story(good_story(), Settings(), any_engine), "task-no-goal")


def test_unmeasured_claims_say_which_measure_would_prove_them(good_story, any_engine: Engine) -> None:
    result = "Revenue saw a significant increase. Support tickets were greatly reduced. Pages got much faster."
    report = analyze_story(good_story(result=result), Settings(), any_engine)
    claims = [f for f in report.findings if f.code == "unmeasured-claim"]
    assert [result[f.start : f.end] for f in claims] == ["significant increase", "greatly", "much faster"]
    assert "money" in claims[0].suggestion
    assert "count" in claims[1].suggestion
    assert "time" in claims[2].suggestion
    assert all(f.severity == "warning" for f in claims)


def test_a_measured_result_that_is_not_the_candidates_doing(good_story, any_engine: Engine) -> None:
    story = good_story(
        situation="Our company was growing fast and the engineering department doubled in a year.",
        task="I was asked to help the recruiters keep up.",
        action="I was involved in the hiring process and helped with interviews. I also ran onboarding sessions.",
        result="The company's revenue grew by 60% that year.",
    )
    report = analyze_story(story, Settings(), any_engine)
    (message,) = found(report, "result-not-tied")
    assert "60%" in message
    impact = next(d for d in report.rubric.dimensions if d.key == "impact")
    assert any("mentions nothing the Action did" in r for r in impact.reasons)
    assert not found(analyze_story(good_story(), Settings(), any_engine), "result-not-tied")


def test_subjectless_resume_bullets_prompt_to_say_i(good_story, any_engine: Engine) -> None:
    action = (
        "- Led migration of the payment services to the new provider\n"
        "- Built a replay tool for failed payments\n"
        "- Wrote the runbook for the on-call engineers"
    )
    report = analyze_story(good_story(action=action), Settings(), any_engine)
    (finding,) = [f for f in report.findings if f.code == "subjectless-bullets"]
    assert "3 Action lines" in finding.message
    assert action[finding.start : finding.end].startswith("Led migration")
    assert "\u201cI\u201d" in finding.suggestion
    said = good_story(action=action.replace("- Led", "- I led").replace("- Built", "- I built").replace("- Wrote", "- I wrote"))
    assert not found(analyze_story(said, Settings(), any_engine), "subjectless-bullets")


def test_throat_clearing_and_filler_but_actually_is_fine(good_story, any_engine: Engine) -> None:
    situation = "So, great question. " + good_story().situation
    action = good_story().action + " Basically the provider had actually changed its timeout, you know."
    story = good_story(situation=situation, action=action)
    report = analyze_story(story, Settings(), any_engine)
    spans = {(f.section, story.section_text(f.section)[f.start : f.end]) for f in report.findings if f.code == "filler"}
    assert ("situation", "So, great question.") in spans
    assert ("action", "Basically") in spans
    assert ("action", "you know") in spans
    flagged = {story.section_text(f.section)[f.start : f.end].lower() for f in report.findings if f.section != "story"}
    assert "actually" not in flagged
    delivery = next(d for d in report.rubric.dimensions if d.key == "delivery")
    assert any("filler" in r for r in delivery.reasons)


def test_jargon_counts_acronyms_and_the_unexplained_ones(good_story, any_engine: Engine) -> None:
    action = (
        "I checked the SLO dashboard (service level objective) and the PSP logs, then raised the TTL in the GW "
        "config. I told the CSM team, the BU lead and the TPM, and wrote up the RCA in our KB for the API and "
        "SQL owners."
    )
    report = analyze_story(good_story(action=action), Settings(), any_engine)
    (message,) = found(report, "jargon")
    assert message.startswith("11 acronyms, 7 never explained")
    assert "PSP" in message
    assert "SLO" not in message.split("(")[1]
    assert not found(analyze_story(good_story(), Settings(), any_engine), "jargon")


def test_a_job_title_i_is_not_the_speaker(any_engine: Engine) -> None:
    text = "As an SDE I at a retailer I rebuilt the cart. Later, as Engineer I, I led the pricing work."
    assert count_i_we(any_engine.parse(text), any_engine.full) == {"i": 2, "we": 0}


def test_passive_voice_only_where_it_hides_who_acted(good_story, full_engine: Engine) -> None:
    action = (
        "The fix was deployed on Friday. I was asked to lead the review. The plan was approved by the director. "
        "I rolled the change out after it was tested by QA."
    )
    report = analyze_story(good_story(action=action), Settings(), full_engine)
    passive = [action[f.start : f.end] for f in report.findings if f.code == "passive-voice"]
    assert passive == ["was deployed"]
