"""Bank: taking whole-story snapshots inside a write's own transaction (the rules behind ``bank.history``).

When one is taken:

- before a write, when no snapshot of the story is younger than ``EDIT_INTERVAL`` (ten minutes): the stored
  version, so typing over a paragraph can always be taken back to a version at most ten minutes old;
- after a write that changed the status (the version that was marked ready, or put back to draft);
- before an import or replace, a history restore, or a purge overwrites or removes the story.

A snapshot equal to the story's latest one, or of a story with no text at all, is skipped. The "is one
due?" check keeps the last snapshot time per story in memory (:class:`SnapshotClock`), so an autosave
that is not due costs a dictionary look-up, not a query.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, delete, func, select

from storybook.model.measures import story_words
from storybook.model.tables import StorySnapshot
from storybook.model.values import StoryRecord

log = logging.getLogger(__name__)

EDIT_INTERVAL = timedelta(minutes=10)
# the fields a snapshot keeps (the story service's TEXT_FIELDS; a test keeps the two equal)
SNAPSHOT_FIELDS = ("title", "situation", "task", "action", "result", "reflection", "short_version", "notes")


class Reason:
    """Why a snapshot was taken (stored as these short codes)."""

    EDIT = "edit"
    STATUS = "status"
    IMPORT = "import"
    RESTORE = "restore"
    PURGE = "purge"
    MANUAL = "manual"


REASON_LABELS = {
    Reason.EDIT: "While editing",
    Reason.STATUS: "Status changed",
    Reason.IMPORT: "Before an import replaced it",
    Reason.RESTORE: "Before a restore",
    Reason.PURGE: "Before it was deleted for good",
    Reason.MANUAL: "Kept by hand",
}


def reason_label(reason: str) -> str:
    return REASON_LABELS.get(reason, reason)


def as_utc(when: datetime) -> datetime:
    """Compare every time as an aware UTC datetime (a zone-less one is taken as UTC)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def now_utc() -> datetime:
    return datetime.now(UTC)


def payload_of(record: StoryRecord) -> dict[str, Any]:
    """Everything a restore puts back: the fields, cue cards, competencies, tags and status."""
    out: dict[str, Any] = {name: getattr(record, name) or "" for name in SNAPSHOT_FIELDS}
    out.update(status=record.status, cue_cards=list(record.cue_cards), competencies=sorted(record.competencies),
               tags=sorted(record.tags, key=str.casefold))
    return out


def payload_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def record_of_payload(payload: dict[str, Any], story_id: int | None = None) -> StoryRecord:
    """A plain record of a snapshot's payload (for comparing and counting words)."""
    fields = {name: str(payload.get(name) or "") for name in SNAPSHOT_FIELDS}
    return StoryRecord(id=story_id, status=str(payload.get("status") or "draft"),
                       cue_cards=[str(c) for c in payload.get("cue_cards") or []],
                       competencies=[str(c) for c in payload.get("competencies") or []],
                       tags=[str(t) for t in payload.get("tags") or []], **fields)


class SnapshotClock:
    """The last snapshot time per story, in memory, so 'is one due?' costs no query once a story is known."""

    def __init__(self, interval: timedelta = EDIT_INTERVAL) -> None:
        self.interval = interval
        self._last: dict[int, datetime] = {}

    def due(self, session: Session, story_id: int, now: datetime | None = None) -> bool:
        last = self._last.get(story_id)
        if last is None:
            last = self._read(session, story_id)
        return last is None or (now or now_utc()) - last >= self.interval

    def mark(self, story_id: int, when: datetime) -> None:
        self._last[story_id] = as_utc(when)

    def mark_on_commit(self, session: Session, story_id: int, when: datetime) -> None:
        """Mark once the write commits: a save that rolls back (a busy database) must not count as a snapshot."""
        event.listen(session, "after_commit", lambda _session: self.mark(story_id, when), once=True)

    def forget(self, story_id: int) -> None:
        self._last.pop(story_id, None)

    def _read(self, session: Session, story_id: int) -> datetime | None:
        newest = session.exec(select(func.max(StorySnapshot.taken_at)).where(StorySnapshot.story_id == story_id)).one()
        if newest is not None:
            self._last[story_id] = as_utc(newest)
        return self._last.get(story_id)


def latest(session: Session, story_id: int) -> StorySnapshot | None:
    query = select(StorySnapshot).where(StorySnapshot.story_id == story_id)
    return session.exec(query.order_by(col(StorySnapshot.taken_at).desc(), col(StorySnapshot.id).desc())).first()


