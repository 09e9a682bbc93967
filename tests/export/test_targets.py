"""Bank: interview targets (questions picked or typed, weighted competencies, stories, questions to ask)."""

from __future__ import annotations

from datetime import datetime

import pytest

from storybook.bank import StoryBank
from storybook.export.dates import countdown_text
from storybook.store.errors import NotFoundError


def test_create_edit_list_and_delete(sample_bank: StoryBank) -> None:
    stories = sample_bank.stories.list()
    before = len(sample_bank.questions.list())
    target = sample_bank.targets.create(
        "Northwind", "Data Scientist", interview_at="2031-05-06 09:30", interviewers="Ana, Ben",
        questions=[1, "Why do you want to work here?", " why do you want to work HERE? "],
        competencies={"leadership": 5, "data-driven": 2}, story_ids=[stories[0].id, stories[1].id],
        questions_to_ask=["What is hard here?", "How is success judged?", "  ", "What would I own?"])
    assert target.interview_at == datetime(2031, 5, 6, 9, 30)
    assert [q.id for q in target.questions][0] == 1
    typed = target.questions[1]
    assert typed.text == "Why do you want to work here?"
    assert not typed.builtin
    assert len(target.questions) == 2  # the same wording is not added twice
    assert len(sample_bank.questions.list()) == before + 1
    assert target.competencies == {"leadership": 5, "data-driven": 2}
    assert target.story_ids == sorted([stories[0].id, stories[1].id])
    assert target.questions_to_ask == ["What is hard here?", "How is success judged?", "What would I own?"]

    updated = sample_bank.targets.set_competencies(target.id, ["ownership"])
    assert updated.competencies == {"ownership": 3}
    sample_bank.targets.update(target.id, role="Senior Data Scientist", interview_at=None)
    again = sample_bank.targets.get(target.id)
    assert again.role == "Senior Data Scientist"
    assert again.interview_at is None
    assert again.countdown() == "No date set"

    other = sample_bank.targets.create("Contoso", interview_at=datetime(2031, 1, 1))
    assert [t.id for t in sample_bank.targets.list()] == [other.id, target.id]  # dated first
    sample_bank.targets.delete(target.id)
    assert [t.id for t in sample_bank.targets.list()] == [other.id]
    with pytest.raises(NotFoundError):
        sample_bank.targets.get(target.id)


@pytest.mark.parametrize(("fields", "message"), [
    ({"questions_to_ask": [f"q{i}?" for i in range(6)]}, "5 at most"),
    ({"competencies": {"leadership": 9}}, "from 1 to 5"),
    ({"competencies": {"nope": 3}}, "Unknown competency"),
    ({"interview_at": "next tuesday"}, "not a date"),
    ({"story_ids": [9999]}, "no story 9999"),
    ({"questions": [9999]}, "no question 9999"),
    ({"colour": "red"}, "Unknown target field"),
])
def test_bad_input_gives_a_clear_message_and_no_target(bank: StoryBank, fields: dict, message: str) -> None:
    with pytest.raises((ValueError, NotFoundError), match=message):
        bank.targets.create("Acme", "Engineer", **fields)
    assert bank.targets.list() == []


def test_a_target_needs_a_name_and_keeps_odd_text(bank: StoryBank) -> None:
    with pytest.raises(ValueError, match="company or a role"):
        bank.targets.create("  ", "")
    target = bank.targets.create("شركة\x00 😀", "x" * 10_000, notes="line\x07" * 1000)
    assert target.company == "شركة 😀"
    assert len(target.role) == 500


def test_find_by_number_company_or_prefix(bank: StoryBank) -> None:
    a = bank.targets.create("Acme", "Engineer")
    b = bank.targets.create("Acme", "Manager")
    c = bank.targets.create("Globex", "Analyst")
    assert bank.targets.find(str(c.id)).id == c.id
    assert bank.targets.find("globex").id == c.id
    assert bank.targets.find("acme manager").id == b.id
    assert bank.targets.find("Acme \u2014 Engineer").id == a.id
    with pytest.raises(ValueError, match="several targets"):
        bank.targets.find("acme")
    with pytest.raises(NotFoundError, match="no target called"):
        bank.targets.find("Initech")


@pytest.mark.parametrize(("when", "text"), [
    (datetime(2030, 3, 14, 9), "5 days to go"), (datetime(2030, 3, 10, 1), "Tomorrow"),
    (datetime(2030, 3, 9, 23), "Today"), (datetime(2030, 3, 8), "Yesterday"), (datetime(2030, 3, 1), "8 days ago"),
    (None, "No date set"),
])
def test_countdown(when: datetime | None, text: str) -> None:
    assert countdown_text(when, now=datetime(2030, 3, 9, 18)) == text


def test_dossier_data_for_a_target_uses_its_stories_and_rehearsals(sample_bank: StoryBank) -> None:
    stories = sample_bank.stories.list()
    chosen = [stories[0].id, stories[2].id]
    target = sample_bank.targets.create("Northwind", "Lead", story_ids=chosen, questions=[1, 2],
                                        competencies={"leadership": 4})
    sample_bank.rehearsals.record(stories[0].id, [20, 10, 70, 20], target_seconds=120)
    sample_bank.rehearsals.record(stories[0].id, [20, 10, 80, 20], target_seconds=120)
    data = sample_bank.targets.dossier_data(target.id)
    assert sorted(s.id for s in data.stories) == sorted(chosen)
    assert [q.id for q in data.questions] == [1, 2]
    assert data.target.label == "Northwind \u2014 Lead"
    assert data.target.competencies == {"leadership": 4}
    figures = data.rehearsals[stories[0].id]
    assert (figures.runs, figures.last_seconds, figures.average_seconds) == (2, 130, 125)
    whole = sample_bank.targets.dossier_data(None)
    assert len(whole.stories) == len(stories)
    assert whole.target is None
    assert whole.questions
    assert all(q.story_ids for q in whole.questions)
    assert whole.unlinked_questions > 0


def test_list_puts_coming_interviews_first_and_past_ones_last(bank: StoryBank) -> None:
    now = datetime(2031, 3, 10, 12, 0)
    past = bank.targets.create("Fabrikam", interview_at=datetime(2031, 3, 7, 9, 0))
    older = bank.targets.create("Adatum", interview_at=datetime(2031, 2, 1, 9, 0))
    undated = bank.targets.create("Litware")
    later = bank.targets.create("Northwind", interview_at=datetime(2031, 3, 15, 9, 0))
    this_morning = bank.targets.create("Contoso", interview_at=datetime(2031, 3, 10, 8, 0))
    order = [t.id for t in bank.targets.list(now)]
    assert order == [this_morning.id, later.id, undated.id, past.id, older.id]
