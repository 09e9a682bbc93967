"""Each check fires on the flaw it names, places its finding in the text, and stays quiet otherwise."""

from __future__ import annotations

import dataclasses

import pytest

from storybook.analysis import Engine, analyze_story
from storybook.analysis.docs import StoryDocs
from storybook.analysis.wordlists import WordLists
from storybook.model.values import SECTIONS, Settings, StoryReport

SEVERITIES = {"info", "warning", "problem"}


def codes(report: StoryReport) -> list[str]:
    return [f.code for f in report.findings if f.code != "basic-engine"]


def assert_spans_valid(report: StoryReport, story: object) -> None:
    for f in report.findings:
        assert f.severity in SEVERITIES
        text = getattr(story, f.section, "") if f.section != "story" else ""
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.message
        assert f.suggestion


def test_good_story_has_no_findings_and_full_score(good_story, any_engine: Engine) -> None:
    story = good_story()
    report = analyze_story(story, Settings(pace_wpm=100), any_engine)  # 215 words: 2:09, in the band
    assert codes(report) == []
    assert report.score == 100
    assert report.rubric is not None
    assert report.rubric.total == 100
    quick = analyze_story(story, Settings(), any_engine)  # 1:26 at 150 wpm: a short version
    delivery = next(d for d in quick.rubric.dimensions if d.key == "delivery")
    assert quick.score == 98
    assert "short version" in delivery.reasons[0]
    assert report.quantified
    assert report.i_we == {"i": 7, "we": 0}
    assert report.words["total"] == sum(report.words[s] for s in SECTIONS)


def test_basic_engine_says_which_checks_it_skipped(good_story, basic_engine: Engine) -> None:
    passive = "The data was cleaned by the analysts. The report is written and the results are checked."
    report = analyze_story(good_story(action=good_story().action + " " + passive), Settings(), basic_engine)
    notes = [f for f in report.findings if f.code == "basic-engine"]
    assert len(notes) == 1
    assert "passive" in notes[0].message
    assert "passive-voice" not in codes(report)
    assert "tense" not in codes(report)
    assert report.score == analyze_story(good_story(), Settings(), basic_engine).score  # the note costs nothing


def test_missing_and_short_sections_are_problems(good_story, any_engine: Engine) -> None:
    story = good_story(task="", result="It worked.")
    report = analyze_story(story, Settings(), any_engine)
    missing = {f.section: f for f in report.findings if f.code == "missing-section"}
    assert set(missing) == {"task", "result"}
    assert missing["result"].severity == "problem"
    assert "2 words" in missing["result"].message
    assert "result-not-quantified" not in codes(report)  # the missing Result already says it
    assert_spans_valid(report, story)


def test_unmeasured_result_points_at_the_measure_in_the_action(good_story, any_engine: Engine) -> None:
    story = good_story(
        action=good_story().action + " Page loads became 3x faster.",
        result="The shoppers were happy again and the finance team relaxed before the weekend.",
    )
    report = analyze_story(story, Settings(), any_engine)
    finding = next(f for f in report.findings if f.code == "result-not-quantified")
    assert not report.quantified
    assert "3x" in finding.suggestion
    assert "Result" in finding.suggestion
    assert any(m.section == "action" and m.kind == "multiplier" for m in report.metrics)


def test_length_uses_the_pace_and_limits_from_settings(good_story, any_engine: Engine) -> None:
    story = good_story()  # 215 words: 86 s at 150 wpm
    assert "too-long" not in codes(analyze_story(story, Settings(), any_engine))
    slow = analyze_story(story, Settings(pace_wpm=60), any_engine)  # 215 s
    assert slow.spoken_seconds == pytest.approx(215.0)
    assert [f.severity for f in slow.findings if f.code == "too-long"] == ["warning"]
    fast = analyze_story(story, Settings(pace_wpm=240, short_seconds=60), any_engine)  # 54 s
    assert "too-short" in codes(fast)
    # 86 s inside a 1:00-3:00 band is on target: no note about the length at all
    near = analyze_story(story, Settings(target_seconds=60, limit_seconds=180), any_engine)
    assert near.length == "on target"
    assert not [f for f in near.findings if f.code in ("too-long", "too-short")]


