"""Bank: the story list read with plain SQL (no ORM objects), the list filter, and its matching and order.

Imports nothing heavier than ``sqlite3``: the story list, ``storybook stories`` and the search run on a DB-API
connection, either the bank's own (``engine.raw_connection()``) or a read-only one (``bank.reader``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from storybook.model.values import LinkedQuestion, StoryRecord

SEP = "\x1f"  # joins tags and competency keys inside one column; users cannot type it (clean_text keeps it out)
TEXT_FIELDS = ("title", "situation", "task", "action", "result", "reflection", "short_version", "notes")
SEARCH_FIELDS = ("title", "situation", "task", "action", "result", "reflection", "short_version")


@dataclass
class StoryFilter:
    """What the story list shows: free text, competency, tag, status, trash, and the order."""

    text: str = ""
    competency: str | None = None
    tag: str | None = None
    status: str | None = None
    trashed: bool = False
    sort: str = "updated"  # updated | title | created


@dataclass
class StorySummary:
    """One row of the story list: only what the list shows (the text is read when the story is opened)."""

    id: int
    title: str = ""
    status: str = "draft"
    competencies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    updated_at: datetime | None = None
    created_at: datetime | None = None
    deleted_at: datetime | None = None

    @classmethod
    def of(cls, record: StoryRecord) -> StorySummary:
        return cls(id=record.id or 0, title=record.title, status=record.status, competencies=list(record.competencies),
                   tags=list(record.tags), updated_at=record.updated_at, created_at=record.created_at,
                   deleted_at=record.deleted_at)


@dataclass
class CoverageStory:
    """One column of the coverage grid: only what the grid shows (no text is read)."""

    id: int
    title: str = ""
    status: str = "draft"
    competencies: list[str] = field(default_factory=list)
    questions: list[LinkedQuestion] = field(default_factory=list)


def parse_time(value: Any) -> datetime | None:
    """A timestamp column as stored ("2026-12-01 01:09:37.161515"), read back in UTC as the ORM reads it."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _split(joined: str | None) -> list[str]:
    return joined.split(SEP) if joined else []


SUMMARY_SQL = f"""
SELECT s.id, s.title, s.status, s.updated_at, s.created_at, s.deleted_at,
  (SELECT group_concat(c.key, '{SEP}') FROM story_competency sc JOIN competency c ON c.id = sc.competency_id
   WHERE sc.story_id = s.id),
  (SELECT group_concat(t.name, '{SEP}') FROM story_tag st JOIN tag t ON t.id = st.tag_id WHERE st.story_id = s.id)
FROM story s WHERE s.deleted_at IS {{}} NULL ORDER BY s.updated_at DESC, s.id DESC
"""


def read_summaries(conn: Any, trashed: bool = False) -> list[StorySummary]:
    """Every story (or every trashed one), newest edit first, in one query."""
    cur = conn.cursor()
    try:
        cur.execute(SUMMARY_SQL.format("NOT" if trashed else ""))
        rows = cur.fetchall()
    finally:
        cur.close()
    return [
        StorySummary(id=r[0], title=r[1] or "", status=r[2], updated_at=parse_time(r[3]), created_at=parse_time(r[4]),
                     deleted_at=parse_time(r[5]), competencies=sorted(_split(r[6])),
                     tags=sorted(_split(r[7]), key=str.casefold))
        for r in rows
    ]


def read_search_texts(conn: Any, ids: list[int] | None = None) -> dict[int, str]:
    """The searchable text of each story (title and every section), case-folded, by id."""
    joined = " || ' ' || ".join(f"coalesce(s.{name}, '')" for name in SEARCH_FIELDS)
    wanted = None if ids is None else set(ids)
    cur = conn.cursor()
    try:
        cur.execute(f"SELECT s.id, {joined} FROM story s")
        return {row[0]: (row[1] or "").casefold() for row in cur.fetchall() if wanted is None or row[0] in wanted}
    finally:
        cur.close()


