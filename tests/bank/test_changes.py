"""Bank: every write says what it changed (a ChangeSet), once it has committed, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

from storybook.bank import ChangeSet, StoryBank


@pytest.fixture
def seen(bank: StoryBank) -> list[ChangeSet]:
    changes: list[ChangeSet] = []
    bank.changes.subscribe(changes.append)
    return changes


def test_story_writes_name_the_story_and_what_else_moved(bank: StoryBank, seen: list[ChangeSet]) -> None:
    story = bank.stories.create(title="Cut build time")
    assert seen[-1] == ChangeSet(stories=frozenset({story.id}), story_list=True)
    bank.stories.update(story.id, action="I profiled the slowest stages.")  # what an autosave does
    assert seen[-1] == ChangeSet(stories=frozenset({story.id}))
    assert not seen[-1].trash
    assert not seen[-1].story_list
    question = bank.questions.list()[0]
    bank.stories.link_question(story.id, question.id, "the angle")
    assert seen[-1].questions
    assert seen[-1].stories == {story.id}
    bank.stories.trash(story.id)
    assert seen[-1].trash
    assert seen[-1].story_list
    bank.stories.restore(story.id)
    assert seen[-1].trash
    bank.stories.purge(story.id)
    assert seen[-1].trash
    assert seen[-1].stories == {story.id}


def test_other_services_flag_their_part(bank: StoryBank, seen: list[ChangeSet]) -> None:
    bank.settings.update(pace_wpm=130.0)
    assert seen[-1] == ChangeSet(settings=True)
    assert seen[-1].pace_may_change
    bank.questions.add("Tell me about a time you changed your mind.")
    assert seen[-1] == ChangeSet(questions=True)
    target = bank.targets.create(company="Acme", role="Staff engineer")
    assert seen[-1] == ChangeSet(targets=True)
    bank.targets.delete(target.id)
    assert seen[-1] == ChangeSet(targets=True)
    story = bank.stories.create(title="Run")
    bank.rehearsals.record(story.id, [10, 5, 40, 10])
    assert seen[-1] == ChangeSet(rehearsals=True)
    assert seen[-1].pace_may_change


def test_a_failed_write_and_a_dry_run_say_nothing(bank: StoryBank, seen: list[ChangeSet], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pace"):
        bank.settings.update(pace_wpm=5.0)
    with pytest.raises(ValueError, match="Unknown competency"):
        bank.stories.create(title="x", competencies=["no-such-competency"])
    assert seen == []
    bank.stories.create(title="Exported")
    path = bank.transfer.export_json(tmp_path / "bank.json")
    seen.clear()
    bank.transfer.import_json(path, dry_run=True)
    assert seen == []
    bank.transfer.import_json(path, replace=True)
    assert seen == [ChangeSet.everything()]


def test_a_failing_listener_does_not_undo_the_write(bank: StoryBank) -> None:
    def broken(_change: ChangeSet) -> None:
        raise RuntimeError("listener bug")

    bank.changes.subscribe(broken)
    story = bank.stories.create(title="Still saved")
    assert bank.stories.get(story.id).title == "Still saved"
    bank.changes.unsubscribe(broken)


def test_change_sets_combine() -> None:
    both = ChangeSet(stories=frozenset({1})) | ChangeSet(stories=frozenset({2}), trash=True)
    assert both == ChangeSet(stories=frozenset({1, 2}), trash=True)
    assert ChangeSet().empty
    assert not both.empty


def test_trash_count_needs_no_records(bank: StoryBank) -> None:
    ids = [bank.stories.create(title=f"S{n}").id for n in range(3)]
    bank.stories.trash(ids[0])
    assert bank.stories.count() == 2
    assert bank.stories.count(trashed=True) == 1