def add_snapshot(session: Session, record: StoryRecord, reason: str, clock: SnapshotClock | None = None,
                 now: datetime | None = None) -> StorySnapshot | None:
    """Keep ``record`` as a snapshot; None when it has no text or equals the story's latest snapshot."""
    if record.id is None:
        return None
    payload = payload_of(record)
    if not any(str(payload[name]).strip() for name in SNAPSHOT_FIELDS):
        return None
    text = payload_json(payload)
    when = now or now_utc()
    previous = latest(session, record.id)
    if previous is not None and previous.payload_json == text:
        if clock is not None:
            clock.mark_on_commit(session, record.id, when)  # the stored text is kept already: not due for a while
        return None
    snap = StorySnapshot(story_id=record.id, taken_at=when, reason=reason, words=story_words(record),
                         payload_json=text)
    session.add(snap)
    session.flush()
    if clock is not None:
        clock.mark_on_commit(session, record.id, when)
    log.debug("Snapshot %s of story %s (%s)", snap.id, record.id, reason)
    thin_story(session, record.id, when)
    return snap


def thin_story(session: Session, story_id: int, now: datetime) -> int:
    """Apply the age policy to one story's snapshots (run whenever one is added: at most every ten minutes)."""
    rows = session.exec(select(StorySnapshot.id, StorySnapshot.taken_at, StorySnapshot.reason)
                        .where(StorySnapshot.story_id == story_id)).all()
    drop = thin_ids([(int(i), t, r) for i, t, r in rows], now)
    if drop:
        session.exec(delete(StorySnapshot).where(col(StorySnapshot.id).in_(drop)))
    return len(drop)


def snapshot_if_due(session: Session, story_id: int, read: Callable[[], StoryRecord],
                    clock: SnapshotClock) -> StorySnapshot | None:
    """Before an edit is written: keep the stored version if no snapshot is younger than the interval."""
    if not clock.due(session, story_id):
        return None
    return add_snapshot(session, read(), Reason.EDIT, clock)


def snapshot_status_change(session: Session, before: str | None, record: StoryRecord,
                           clock: SnapshotClock) -> StorySnapshot | None:
    """After a write: keep the version whose status just changed."""
    if before is None or before == record.status:
        return None
    return add_snapshot(session, record, Reason.STATUS, clock)


# ---- thinning by age --------------------------------------------------------------------------
PROTECTED_REASONS = frozenset({Reason.IMPORT, Reason.RESTORE, Reason.PURGE, Reason.MANUAL})
PROTECTED_KEEP = 10  # the newest this-many protected snapshots of a story are never thinned
THINNING = (  # (older than, keep one per): the newest snapshot of each bucket stays
    (timedelta(days=1), "hour"),
    (timedelta(days=7), "day"),
    (timedelta(days=90), "week"),
)


def _bucket(when: datetime, age: timedelta) -> tuple[str, tuple[int, ...]] | None:
    """The bucket a snapshot of this age shares with its neighbours; None when it is kept regardless."""
    unit = None
    for older_than, per in THINNING:
        if age >= older_than:
            unit = per
    if unit == "hour":
        return unit, (when.year, when.month, when.day, when.hour)
    if unit == "day":
        return unit, (when.year, when.month, when.day)
    if unit == "week":
        return unit, tuple(when.isocalendar()[:2])
    return None


def thin_ids(rows: list[tuple[int, datetime, str]], now: datetime) -> set[int]:
    """Which of one story's snapshots (id, taken_at, reason) to drop under the age policy.

    Everything from the last day is kept; older than a day, one per hour; older than a week, one per day;
    older than 90 days, one per week (always the newest of its hour, day or week). The newest
    ``PROTECTED_KEEP`` snapshots taken before an import, a restore or a purge (or kept by hand) are never
    dropped.
    """
    ordered = sorted(rows, key=lambda r: (as_utc(r[1]), r[0]), reverse=True)
    protected = [r[0] for r in ordered if r[2] in PROTECTED_REASONS][:PROTECTED_KEEP]
    seen: set[tuple[str, tuple[int, ...]]] = set()
    drop: set[int] = set()
    for snap_id, taken_at, _reason in ordered:
        when = as_utc(taken_at)
        bucket = _bucket(when, as_utc(now) - when)
        if bucket is None:
            continue
        if bucket in seen and snap_id not in protected:
            drop.add(snap_id)
        seen.add(bucket)
    return drop
