"""Bank: story history: list, read, take and restore whole-story snapshots, thin them by age, empty them.

When snapshots are taken on their own (status changes, before overwrites and purges, while editing at most
one per ten minutes) is described in :mod:`storybook.bank.snapshots`, with the thinning policy
(:func:`storybook.bank.snapshots.thin_ids`): everything from the last day, then one per hour for a week,
one per day for 90 days and one per week after that; the newest ten snapshots taken before an import, a
restore or a purge are never thinned. A purged story's history stays until :meth:`HistoryService.empty`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case
from sqlmodel import Session, col, delete, func, select

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.snapshots import (
    SNAPSHOT_FIELDS,
    Reason,
    SnapshotClock,
    add_snapshot,
    latest,
    now_utc,
    reason_label,
    record_of_payload,
    thin_story,
)
from storybook.bank.stories import apply_story_fields, apply_story_links, story_records
from storybook.model.tables import Competency, Story, StorySnapshot, utcnow
from storybook.model.values import StoryRecord
from storybook.store.errors import NotFoundError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SnapshotInfo:
    """One line of a story's history: when, why, how many words, and the title it had."""

    id: int
    story_id: int
    taken_at: datetime
    reason: str
    words: int
    title: str

    @property
    def reason_text(self) -> str:
        return reason_label(self.reason)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "story_id": self.story_id, "taken_at": self.taken_at.isoformat(timespec="seconds"),
                "reason": self.reason, "reason_text": self.reason_text, "words": self.words, "title": self.title}


@dataclass(frozen=True)
class Snapshot:
    """A snapshot with its whole story as a plain record."""

    info: SnapshotInfo
    record: StoryRecord


@dataclass(frozen=True)
class RestoreOutcome:
    """What a restore did: the story as it is now, and the snapshot of the text it replaced (for undo)."""

    record: StoryRecord
    before_id: int | None  # restoring this snapshot undoes the restore
    recreated: bool = False  # the story had been purged; the snapshot is a story again (with a new id)
    warnings: list[str] = field(default_factory=list)


def _info(snap: StorySnapshot) -> SnapshotInfo:
    try:
        title = str(json.loads(snap.payload_json).get("title") or "")
    except (ValueError, AttributeError):
        title = ""
    return SnapshotInfo(id=snap.id, story_id=snap.story_id, taken_at=snap.taken_at, reason=snap.reason,
                        words=snap.words, title=title)


def _info_query():  # noqa: ANN202 - a SQLModel select of six columns
    valid = func.json_valid(StorySnapshot.payload_json)  # a damaged payload lists without a title, never fails
    title = case((valid == 1, func.json_extract(StorySnapshot.payload_json, "$.title")), else_="")
    return select(StorySnapshot.id, StorySnapshot.story_id, StorySnapshot.taken_at, StorySnapshot.reason,
                  StorySnapshot.words, title)


def _info_row(row: tuple) -> SnapshotInfo:
    snap_id, story_id, taken_at, reason, words, title = row
    return SnapshotInfo(id=snap_id, story_id=story_id, taken_at=taken_at, reason=reason, words=words,
                        title=str(title or ""))