def read_records(conn: Any, trashed: bool = False, status: str | None = None,
                 story_id: int | None = None) -> list[StoryRecord]:
    """Full StoryRecords (text, links and all) with four queries, for commands that print whole stories."""
    cur = conn.cursor()
    try:
        if story_id is not None:
            where, params = "id = ?", (story_id,)
        else:
            where = f"deleted_at IS {'NOT' if trashed else ''} NULL" + (" AND status = ?" if status else "")
            params = (status,) if status else ()
        columns = ", ".join(TEXT_FIELDS)
        cur.execute(f"SELECT id, {columns}, status, cue_cards, created_at, updated_at, deleted_at FROM story "
                    f"WHERE {where}", params)
        stories = cur.fetchall()
        links = _read_links(cur, story_id)
    finally:
        cur.close()
    width = len(TEXT_FIELDS)
    return [
        StoryRecord(id=r[0], **{name: r[1 + i] or "" for i, name in enumerate(TEXT_FIELDS)}, status=r[width + 1],
                    cue_cards=json.loads(r[width + 2] or "[]"), competencies=sorted(links[0][r[0]]),
                    tags=sorted(links[1][r[0]], key=str.casefold), questions=links[2][r[0]],
                    created_at=parse_time(r[width + 3]), updated_at=parse_time(r[width + 4]),
                    deleted_at=parse_time(r[width + 5]))
        for r in stories
    ]


def _read_links(cur: Any, only: int | None = None,
                ) -> tuple[dict[int, list[str]], dict[int, list[str]], dict[int, list[LinkedQuestion]]]:
    where, params = (" WHERE {}.story_id = ?", (only,)) if only is not None else ("", ())
    comps: dict[int, list[str]] = defaultdict(list)
    cur.execute("SELECT sc.story_id, c.key FROM story_competency sc JOIN competency c ON c.id = sc.competency_id"
                + where.format("sc"), params)
    for story_id, key in cur.fetchall():
        comps[story_id].append(key)
    tags: dict[int, list[str]] = defaultdict(list)
    cur.execute("SELECT st.story_id, t.name FROM story_tag st JOIN tag t ON t.id = st.tag_id" + where.format("st"), params)
    for story_id, name in cur.fetchall():
        tags[story_id].append(name)
    questions: dict[int, list[LinkedQuestion]] = defaultdict(list)
    cur.execute("SELECT sq.story_id, q.id, q.text, sq.note FROM story_question sq JOIN question q ON q.id = sq.question_id"
                + where.format("sq") + " ORDER BY sq.story_id, sq.question_id", params)
    for story_id, qid, text, note in cur.fetchall():
        questions[story_id].append(LinkedQuestion(question_id=qid, text=text, note=note))
    return comps, tags, questions


def matches(record: StoryRecord, flt: StoryFilter) -> bool:
    if flt.competency and flt.competency not in record.competencies:
        return False
    # the free text is matched by the full-text index (bank.fulltext), not here
    return not (flt.tag and flt.tag.casefold() not in {t.casefold() for t in record.tags})


def sort_records(records: list[Any], sort: str) -> list[Any]:
    """Records or summaries in the list's order: title A-Z, newest created, or newest edit (the default)."""
    if sort == "title":
        return sorted(records, key=lambda r: (r.title.casefold(), r.id))
    if sort == "created":
        return sorted(records, key=lambda r: (r.created_at, r.id), reverse=True)
    return sorted(records, key=lambda r: (r.updated_at, r.id), reverse=True)


def read_coverage(conn: Any, ids: list[int] | None = None) -> list[CoverageStory]:
    """Every story not in the trash (or those of ``ids`` among them), newest edit first, for the coverage grid:
    id, title, status, competency keys and linked questions, in two queries; no section text."""
    where, params = "", ()
    if ids is not None:
        where, params = f" AND s.id IN ({', '.join('?' * len(ids))})", tuple(ids)
    cur = conn.cursor()
    try:
        cur.execute(f"""SELECT s.id, s.title, s.status,
            (SELECT group_concat(c.key, '{SEP}') FROM story_competency sc JOIN competency c ON c.id = sc.competency_id
             WHERE sc.story_id = s.id)
            FROM story s WHERE s.deleted_at IS NULL{where} ORDER BY s.updated_at DESC, s.id DESC""", params)
        rows = cur.fetchall()
        questions: dict[int, list[LinkedQuestion]] = defaultdict(list)
        cur.execute("SELECT sq.story_id, q.id, q.text, sq.note FROM story_question sq JOIN question q ON q.id = "
                    f"sq.question_id JOIN story s ON s.id = sq.story_id WHERE s.deleted_at IS NULL{where} "
                    "ORDER BY sq.story_id, sq.question_id", params)
        for story_id, qid, text, note in cur.fetchall():
            questions[story_id].append(LinkedQuestion(question_id=qid, text=text, note=note))
    finally:
        cur.close()
    return [CoverageStory(id=r[0], title=r[1] or "", status=r[2], competencies=sorted(_split(r[3])),
                          questions=questions[r[0]]) for r in rows]