def _length_message(story: object, settings: Settings, engine: Engine) -> str:
    (finding,) = [f for f in analyze_story(story, settings, engine).findings if f.code in ("too-long", "too-short")]
    return finding.message


def test_length_message_names_the_pace_and_where_it_came_from(good_story, bank, basic_engine: Engine) -> None:
    story = good_story(action=" ".join([good_story().action] * 4))  # about 3:15 at 150 wpm
    settings, source = bank.effective_settings()
    assert source == "default"
    assert "at the default 150 wpm" in _length_message(story, settings, basic_engine)

    bank.settings.update(pace_wpm=130.0)
    settings, source = bank.effective_settings()
    assert source == "settings"
    assert "at your set pace of 130 wpm" in _length_message(story, settings, basic_engine)

    bank.rehearsals.personal_pace = lambda: 112.0  # three recorded rehearsals measured it (see tests/rehearsal)
    settings, source = bank.effective_settings()
    assert source == "measured"
    message = _length_message(story, settings, basic_engine)
    assert "at your measured pace of 112 wpm" in message
    assert "default" not in message
    assert "pace_source" not in settings.to_dict()  # where the pace came from is never stored
    assert bank.settings.get().pace_source == "default"


def test_one_balance_finding_names_the_biggest_imbalance(good_story, any_engine: Engine) -> None:
    long_setup = " ".join([good_story().situation] * 5)
    story = good_story(situation=long_setup, action="I raised the timeout and rolled it out to everyone that night.")
    report = analyze_story(story, Settings(), any_engine)
    (balance,) = [f for f in report.findings if f.code == "balance"]
    assert balance.section == "situation"
    assert "Situation is" in balance.message
    assert not {"setup-too-long", "action-too-thin", "section-over-budget"} & set(codes(report))


def test_balance_follows_the_users_split(good_story, any_engine: Engine) -> None:
    story = good_story(situation=" ".join([good_story().situation] * 2))  # 56 of 243 words, 23%
    assert "balance" not in codes(analyze_story(story, Settings(), any_engine))
    tight = analyze_story(story, Settings(split=(5, 5, 85, 5)), any_engine)
    assert [f.section for f in tight.findings if f.code == "balance"] == ["situation"]


def test_a_lesson_in_the_result_is_never_told_to_go(good_story, any_engine: Engine) -> None:
    lesson = (
        " Looking back, it taught me to check the provider's change log first, and since then I always ask "
        "for a notice period in every payment contract we sign, which has already saved us two scares."
    )
    story = good_story(result=good_story().result + lesson * 2, reflection="")
    report = analyze_story(story, Settings(), any_engine)
    assert "balance" not in codes(report)
    assert "no-lesson" not in codes(report)
    reflection = next(d for d in report.rubric.dimensions if d.key == "reflection")
    assert reflection.points == 10
    assert "Result" in reflection.reasons[0]


def test_we_outnumbering_i_is_flagged_with_both_counts(good_story, any_engine: Engine) -> None:
    action = "We looked at the logs. We found the provider change and we fixed the timeout. I wrote the runbook."
    story = good_story(action=action)
    report = analyze_story(story, Settings(), any_engine)
    finding = next(f for f in report.findings if f.code == "we-not-i")
    assert report.i_we == {"i": 1, "we": 3}
    assert "3" in finding.message
    assert "1" in finding.message
    assert action[finding.start : finding.end] == "We"


def test_passive_voice_and_tense_on_the_full_engine(good_story, full_engine: Engine) -> None:
    action = (
        "The logs are pulled every morning. I check the dashboard and I call the provider. "
        "The timeout is raised and the change is rolled out. I write a runbook."
    )
    report = analyze_story(good_story(action=action), Settings(), full_engine)
    passive = [action[f.start : f.end] for f in report.findings if f.code == "passive-voice"]
    assert "are pulled" in passive
    assert "is raised" in passive
    assert "tense" in codes(report)
    assert "tense" not in codes(analyze_story(good_story(), Settings(), full_engine))