class HistoryService:
    """Bank: the snapshots of every story (``bank.history``)."""

    def __init__(self, bank: BankBase) -> None:
        self._bank = bank

    @property
    def clock(self) -> SnapshotClock:
        return self._bank.snapshot_clock

    # ---- reading -------------------------------------------------------------------------
    def list(self, story_id: int) -> list[SnapshotInfo]:
        """The story's snapshots, newest first (a purged story's too, until its history is emptied).

        Only the title is read out of each payload (by SQLite), so a long history of a long story lists fast.
        """
        with self._bank.unit_of_work() as session:
            query = _info_query().where(StorySnapshot.story_id == story_id)
            rows = session.exec(query.order_by(col(StorySnapshot.taken_at).desc(), col(StorySnapshot.id).desc()))
            return [_info_row(row) for row in rows.all()]

    def get(self, snapshot_id: int) -> Snapshot:
        with self._bank.unit_of_work() as session:
            snap = self._require(session, snapshot_id)
            return Snapshot(_info(snap), record_of_payload(self._payload(snap), snap.story_id))

    def count(self, story_id: int) -> int:
        with self._bank.unit_of_work() as session:
            return self._count(session, story_id)

    def purged(self) -> list[SnapshotInfo]:
        """The latest snapshot of every story that was deleted for good but still has a history."""
        with self._bank.unit_of_work() as session:
            orphan = col(StorySnapshot.story_id).not_in(select(Story.id))
            rows = session.exec(_info_query().where(orphan)).all()
        newest: dict[int, SnapshotInfo] = {}
        for info in map(_info_row, rows):
            known = newest.get(info.story_id)
            if known is None or (info.taken_at, info.id) > (known.taken_at, known.id):
                newest[info.story_id] = info
        return sorted(newest.values(), key=lambda s: s.taken_at, reverse=True)

    # ---- writing -------------------------------------------------------------------------
    def take(self, story_id: int, reason: str = Reason.MANUAL) -> SnapshotInfo | None:
        """Keep the story as it is now; None when it has no text or equals its latest snapshot."""
        with self._bank.unit_of_work() as session:
            story = session.get(Story, story_id)
            if story is None:
                raise NotFoundError(f"There is no story {story_id}.")
            snap = add_snapshot(session, story_records(session, [story])[0], reason, self.clock)
            info = _info(snap) if snap is not None else None
        return info

    def restore(self, snapshot_id: int) -> RestoreOutcome:
        """Put a snapshot back (fields, cue cards, competencies, tags, status) after keeping the current text.

        One transaction. A purged story comes back as a new story that takes the old one's history along.
        """
        with self._bank.unit_of_work() as session:
            snap = self._require(session, snapshot_id)
            payload = self._payload(snap)
            if not payload:
                raise ValueError(f"Snapshot {snapshot_id} is damaged and cannot be restored; nothing was changed.")
            story = session.get(Story, snap.story_id)
            recreated = story is None
            before_id = None if recreated else self._keep_current(session, story)
            fields, warnings = self._restorable(session, payload)
            story = story or Story()
            apply_story_fields(story, fields)
            story.updated_at, story.deleted_at = utcnow(), None
            session.add(story)
            session.flush()
            apply_story_links(session, story.id, fields)
            if recreated:
                self._move_history(session, snap.story_id, story.id)
            record = story_records(session, [story])[0]
        self.clock.mark(record.id, now_utc())  # the restored text needs no "while editing" snapshot at once
        self._bank.changes.emit(ChangeSet.of_stories([record.id], story_list=True, trash=True))
        log.info("Story %s restored from snapshot %s", record.id, snapshot_id)
        return RestoreOutcome(record, before_id, recreated, warnings)

    def thin(self, story_id: int, now: datetime | None = None) -> int:
        """Drop the story's snapshots the age policy no longer keeps; return how many went."""
        with self._bank.unit_of_work() as session:
            return thin_story(session, story_id, now or now_utc())

    def empty(self, story_id: int) -> int:
        """Delete every snapshot of a story (for a purged story: the last trace of it); return how many."""
        with self._bank.unit_of_work() as session:
            count = self._count(session, story_id)
            session.exec(delete(StorySnapshot).where(StorySnapshot.story_id == story_id))
        self.clock.forget(story_id)
        return count

    # ---- helpers -------------------------------------------------------------------------
    def _keep_current(self, session: Session, story: Story) -> int | None:
        record = story_records(session, [story])[0]
        snap = add_snapshot(session, record, Reason.RESTORE, self.clock)
        if snap is None:  # equal to the latest snapshot (or empty): that one is the way back
            newest = latest(session, story.id)
            return newest.id if newest is not None else None
        return snap.id

    @staticmethod
    def _restorable(session: Session, payload: dict) -> tuple[dict, list[str]]:
        fields = {name: str(payload.get(name) or "") for name in SNAPSHOT_FIELDS}
        status = str(payload.get("status") or "draft")
        known = set(session.exec(select(Competency.key)).all())
        comps = [str(k) for k in payload.get("competencies") or []]
        warnings = [f"the competency {k!r} no longer exists and was left out" for k in comps if k not in known]
        fields.update(status=status if status in ("draft", "ready") else "draft",
                      cue_cards=[str(c) for c in payload.get("cue_cards") or []],
                      competencies=[k for k in comps if k in known], tags=[str(t) for t in payload.get("tags") or []])
        return fields, warnings

    @staticmethod
    def _move_history(session: Session, old_id: int, new_id: int) -> None:
        for snap in session.exec(select(StorySnapshot).where(StorySnapshot.story_id == old_id)).all():
            snap.story_id = new_id
            session.add(snap)

    @staticmethod
    def _count(session: Session, story_id: int) -> int:
        query = select(func.count()).select_from(StorySnapshot).where(StorySnapshot.story_id == story_id)
        return int(session.exec(query).one())

    @staticmethod
    def _payload(snap: StorySnapshot) -> dict:
        try:
            payload = json.loads(snap.payload_json)
        except ValueError:
            payload = None
        return payload if isinstance(payload, dict) else {}

    @staticmethod
    def _require(session: Session, snapshot_id: int) -> StorySnapshot:
        snap = session.get(StorySnapshot, snapshot_id)
        if snap is None:
            raise NotFoundError(f"There is no snapshot {snapshot_id}.")
        return snap
