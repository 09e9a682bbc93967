"""Bank: saving a story that another program may be changing at the same time.

The editor keeps the version it loaded (the base). Before a save writes, the stored version is compared
with that base in the same transaction: if someone else changed the story and the user changed it too,
their version is kept as a copy titled "… (changed elsewhere)" and the user's text is saved; nothing is
overwritten silently. A save that meets a database locked by another writer waits only briefly and raises
:class:`DatabaseBusyError`, so the app can say so and try again later (see :func:`retry_delay_ms`).
"""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from storybook.bank.changes import ChangeSet
from storybook.bank.save_retry import DatabaseBusyError, retry_delay_ms  # noqa: F401 - re-exported
from storybook.bank.snapshots import Reason, add_snapshot, snapshot_status_change
from storybook.bank.stories import TEXT_FIELDS, apply_story_fields, apply_story_links, story_records
from storybook.model.tables import Story, StoryQuestion, utcnow
from storybook.model.values import StoryRecord
from storybook.store.db import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from storybook.bank.base import BankBase

log = logging.getLogger(__name__)
COMPARED = (*TEXT_FIELDS, "status", "competencies", "tags")
QUICK_WAIT_MS = 300  # how long one autosave waits for a lock before the app is told and retries later
CONFLICT_SUFFIX = " (changed elsewhere)"


class Decision(enum.Enum):
    """Bank: what to do with the editor's text given the stored version and the one the editor loaded."""

    SAVE = "save"  # only the user changed the story
    RELOAD = "reload"  # only someone else changed it: show their version
    CONFLICT = "conflict"  # both changed it: keep theirs as a copy, save the user's
    NOTHING = "nothing"  # nothing to do (no change, or both made the same change)


# ---- pure rules -------------------------------------------------------------------------------
def snapshot(source: StoryRecord | Mapping[str, Any]) -> dict[str, Any]:
    """The compared fields of a record or of the editor's values, lists in a stable order."""
    get = source.get if isinstance(source, Mapping) else lambda key, default=None: getattr(source, key, default)
    out: dict[str, Any] = {}
    for key in COMPARED:
        value = get(key, None)
        if key in ("competencies", "tags"):
            out[key] = sorted({str(v).strip() for v in value or [] if str(v).strip()}, key=str.casefold)
        elif value is not None:
            out[key] = str(value).replace("\x00", "")
    return out


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    keys = set(a) & set(b)
    return all(a[k] == b[k] for k in keys)


def decide(base: Mapping[str, Any] | None, mine: Mapping[str, Any] | None, theirs: Mapping[str, Any]) -> Decision:
    """Compare snapshots: ``base`` the editor loaded, ``mine`` its unsaved text (None: no edit), ``theirs`` stored."""
    changed_elsewhere = base is not None and not _same(base, theirs)
    if mine is None:
        return Decision.RELOAD if changed_elsewhere else Decision.NOTHING
    if _same(mine, theirs):
        return Decision.NOTHING
    if not changed_elsewhere:
        return Decision.SAVE
    return Decision.RELOAD if base is not None and _same(mine, base) else Decision.CONFLICT


def is_busy_error(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


# ---- the checked save -------------------------------------------------------------------------
@dataclass
class SaveOutcome:
    """Bank: what a checked save did: the stored record, and the other version's copy if there was a conflict."""

    record: StoryRecord
    decision: Decision
    copy: StoryRecord | None = None
    recreated: bool = False  # the story had been deleted elsewhere; the user's text is a new story


@contextlib.contextmanager
def quick_session(bank: BankBase, wait_ms: int) -> Iterator[Session]:
    """A unit of work that waits at most ``wait_ms`` for another writer, then raises DatabaseBusyError."""
    with bank.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
        conn.commit()  # end the transaction the pragma began, so the session below owns (and commits) its own
        try:
            with Session(bind=conn, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except OperationalError as exc:
            if is_busy_error(exc):
                raise DatabaseBusyError("The database is busy: another program is writing to it.") from exc
            raise
        finally:
            with contextlib.suppress(OperationalError):
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                conn.commit()


def _copy_theirs(session: Session, theirs: StoryRecord) -> StoryRecord:
    fields: dict[str, Any] = {name: getattr(theirs, name) for name in TEXT_FIELDS}
    fields["title"] = (theirs.title or "Untitled") + CONFLICT_SUFFIX
    fields.update(status=theirs.status, cue_cards=list(theirs.cue_cards), competencies=list(theirs.competencies),
                  tags=list(theirs.tags))
    copy = Story()
    apply_story_fields(copy, fields)
    session.add(copy)
    session.flush()
    apply_story_links(session, copy.id, fields)
    for link in theirs.questions:
        session.add(StoryQuestion(story_id=copy.id, question_id=link.question_id, note=link.note))
    session.flush()
    return story_records(session, [copy])[0]


def save_checked(bank: BankBase, story_id: int, values: dict[str, Any], base: StoryRecord | None,
                 wait_ms: int = QUICK_WAIT_MS) -> SaveOutcome:
    """Save the editor's ``values`` unless that would silently overwrite someone else's change."""
    with quick_session(bank, wait_ms) as session:
        story = session.get(Story, story_id)
        if story is None:  # deleted for good elsewhere: the user's text becomes a story again
            story, recreated = Story(), True
        else:
            recreated = False
        theirs = story_records(session, [story])[0] if not recreated else None
        decision = Decision.SAVE if theirs is None else \
            decide(snapshot(base) if base is not None else None, snapshot(values), snapshot(theirs))
        if decision in (Decision.RELOAD, Decision.NOTHING):
            return SaveOutcome(theirs, decision)
        copy = _copy_theirs(session, theirs) if decision is Decision.CONFLICT and theirs is not None else None
        clock = bank.snapshot_clock
        if theirs is not None and clock.due(session, story_id):  # at most one "while editing" per interval
            add_snapshot(session, theirs, Reason.EDIT, clock)
        apply_story_fields(story, values)
        story.updated_at = utcnow()
        session.add(story)
        session.flush()
        apply_story_links(session, story.id, values)
        record = story_records(session, [story])[0]
        snapshot_status_change(session, theirs.status if theirs is not None else None, record, clock)
    if copy is not None:
        log.info("Story %s changed elsewhere while being edited; the other version is story %s", story_id, copy.id)
    bank.changes.emit(ChangeSet.of_stories([record.id, copy.id if copy is not None else None],
                                           story_list=recreated or copy is not None))
    return SaveOutcome(record, decision, copy, recreated)


def describe(outcome: SaveOutcome) -> str:
    """The status-bar message for a save that did more than save."""
    if outcome.recreated:
        return "This story was deleted by another program; your text was saved as a new story."
    if outcome.copy is not None:
        return (f"This story was also changed elsewhere. Your text is saved; the other version is kept as "
                f"\u201c{outcome.copy.title}\u201d.")
    if outcome.decision is Decision.RELOAD:
        return "This story was changed by another program; showing that version."
    return ""

