"""Store: the question bank seeds once, and a newer bank keeps the user's edits, hides and links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.store import seed
from storybook.store.seed import load_bank_file


def test_builtin_bank_is_large_and_complete(bank: StoryBank) -> None:
    competencies = bank.questions.competencies()
    questions = bank.questions.list()
    assert len(competencies) >= 15
    assert len(questions) >= 80
    for q in questions:
        assert q.assesses.strip(), q.text
        assert 2 <= len(q.key_points) <= 4, q.text
        assert q.competencies, q.text
    for c in competencies:
        assert c.description.strip()
        assert bank.questions.list(competency=c.key), f"no question probes {c.key}"


def test_reopening_does_not_duplicate_questions(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        first = len(bank.questions.list(include_hidden=True))
    with StoryBank.open(db_path) as bank:
        assert len(bank.questions.list(include_hidden=True)) == first


def test_newer_bank_adds_questions_and_keeps_user_changes(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with StoryBank.open(db_path) as bank:
        questions = bank.questions.list()
        edited, hidden, linked = questions[0], questions[1], questions[2]
        bank.questions.edit(edited.id, text="My own wording of this question")
        bank.questions.set_hidden(hidden.id, True)
        story = bank.stories.create(title="Linked story")
        bank.stories.link_question(story.id, linked.id, "the angle")
        count = len(bank.questions.list(include_hidden=True))

    newer = load_bank_file()
    newer["version"] = int(newer["version"]) + 1
    for item in newer["questions"]:
        item["text"] = item["text"] + " (reworded)"
    newer["questions"].append(
        {"key": "q-new-test", "text": "Tell me about a brand new thing.", "competencies": ["leadership"],
         "assesses": "Novelty.", "key_points": ["one", "two"]}
    )
    monkeypatch.setattr(seed, "load_bank_file", lambda path=None: json.loads(json.dumps(newer)))
    monkeypatch.setattr("storybook.bank.core.load_bank_file", lambda path=None: json.loads(json.dumps(newer)))

    with StoryBank.open(db_path) as bank:
        everything = {q.id: q for q in bank.questions.list(include_hidden=True)}
        assert len(everything) == count + 1
        assert everything[edited.id].text == "My own wording of this question"
        assert everything[hidden.id].hidden is True
        assert everything[linked.id].story_ids == [story.id]
        assert everything[linked.id].text.endswith("(reworded)")
        assert any(q.text == "Tell me about a brand new thing." for q in everything.values())
