"""Bank: story snapshots in the JSON export and back (the history half of the transfer).

Snapshots of the exported stories (trash included) travel with them, named by the story's ref; a purged
story's history stays behind (it has no ref). On import, snapshots are added only to stories the import
wrote (added or replaced), mapped to their new ids; one already there (same story and time) is skipped,
and a malformed one is left out with a note.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storybook.bank.snapshots import SNAPSHOT_FIELDS, payload_json, record_of_payload
from storybook.export.portable import PortableFormatError, iso, parse_datetime
from storybook.model.measures import story_words
from storybook.model.tables import StorySnapshot

MAX_REASON_CHARS = 40


def snapshot_items(session: Session, srefs: dict[int, str]) -> list[dict[str, Any]]:
    """Every snapshot of an exported story, oldest first, with its story's ref."""
    rows = session.exec(select(StorySnapshot).where(col(StorySnapshot.story_id).in_(list(srefs)))
                        .order_by(col(StorySnapshot.taken_at), col(StorySnapshot.id))).all()
    items = []
    for snap in rows:
        try:
            payload = json.loads(snap.payload_json)
        except ValueError:
            continue
        items.append({"story": srefs[snap.story_id], "taken_at": iso(snap.taken_at), "reason": snap.reason,
                      "words": snap.words, "payload": payload})
    return items


def _payload(item: dict[str, Any]) -> dict[str, Any] | None:
    raw = item.get("payload")
    if not isinstance(raw, dict):
        return None
    record = record_of_payload(raw)  # every value as text or a list of texts: nothing odd is stored
    out: dict[str, Any] = {name: getattr(record, name).replace("\x00", "") for name in SNAPSHOT_FIELDS}
    out.update(status=record.status, cue_cards=record.cue_cards, competencies=sorted(record.competencies),
               tags=sorted(record.tags, key=str.casefold))
    return out


def _moment(value: Any) -> datetime | None:
    try:
        return parse_datetime(value)
    except (PortableFormatError, TypeError, ValueError):
        return None


def snapshot_list(payload: dict[str, Any]) -> list[Any]:
    """The file's snapshots (a file from before story history has none)."""
    items = payload.get("snapshots")
    return items if isinstance(items, list) else []


def import_snapshots(session: Session, items: list[Any], written: set[int], stories: dict[str, int | None],
                     warnings: list[str]) -> int:
    """Add the file's snapshots of the stories this import wrote; return how many were added."""
    have = {(sid, iso(t)) for sid, t in session.exec(select(StorySnapshot.story_id, StorySnapshot.taken_at)
                                                     .where(col(StorySnapshot.story_id).in_(list(written)))).all()}
    added = bad = 0
    for item in items:
        story_id = stories.get(str(item.get("story"))) if isinstance(item, dict) else None
        if story_id is None or story_id not in written:
            continue
        payload, taken = _payload(item), _moment(item.get("taken_at"))
        if payload is None or taken is None:
            bad += 1
            continue
        if (story_id, iso(taken)) in have:
            continue
        have.add((story_id, iso(taken)))
        session.add(StorySnapshot(story_id=story_id, taken_at=taken, reason=str(item.get("reason") or "import")[
            :MAX_REASON_CHARS], words=story_words(record_of_payload(payload)), payload_json=payload_json(payload)))
        added += 1
    if bad:
        many = bad != 1
        warnings.append(f"{bad} story snapshot{'s' if many else ''} without a time or text {'were' if many else 'was'} "
                        "left out")
    session.flush()
    return added
