"""Bank: story search over the full-text index (migration 0007), on a plain DB-API connection.

Runs on the bank's own connection (``engine.raw_connection()``) and on the read-only one of ``bank.reader``,
so the first screen and ``storybook stories --search`` need no SQLAlchemy. When the database has no index
(SQLite built without FTS5) the same answers come from a scan of the stories, slower but the same.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from storybook.bank.search_query import (
    WordGroup,
    has_match,
    match_expression,
    match_spans,
    matches_any,
    parse_query,
)

log = logging.getLogger(__name__)
FIELDS = ("title", "situation", "task", "action", "result", "reflection", "short_version", "notes", "tags",
          "question_notes")
FIELD_LABELS = {"title": "Title", "situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
                "reflection": "Reflection", "short_version": "Short version", "notes": "Notes", "tags": "Tags",
                "question_notes": "Question notes"}
SNIPPET_CHARS = 90
BEFORE_CHARS = 12  # the list is narrow: keep the match near the start of the line
SPACES = re.compile(r"\s+")
_SCAN_SQL = (
    "SELECT s.id, {columns}, "
    "(SELECT coalesce(group_concat(t.name, ' '), '') FROM story_tag st JOIN tag t ON t.id = st.tag_id "
    "WHERE st.story_id = s.id), "
    "(SELECT coalesce(group_concat(sq.note, ' '), '') FROM story_question sq WHERE sq.story_id = s.id) "
    "FROM story s WHERE s.deleted_at IS {negate} NULL"
)


@dataclass(frozen=True)
class SearchHit:
    """One story a search found: which of its fields matched and a short snippet around the first match."""

    story_id: int
    fields: tuple[str, ...] = ()
    snippet: str = ""  # "Action: …we moved the billing migration to…", whitespace collapsed
    spans: tuple[tuple[int, int], ...] = field(default=())  # the matches inside ``snippet``


def has_index(conn: Any) -> bool:
    cur = conn.cursor()
    try:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_fts'")
        return cur.fetchone() is not None
    finally:
        cur.close()


def search_ids(conn: Any, query: str, trashed: bool = False) -> set[int] | None:
    """Ids of the stories (or trashed stories) matching ``query``; None when the query holds no word."""
    groups = parse_query(query)
    expression = match_expression(groups)
    if expression is None:
        return None
    if not has_index(conn):
        return {row[0] for row in _scan(conn, groups, trashed)}
    found = {row[0] for row in _fetch(conn, "SELECT rowid FROM story_fts WHERE story_fts MATCH ?", (expression,))}
    return found & _listed(conn, trashed)


def _listed(conn: Any, trashed: bool) -> set[int]:
    """Ids of the stories (or trashed ones), from the deleted_at index alone: the rows' long texts stay unread.

    (Joined in SQL, SQLite would look each story row up, or run the MATCH once per story.)
    """
    sql = f"SELECT id FROM story WHERE deleted_at IS {'NOT' if trashed else ''} NULL"
    return {row[0] for row in _fetch(conn, sql, ())}


def search(conn: Any, query: str, trashed: bool = False, ids: list[int] | None = None) -> list[SearchHit]:
    """Hits with fields and snippets, best match first; with ``ids``: the hits among those stories, in that order.

    The list asks with ``ids`` for the rows it paints: their texts are read by rowid, with no second MATCH.
    """
    groups = parse_query(query)
    if match_expression(groups) is None:
        return []
    if ids is not None:
        rows = _rows_of(conn, ids)
    elif not has_index(conn):
        rows = _scan(conn, groups, trashed)
    else:
        columns = ", ".join(FIELDS)
        found = _fetch(conn, f"SELECT rowid, {columns} FROM story_fts WHERE story_fts MATCH ? ORDER BY rank",
                       (match_expression(groups),))
        listed = _listed(conn, trashed)
        rows = [row for row in found if row[0] in listed]
    hits = [hit_of(row[0], dict(zip(FIELDS, row[1:], strict=True)), groups) for row in rows]
    return [hit for hit in hits if hit.fields]


def _rows_of(conn: Any, ids: list[int]) -> list[tuple]:
    marks = ", ".join("?" * len(ids))
    if has_index(conn):
        rows = _fetch(conn, f"SELECT rowid, {', '.join(FIELDS)} FROM story_fts WHERE rowid IN ({marks})", ids)
    else:
        columns = ", ".join(f"coalesce(s.{name}, '')" for name in FIELDS[:8])
        sql = _SCAN_SQL.format(columns=columns, negate="NOT").replace("WHERE s.deleted_at IS NOT NULL", "")
        rows = _fetch(conn, sql + f" WHERE s.id IN ({marks})", ids)
    order = {story_id: n for n, story_id in enumerate(ids)}
    return sorted(rows, key=lambda row: order[row[0]])


def hit_of(story_id: int, texts: dict[str, str], groups: list[WordGroup]) -> SearchHit:
    """Which fields match, and the snippet from the first matching field after the title (the list shows it)."""
    matched = tuple(name for name in FIELDS if matches_any(texts.get(name) or "", groups))
    source = next((n for n in matched if n != "title"), matched[0] if matched else None)
    if source is None:
        return SearchHit(story_id)
    text, spans = snippet_of(texts[source] or "", groups)
    label = f"{FIELD_LABELS[source]}: "
    return SearchHit(story_id, matched, label + text, tuple((a + len(label), b + len(label)) for a, b in spans))


def snippet_of(text: str, groups: list[WordGroup]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET_CHARS of ``text`` around its first match, cut at spaces, with … where it was cut."""
    spans = match_spans(text, groups)
    first = spans[0][0] if spans else 0
    window = text[max(0, first - 4 * BEFORE_CHARS):first + 4 * SNIPPET_CHARS]  # whitespace is collapsed below
    cut_before, cut_after = first > 4 * BEFORE_CHARS, first + 4 * SNIPPET_CHARS < len(text)
    flat = SPACES.sub(" ", window)
    first = match_spans(flat, groups)[0][0] if spans else 0
    short = len(flat) <= SNIPPET_CHARS and not (cut_before or cut_after)
    start = 0 if short or first <= BEFORE_CHARS else flat.rfind(" ", 0, first - BEFORE_CHARS) + 1
    end = len(flat) if len(flat) - start <= SNIPPET_CHARS else flat.find(" ", max(first, start + SNIPPET_CHARS))
    end = len(flat) if end < 0 else end
    piece = flat[start:end].strip()
    piece = ("…" if start > 0 or cut_before else "") + piece + ("…" if end < len(flat) or cut_after else "")
    return piece, match_spans(piece, groups)


def _fetch(conn: Any, sql: str, params: Any) -> list[tuple]:
    cur = conn.cursor()
    try:
        cur.execute(sql, tuple(params))
        return cur.fetchall()
    finally:
        cur.close()


def _scan(conn: Any, groups: list[WordGroup], trashed: bool) -> list[tuple]:
    """Without FTS5: every story's texts read and matched in Python."""
    columns = ", ".join(f"coalesce(s.{name}, '')" for name in FIELDS[:8])
    rows = _fetch(conn, _SCAN_SQL.format(columns=columns, negate="NOT" if trashed else ""), ())
    return [row for row in rows if has_match(" ".join(row[1:]), groups)]
