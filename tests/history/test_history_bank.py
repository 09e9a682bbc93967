"""Story history in the bank: when snapshots are taken, restore, thinning, purge and empty."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storybook.bank import NotFoundError, StoryBank
from storybook.bank.snapshots import SNAPSHOT_FIELDS, Reason, thin_ids
from storybook.bank.stories import TEXT_FIELDS
from storybook.bank.story_sync import save_checked


def _pretend_old(bank: StoryBank, story_id: int, minutes: int) -> None:
    from storybook.bank.snapshots import now_utc

    bank.snapshot_clock.mark(story_id, now_utc() - timedelta(minutes=minutes))


def test_snapshot_fields_are_the_story_fields() -> None:
    assert SNAPSHOT_FIELDS == TEXT_FIELDS


def test_editing_keeps_at_most_one_snapshot_per_ten_minutes(bank: StoryBank) -> None:
    story = bank.stories.create(title="Outage", action="I paged the team.")
    bank.stories.update(story.id, action="I paged the team and rolled back.")
    first = bank.history.list(story.id)
    assert [s.reason for s in first] == [Reason.EDIT]
    assert bank.history.get(first[0].id).record.action == "I paged the team."  # the text before the edit
    for n in range(5):  # more typing within ten minutes: no new snapshot
        bank.stories.update(story.id, action=f"I paged the team and rolled back {n}.")
    assert len(bank.history.list(story.id)) == 1
    _pretend_old(bank, story.id, 11)
    bank.stories.update(story.id, action="Final text.")
    snaps = bank.history.list(story.id)
    assert len(snaps) == 2
    assert bank.history.get(snaps[0].id).record.action == "I paged the team and rolled back 4."


def test_autosave_path_takes_snapshots_too(bank: StoryBank) -> None:
    story = bank.stories.create(title="Autosaved", situation="First words.")
    base = bank.stories.get(story.id)
    out = save_checked(bank, story.id, {"situation": "Second words."}, base)
    snaps = bank.history.list(story.id)
    assert len(snaps) == 1
    assert bank.history.get(snaps[0].id).record.situation == "First words."
    save_checked(bank, story.id, {"situation": "Third words."}, out.record)
    assert len(bank.history.list(story.id)) == 1


def test_status_change_keeps_the_version_marked_ready(bank: StoryBank) -> None:
    story = bank.stories.create(title="Ready one", result="Cut costs 20%.")
    bank.stories.update(story.id, status="ready")
    reasons = [s.reason for s in bank.history.list(story.id)]
    assert Reason.STATUS in reasons
    status_snap = next(s for s in bank.history.list(story.id) if s.reason == Reason.STATUS)
    assert bank.history.get(status_snap.id).record.status == "ready"


def test_identical_and_empty_snapshots_are_skipped(bank: StoryBank) -> None:
    empty = bank.stories.create(title="")
    bank.stories.update(empty.id, title="")
    assert bank.history.list(empty.id) == []
    story = bank.stories.create(title="Same")
    assert bank.history.take(story.id) is not None
    assert bank.history.take(story.id) is None  # nothing changed since
    assert bank.history.count(story.id) == 1


def test_restore_puts_everything_back_and_is_undoable(bank: StoryBank) -> None:
    story = bank.stories.create(title="Launch", action="Old plan 🚀 مرحبا", status="draft",
                                competencies=["ownership"], tags=["q1"])
    kept = bank.history.take(story.id)
    bank.stories.update(story.id, action="New plan", status="ready", competencies=["mentoring"], tags=["q2"])
    changes = []
    bank.changes.subscribe(changes.append)
    outcome = bank.history.restore(kept.id)
    now = bank.stories.get(story.id)
    assert (now.action, now.status, now.competencies, now.tags) == ("Old plan 🚀 مرحبا", "draft", ["ownership"], ["q1"])
    assert changes
    assert story.id in changes[-1].stories
    assert outcome.before_id is not None
    undone = bank.history.restore(outcome.before_id)
    assert (undone.record.action, undone.record.status, undone.record.tags) == ("New plan", "ready", ["q2"])


def test_purge_keeps_a_snapshot_until_the_history_is_emptied(bank: StoryBank) -> None:
    story = bank.stories.create(title="Gone soon", task="Fix the build.")
    bank.stories.trash(story.id)
    bank.stories.purge(story.id)
    snaps = bank.history.list(story.id)
    assert [s.reason for s in snaps] == [Reason.PURGE]
    assert [p.title for p in bank.history.purged()] == ["Gone soon"]
    back = bank.history.restore(snaps[0].id)  # a purged story comes back as a new story with its history
    assert back.recreated
    assert bank.stories.get(back.record.id).task == "Fix the build."
    assert bank.history.count(back.record.id) == 1
    bank.stories.trash(back.record.id)
    bank.stories.purge(back.record.id)
    assert bank.history.empty(back.record.id) >= 1
    assert bank.history.list(back.record.id) == []
    assert bank.history.purged() == []


def test_import_replace_keeps_the_replaced_text(bank: StoryBank, tmp_path) -> None:
    story = bank.stories.create(title="Shared title", action="My local text.")
    out = tmp_path / "bank.json"
    bank.transfer.export_json(out)
    bank.stories.update(story.id, action="Edited after export.")
    _pretend_old(bank, story.id, 0)
    before = bank.history.count(story.id)
    bank.transfer.import_json(out, replace=True)
    snaps = bank.history.list(story.id)
    assert len(snaps) == before + 1
    assert snaps[0].reason == Reason.IMPORT
    assert bank.history.get(snaps[0].id).record.action == "Edited after export."


def test_missing_snapshot_is_a_clear_error(bank: StoryBank) -> None:
    with pytest.raises(NotFoundError, match="snapshot 4242"):
        bank.history.restore(4242)


def test_thinning_policy_by_age() -> None:
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    rows = [(1, now - timedelta(hours=2), Reason.EDIT), (2, now - timedelta(hours=3), Reason.EDIT)]  # < 1 day: kept
    rows += [(3, now - timedelta(days=2, minutes=10), Reason.EDIT), (4, now - timedelta(days=2, minutes=20), Reason.EDIT)]
    rows += [(5, now - timedelta(days=10, hours=1), Reason.EDIT), (6, now - timedelta(days=10, hours=2), Reason.EDIT)]
    rows += [(7, now - timedelta(days=200), Reason.EDIT), (8, now - timedelta(days=200, hours=1), Reason.EDIT)]
    rows += [(9, now - timedelta(days=200, hours=2), Reason.PURGE)]  # protected
    assert thin_ids(rows, now) == {4, 6, 8}


def test_thinning_runs_after_a_snapshot_is_taken(bank: StoryBank) -> None:
    story = bank.stories.create(title="Old history")
    from storybook.bank.snapshots import now_utc
    from storybook.model.tables import StorySnapshot

    with bank.unit_of_work() as session:
        for n in range(6):
            session.add(StorySnapshot(story_id=story.id, taken_at=now_utc() - timedelta(days=30, minutes=n),
                                      reason=Reason.EDIT, words=1, payload_json=f'{{"title": "v{n}"}}'))
    bank.history.take(story.id)
    assert bank.history.count(story.id) == 2  # one for that old day, plus the new one


def test_json_export_and_import_bring_the_history_along(bank: StoryBank, tmp_path) -> None:
    story = bank.stories.create(title="Travels", action="Version one ✈️")
    bank.history.take(story.id)
    bank.stories.update(story.id, action="Version two")
    bank.history.take(story.id)
    out = tmp_path / "bank.json"
    bank.transfer.export_json(out)
    other = StoryBank.open(tmp_path / "other.sqlite")
    try:
        other.stories.create(title="Unrelated")
        report = other.transfer.import_json(out)
        new_id = next(s.id for s in other.stories.list() if s.title == "Travels")
        texts = [other.history.get(s.id).record.action for s in other.history.list(new_id)]
        assert texts == ["Version two", "Version one ✈️"]
        other.transfer.import_json(out, replace=True)  # the same history again is not doubled
        assert other.history.count(new_id) == 2  # the replaced text equals the newest snapshot: not kept twice
        assert report.warnings == []
    finally:
        other.close()


def test_import_leaves_out_broken_snapshots_with_a_note(bank: StoryBank) -> None:
    payload = {"stories": [{"ref": "story:1", "title": "From a file", "action": "Now"}], "questions": [],
               "targets": [], "rehearsals": [], "competencies": [],
               "snapshots": [{"story": "story:1", "taken_at": "2026-01-02T03:04:05+00:00", "reason": "edit",
                              "payload": {"title": "From a file", "action": "Then \x00 🚀", "tags": ["a"]}},
                             {"story": "story:1", "taken_at": "not a time", "payload": {"title": "x"}},
                             {"story": "story:9", "taken_at": "2026-01-02T03:04:05+00:00", "payload": {}},
                             "not an object"]}
    report = bank.transfer.import_payload(payload)
    story_id = bank.stories.list()[0].id
    snaps = bank.history.list(story_id)
    assert len(snaps) == 1
    assert bank.history.get(snaps[0].id).record.action == "Then  🚀"
    assert any("snapshot" in w for w in report.warnings)


def test_marking_ready_in_the_editor_keeps_that_version(bank: StoryBank) -> None:
    story = bank.stories.create(title="Editor", result="Saved 3 hours a week.")
    base = bank.stories.get(story.id)
    save_checked(bank, story.id, {"status": "ready"}, base)
    snaps = bank.history.list(story.id)
    assert snaps[0].reason == Reason.STATUS
    assert bank.history.get(snaps[0].id).record.status == "ready"


def test_markdown_import_replace_keeps_the_replaced_text(bank: StoryBank, tmp_path) -> None:
    story = bank.stories.create(title="From notes", action="What I had before.")
    folder = tmp_path / "md"
    bank.transfer.export_md(folder)
    bank.stories.update(story.id, action="Changed since the export.")
    bank.transfer.import_md(sorted(folder.glob("*.md")), replace=True)
    snaps = bank.history.list(story.id)
    assert snaps[0].reason == Reason.IMPORT
    assert bank.history.get(snaps[0].id).record.action == "Changed since the export."


def test_a_damaged_snapshot_row_lists_and_restores_without_crashing(bank: StoryBank) -> None:
    from storybook.model.tables import StorySnapshot

    story = bank.stories.create(title="Sturdy", action="Kept.")
    with bank.unit_of_work() as session:
        session.add(StorySnapshot(story_id=story.id, reason="edit", words=0, payload_json="{not json"))
    snaps = bank.history.list(story.id)
    assert [s.title for s in snaps] == [""]
    assert bank.history.get(snaps[0].id).record.title == ""
    with pytest.raises(ValueError, match="damaged"):
        bank.history.restore(snaps[0].id)
    assert bank.stories.get(story.id).action == "Kept."


def test_a_save_that_rolls_back_does_not_count_as_a_snapshot(bank: StoryBank) -> None:
    story = bank.stories.create(title="Busy", action="Stored before the failed save.")
    with pytest.raises(ValueError, match="Status"):
        bank.stories.update(story.id, action="Never stored.", status="finished")  # the whole write rolls back
    assert bank.history.list(story.id) == []
    bank.stories.update(story.id, action="Stored after.")  # the snapshot is still due, so it is taken now
    snaps = bank.history.list(story.id)
    assert len(snaps) == 1
    assert bank.history.get(snaps[0].id).record.action == "Stored before the failed save."
