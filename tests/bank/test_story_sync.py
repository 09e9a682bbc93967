"""Bank: the conflict rules, the back-off schedule and the checked save of a story edited in two places."""

from __future__ import annotations

import sqlite3

import pytest

from storybook.bank import StoryBank
from storybook.bank.story_sync import (
    CONFLICT_SUFFIX,
    DatabaseBusyError,
    Decision,
    decide,
    retry_delay_ms,
    save_checked,
    snapshot,
)

BASE = {"title": "T", "action": "base", "competencies": ["b", "a"], "tags": []}


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (None, BASE, Decision.NOTHING),  # nobody changed anything
        (None, {**BASE, "action": "theirs"}, Decision.RELOAD),  # only they changed it
        ({**BASE, "action": "mine"}, BASE, Decision.SAVE),  # only the user changed it
        ({**BASE, "action": "mine"}, {**BASE, "action": "theirs"}, Decision.CONFLICT),
        ({**BASE, "action": "same"}, {**BASE, "action": "same"}, Decision.NOTHING),  # the same change twice
        (BASE, {**BASE, "action": "theirs"}, Decision.RELOAD),  # typed and undone: their version wins
        ({**BASE, "competencies": ["a", "b"]}, BASE, Decision.NOTHING),  # order of chips is not a change
    ],
)
def test_decide(mine, theirs, expected) -> None:  # noqa: ANN001
    assert decide(snapshot(BASE), snapshot(mine) if mine is not None else None, snapshot(theirs)) is expected


def test_back_off_doubles_then_stays() -> None:
    delays = [retry_delay_ms(n) for n in range(1, 9)]
    assert delays[:5] == [250, 500, 1000, 2000, 4000]
    assert delays[5:] == [4000, 4000, 4000]
    assert all(a <= b for a, b in zip(delays, delays[1:], strict=False))


def test_checked_save_keeps_the_other_version_as_a_copy(bank: StoryBank) -> None:
    base = bank.stories.create(title="Launch", action="first", competencies=["leadership"])
    bank.stories.update(base.id, action="changed by an import")  # someone else, after the editor loaded it
    outcome = save_checked(bank, base.id, {"title": "Launch", "action": "typed by the user"}, base)
    assert outcome.decision is Decision.CONFLICT
    stored = {s.title: s for s in bank.stories.list()}
    assert stored["Launch"].action == "typed by the user"
    assert stored["Launch" + CONFLICT_SUFFIX].action == "changed by an import"
    assert stored["Launch" + CONFLICT_SUFFIX].competencies == ["leadership"]


def test_checked_save_does_not_overwrite_when_the_user_changed_nothing(bank: StoryBank) -> None:
    base = bank.stories.create(title="Launch", action="first")
    bank.stories.update(base.id, action="newer elsewhere")
    outcome = save_checked(bank, base.id, {"title": "Launch", "action": "first"}, base)
    assert outcome.decision is Decision.RELOAD
    assert outcome.record.action == "newer elsewhere"
    assert bank.stories.get(base.id).action == "newer elsewhere"


def test_checked_save_recreates_a_story_deleted_elsewhere(bank: StoryBank) -> None:
    base = bank.stories.create(title="Gone", action="first")
    bank.stories.purge(base.id)
    outcome = save_checked(bank, base.id, {"title": "Gone", "action": "kept"}, base)
    assert outcome.recreated
    assert [s.action for s in bank.stories.list() if s.title == "Gone"] == ["kept"]


def test_checked_save_meeting_a_lock_raises_busy_quickly_and_keeps_nothing_half_written(bank: StoryBank) -> None:
    base = bank.stories.create(title="Locked", action="first")
    other = sqlite3.connect(bank.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError):
            save_checked(bank, base.id, {"title": "Locked", "action": "second"}, base, wait_ms=50)
    finally:
        other.execute("COMMIT")
        other.close()
    assert bank.stories.get(base.id).action == "first"
    assert save_checked(bank, base.id, {"title": "Locked", "action": "second"}, base).record.action == "second"
