"""Bank: story use cases a user relies on (edit, tag, link, search, trash, duplicate, samples)."""

from __future__ import annotations

import pytest

from storybook.bank import StoryBank, StoryFilter
from storybook.store.errors import NotFoundError


def test_create_update_and_read_back(bank: StoryBank) -> None:
    story = bank.stories.create(title="Migration", situation="Old system.", status="draft")
    updated = bank.stories.update(story.id, action="I moved 40 services.", status="ready", cue_cards=["40 services", " "])
    assert updated.action == "I moved 40 services."
    assert updated.status == "ready"
    assert updated.cue_cards == ["40 services"]
    assert updated.updated_at >= story.updated_at
    assert bank.stories.get(story.id).situation == "Old system."


def test_unusual_text_survives_unchanged(bank: StoryBank) -> None:
    text = "Emoji 🚀, right-to-left مرحبا بالعالم, control \x07 chars, tab\tand newline\n" + "x" * 1_000_000
    story = bank.stories.create(title="Odd", action=text)
    assert bank.stories.get(story.id).action == text


def test_invalid_status_and_unknown_competency_are_refused(bank: StoryBank) -> None:
    story = bank.stories.create(title="S")
    with pytest.raises(ValueError, match="Status"):
        bank.stories.update(story.id, status="finished")
    with pytest.raises(ValueError, match="Unknown competency"):
        bank.stories.set_competencies(story.id, ["not-a-competency"])
    with pytest.raises(NotFoundError):
        bank.stories.get(99999)


def test_competencies_tags_and_filters(bank: StoryBank) -> None:
    a = bank.stories.create(title="Alpha outage", action="I restored the pipeline", competencies=["ownership"],
                            tags=["oncall"])
    b = bank.stories.create(title="Beta mentoring", result="Two juniors promoted", competencies=["mentoring"],
                            status="ready")
    bank.stories.tag_competency(b.id, "leadership")
    assert bank.stories.get(b.id).competencies == ["leadership", "mentoring"]
    assert [s.id for s in bank.stories.list(StoryFilter(competency="ownership"))] == [a.id]
    assert [s.id for s in bank.stories.list(StoryFilter(tag="ONCALL"))] == [a.id]
    assert [s.id for s in bank.stories.list(StoryFilter(status="ready"))] == [b.id]
    assert [s.id for s in bank.stories.list(StoryFilter(text="pipeline"))] == [a.id]
    assert [s.id for s in bank.stories.list(StoryFilter(text="juniors promoted"))] == [b.id]
    assert [s.title for s in bank.stories.list(StoryFilter(sort="title"))] == ["Alpha outage", "Beta mentoring"]
    assert bank.stories.all_tags() == ["oncall"]


def test_link_and_unlink_questions_with_a_note(bank: StoryBank) -> None:
    story = bank.stories.create(title="S")
    question = bank.questions.list(competency="conflict")[0]
    bank.stories.link_question(story.id, question.id, "how I handled the disagreement")
    linked = bank.stories.get(story.id).questions
    assert [(q.question_id, q.note) for q in linked] == [(question.id, "how I handled the disagreement")]
    assert bank.questions.get(question.id).story_ids == [story.id]
    bank.stories.unlink_question(story.id, question.id)
    assert bank.stories.get(story.id).questions == []


def test_trash_restore_and_purge(bank: StoryBank) -> None:
    story = bank.stories.create(title="Deleted by accident")
    bank.stories.trash(story.id)
    assert bank.stories.list() == []
    assert [s.id for s in bank.stories.list(StoryFilter(trashed=True))] == [story.id]
    bank.stories.restore(story.id)
    assert [s.id for s in bank.stories.list()] == [story.id]
    bank.stories.trash(story.id)
    assert bank.stories.empty_trash() == 1
    with pytest.raises(NotFoundError):
        bank.stories.get(story.id)


def test_duplicate_copies_text_links_and_starts_as_draft(bank: StoryBank) -> None:
    question = bank.questions.list()[0]
    story = bank.stories.create(title="Original", action="I did it", status="ready", competencies=["ownership"],
                                tags=["t"])
    bank.stories.link_question(story.id, question.id, "angle")
    copy = bank.stories.duplicate(story.id)
    assert copy.id != story.id
    assert copy.title == "Original (copy)"
    assert copy.action == "I did it"
    assert copy.status == "draft"
    assert copy.competencies == ["ownership"]
    assert copy.tags == ["t"]
    assert [(q.question_id, q.note) for q in copy.questions] == [(question.id, "angle")]


def test_samples_load_once(bank: StoryBank) -> None:
    added = bank.stories.load_samples()
    assert added >= 6
    assert bank.stories.load_samples() == 0
    stories = bank.stories.list()
    assert len(stories) == added
    assert len({c for s in stories for c in s.competencies}) >= 6
    assert any(s.questions for s in stories)


def test_questions_add_edit_hide(bank: StoryBank) -> None:
    custom = bank.questions.add("Tell me about a time you automated yourself out of a job.",
                                assesses="Initiative", key_points=["what", "impact"], competencies=["initiative"])
    assert custom.builtin is False
    assert custom.id in [q.id for q in bank.questions.list(competency="initiative")]
    bank.questions.edit(custom.id, key_points=["what", "impact", "lesson"])
    assert bank.questions.get(custom.id).key_points == ["what", "impact", "lesson"]
    builtin = bank.questions.list()[0]
    bank.questions.set_hidden(builtin.id, True)
    assert builtin.id not in [q.id for q in bank.questions.list()]
    assert builtin.id in [q.id for q in bank.questions.list(include_hidden=True)]
    with pytest.raises(ValueError, match="needs some text"):
        bank.questions.add("   ")
    with pytest.raises(ValueError, match="hidden but not deleted"):
        bank.questions.delete_custom(builtin.id)


def test_settings_round_trip_and_validation(bank: StoryBank) -> None:
    settings = bank.settings.update(pace_wpm=140, split=[20, 10, 55, 15], user_name="Ada")
    assert bank.settings.get() == settings
    assert bank.settings.get().split == (20, 10, 55, 15)
    with pytest.raises(ValueError, match="add"):
        bank.settings.update(split=[50, 50, 50, 50])
