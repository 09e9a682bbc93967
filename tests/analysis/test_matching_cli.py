"""Matching through the bank facade and ``storybook suggest`` (real subprocess, JSON contract)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from storybook.analysis import Engine
from storybook.bank import StoryBank


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storybook", *args], capture_output=True, text=True, timeout=180)


def test_bank_suggestions_never_change_links(sample_bank: StoryBank, full_engine: Engine) -> None:
    story = sample_bank.stories.list()[0]
    before = (sorted(story.competencies), sorted(q.question_id for q in story.questions))
    found = sample_bank.matching.for_story(story.id, full_engine, limit=98)
    assert len(found.questions) == 98
    linked = {q.question_id for q in story.questions}
    assert {s.id for s in found.questions if s.linked} == linked
    assert {s.id for s in found.competencies if s.linked} == set(story.competencies)
    again = sample_bank.stories.get(story.id)
    assert (sorted(again.competencies), sorted(q.question_id for q in again.questions)) == before


def test_bank_question_ranking_finds_the_linked_sample(sample_bank: StoryBank, full_engine: Engine) -> None:
    question = next(q for q in sample_bank.questions.list() if q.key == "q-013")
    ranked = sample_bank.matching.for_question(question.id, full_engine, limit=3).stories
    assert ranked[0].linked
    assert ranked[0].label.startswith("Stopping a data engineer")
    coverage = sample_bank.matching.linked_coverage(sample_bank.stories.get(ranked[0].id), full_engine)
    assert question.id in coverage
    assert all(k.evidence for k in coverage[question.id] if k.covered)


def test_matcher_is_rebuilt_when_the_question_bank_changes(sample_bank: StoryBank, full_engine: Engine) -> None:
    first = sample_bank.matching.matcher(full_engine)
    assert sample_bank.matching.matcher(full_engine) is first
    added = sample_bank.questions.add("Tell me about a time you rescued a failing vendor relationship.",
                                      key_points=["What went wrong with the vendor"], competencies=["conflict"])
    second = sample_bank.matching.matcher(full_engine)
    assert second is not first
    assert added.id in second.questions


def test_cli_story_contract(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    assert run("--db", db, "sample").returncode == 0
    stories = json.loads(run("--db", db, "stories", "--json").stdout)
    story = stories[0]
    out = run("--db", db, "suggest", "--story", str(story["id"]), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"story", "competencies", "questions"}
    assert data["story"] == story["id"]
    assert len(data["questions"]) == 5
    assert len(data["competencies"]) == 5
    for c in data["competencies"]:
        assert set(c) == {"key", "score", "reasons", "linked"}
    scores = [q["score"] for q in data["questions"]]
    assert scores == sorted(scores, reverse=True)
    for q in data["questions"]:
        assert {"id", "text", "score", "reasons", "key_points", "linked"} <= set(q)
        assert 0 <= q["score"] <= 1
        assert q["reasons"]
        for k in q["key_points"]:
            assert set(k) == {"text", "covered", "evidence"}
    assert any(q["linked"] for q in data["questions"])  # a sample story's own question ranks in its top 5
    text = run("--db", db, "suggest", "--story", str(story["id"]), "--limit", "2")
    assert text.returncode == 0
    assert story["title"] in text.stdout


def test_cli_question_contract_and_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    run("--db", db, "sample")
    questions = json.loads(run("--db", db, "questions", "--json").stdout)
    qid = next(q["id"] for q in questions if q["text"].startswith("Describe a conflict with a colleague"))
    data = json.loads(run("--db", db, "suggest", "--question", str(qid), "--limit", "3", "--json").stdout)
    assert data["question"]["id"] == qid
    assert len(data["stories"]) == 3
    assert {"id", "title", "score", "reasons", "key_points", "linked"} <= set(data["stories"][0])
    assert data["stories"][0]["linked"] is True
    missing = run("--db", db, "suggest", "--story", "9999", "--json")
    assert missing.returncode == 1
    assert "no story 9999" in missing.stderr
    assert run("--db", db, "suggest", "--story", "1", "--question", "1").returncode == 2
    assert run("--db", db, "suggest", "--story", "1", "--limit", "0").returncode == 2


def test_a_hidden_question_still_ranks_stories(sample_bank: StoryBank, full_engine: Engine) -> None:
    question = next(q for q in sample_bank.questions.list() if q.key == "q-013")
    sample_bank.questions.set_hidden(question.id)
    ranked = sample_bank.matching.for_question(question.id, full_engine, limit=2).stories
    assert ranked[0].label.startswith("Stopping a data engineer")