def test_hedges_and_vague_claims_are_placed_on_the_words(good_story, any_engine: Engine) -> None:
    action = (
        good_story().action
        + " I tried to help with the rollout and was involved in the review. Basically it went fine."
    )
    result = good_story().result + " Morale improved significantly. Speed improved dramatically, by 40%."
    story = good_story(action=action, result=result)
    report = analyze_story(story, Settings(), any_engine)
    flagged = {
        (f.code, story.section_text(f.section)[f.start : f.end]) for f in report.findings if f.section != "story"
    }
    assert {
        ("hedge", "tried to"),
        ("filler", "Basically"),
        ("vague-claim", "was involved in"),
        ("unmeasured-claim", "significantly"),
    } <= flagged
    assert ("unmeasured-claim", "dramatically") not in flagged  # a number sits in the same sentence


def test_long_sentence_is_flagged_and_bullets_are_not_one_sentence(good_story, any_engine: Engine) -> None:
    long_one = "I " + " ".join(["checked one more log file"] * 8) + "."
    bullets = "\n".join(f"- I checked log file number {n} and wrote down what it said" for n in range(8))
    story = good_story(action=good_story().action + " " + long_one + "\n" + bullets)
    report = analyze_story(story, Settings(), any_engine)
    spans = [story.action[f.start : f.end] for f in report.findings if f.code == "long-sentence"]
    assert spans == [long_one]


def test_placeholders(good_story, any_engine: Engine) -> None:
    situation = "At [Company] the checkout TODO was failing ??? for many shoppers. Lorem ipsum dolor."
    story = good_story(situation=situation, task=good_story().task + " My todo list was long.")
    report = analyze_story(story, Settings(), any_engine)
    found = [story.section_text(f.section)[f.start : f.end] for f in report.findings if f.code == "placeholder"]
    assert found == ["[Company]", "TODO", "???", "Lorem ipsum"]
    clean = analyze_story(good_story(), Settings(), any_engine)
    assert report.score <= clean.score - 10
    specificity = next(d for d in report.rubric.dimensions if d.key == "specificity")
    assert any("template text" in reason for reason in specificity.reasons)


def test_failure_story_without_reflection(good_story, any_engine: Engine) -> None:
    story = good_story(tags=["Failure"], reflection="")
    assert "no-learning" in codes(analyze_story(story, Settings(), any_engine))
    story = good_story(
        competencies=["failure-and-learning"],
        reflection="I now test with real traffic before every sale and warn finance early.",
    )
    assert "no-learning" not in codes(analyze_story(story, Settings(), any_engine))


def test_edited_word_list_is_used_without_restart(good_story, tmp_path, basic_engine: Engine) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "hedges.txt").write_text("# mine\nmore or less | Be exact.\n", encoding="utf-8")
    lists = WordLists(folder)
    story = good_story(action="I fixed it more or less on my own, and frankly it was hard.")
    docs = StoryDocs({s: basic_engine.parse(story.section_text(s)) for s in SECTIONS}, False, lists)
    from storybook.analysis.language import check_hedge

    assert [(f.start, f.suggestion) for f in check_hedge(docs, story, Settings())] == [(11, "Be exact.")]
    (folder / "hedges.txt").write_text("frankly\n", encoding="utf-8")
    import os

    os.utime(folder / "hedges.txt", (1, 1))  # a different mtime, as an edit would give
    assert [story.action[f.start : f.end] for f in check_hedge(docs, story, Settings())] == ["frankly"]


def test_findings_come_in_section_order(good_story, any_engine: Engine) -> None:
    story = good_story(situation="TODO", result="It went kind of well, I think.", tags=["mistake"])
    report = analyze_story(story, Settings(), any_engine)
    order = ["situation", "task", "action", "result", "reflection", "story"]
    positions = [order.index(f.section) for f in report.findings]
    assert positions == sorted(positions)
    assert_spans_valid(report, story)
    assert dataclasses.asdict(report.findings[0])  # plain data, ready for JSON
