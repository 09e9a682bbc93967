"""Bank: a story started from a question, and a drafted short version that never replaces the user's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storybook.bank import ChangeSet, NotFoundError, StoryBank
from storybook.bank.short_drafts import ShortVersionEditedError

STORY = {
    "title": "Cutting the nightly build",
    "situation": "Our nightly build took three hours and often failed. Nobody trusted it any more.",
    "task": "I owned the build system and had to make it fast and reliable.",
    "action": ("I profiled every stage and found that tests ran one after another. I decided to split the tests "
               "into eight parallel shards. I replaced the shared database with one container per shard. "
               "I wrote a dashboard that showed each shard's time. I asked the teams to fix their slowest tests."),
    "result": "The build fell from 3 hours to 40 minutes, and failures dropped by 75%.",
}


def test_create_for_question_links_ticks_and_tells_once(bank: StoryBank) -> None:
    question = next(q for q in bank.questions.list() if len(q.competencies) >= 2)
    seen: list[ChangeSet] = []
    bank.changes.subscribe(seen.append)
    record = bank.stories.create_for_question(question.id)
    assert [q.question_id for q in record.questions] == [question.id]
    assert record.competencies == sorted(question.competencies)
    assert record.status == "draft"
    assert record.title == ""
    assert record.situation == record.action == ""  # key points are prompts, never text
    assert len(seen) == 1
    assert record.id in seen[0].stories
    assert seen[0].story_list
    assert seen[0].questions
    assert record.id in bank.questions.get(question.id).story_ids


def test_create_for_an_unknown_question_adds_nothing(bank: StoryBank) -> None:
    before = bank.stories.count()
    with pytest.raises(NotFoundError):
        bank.stories.create_for_question(99_999)
    assert bank.stories.count() == before


def test_an_empty_short_version_is_drafted_and_an_untouched_draft_redrafted(bank: StoryBank) -> None:
    story = bank.stories.create(**STORY)
    settings = bank.settings.get()
    draft = bank.short_drafts.write(story.id, settings)
    stored = bank.stories.get(story.id).short_version
    assert stored == draft.text
    assert "40 minutes" in stored
    assert bank.short_drafts.is_untouched_draft(story.id, stored)
    bank.stories.update(story.id, result=STORY["result"] + " The team now ships daily, 5 times a week.")
    again = bank.short_drafts.write(story.id, settings)  # still untouched: may be replaced
    assert bank.stories.get(story.id).short_version == again.text


def test_a_short_version_the_user_edited_is_never_overwritten(bank: StoryBank) -> None:
    story = bank.stories.create(**STORY)
    settings = bank.settings.get()
    draft = bank.short_drafts.write(story.id, settings)
    mine = draft.text + " I would do it again."
    bank.stories.update(story.id, short_version=mine)
    with pytest.raises(ShortVersionEditedError, match="not replaced"):
        bank.short_drafts.write(story.id, settings)
    assert bank.stories.get(story.id).short_version == mine


def test_a_short_version_written_by_hand_is_never_overwritten(bank: StoryBank) -> None:
    story = bank.stories.create(**STORY, short_version="My own minute, in my words.")
    with pytest.raises(ShortVersionEditedError):
        bank.short_drafts.write(story.id, bank.settings.get())
    assert bank.stories.get(story.id).short_version == "My own minute, in my words."


def test_the_cli_prints_writes_and_refuses(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    with StoryBank.open(db) as bank:
        story_id = bank.stories.create(**STORY).id

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "storybook", "--db", str(db), *args], capture_output=True,
                              text=True, timeout=120, env={**os.environ})

    shown = run("draft-short", str(story_id))
    assert shown.returncode == 0, shown.stderr
    assert "40 minutes" in shown.stdout
    assert "not stored" in shown.stdout
    written = run("draft-short", str(story_id), "--write", "--json")
    assert written.returncode == 0, written.stderr
    data = json.loads(written.stdout)
    assert data["written"]
    assert "40 minutes" in data["text"]
    assert data["words"] > 20
    with StoryBank.open(db) as bank:
        assert bank.stories.get(story_id).short_version == data["text"]
        bank.stories.update(story_id, short_version="Mine now.")
    refused = run("draft-short", str(story_id), "--write")
    assert refused.returncode == 1
    assert "not replaced" in refused.stderr
    missing = run("draft-short", "4242")
    assert missing.returncode == 1
    assert "no story 4242" in missing.stderr
