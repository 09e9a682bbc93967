"""Bank: what a whole-bank dossier shows, read with ``sqlite3`` alone (for ``BankReader``, no SQLAlchemy).

``read_dossier_data(conn, settings)`` returns the same ``DossierData`` as ``bank.targets.dossier_data()``, and
``read_current_reports`` the same split as ``bank.reports.split``; both assemble their rows with the functions
of ``plain_reads``, which the ORM services use too.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from storybook.bank.listing import parse_time, read_records
from storybook.bank.plain_reads import (
    PACE_RECENT_RUNS,
    ReportRow,
    current_rows,
    dossier_questions,
    personal_pace,
    recent_paces,
    rehearsal_figures,
    reports_of,
    with_pace,
)
from storybook.export.dossier_data import DossierData
from storybook.model.values import QuestionRecord, Settings, StoryRecord, StoryReport
from storybook.rehearsal.records import RehearsalRecord

CHUNK = 900  # below SQLite's limit on bound parameters


def _effective_settings(conn: sqlite3.Connection, settings: Settings) -> tuple[Settings, str]:
    rows = conn.execute("SELECT wpm FROM rehearsal WHERE wpm IS NOT NULL AND recording_path IS NOT NULL "
                        "ORDER BY started_at DESC LIMIT ?", (PACE_RECENT_RUNS * 3,)).fetchall()
    measured = personal_pace(recent_paces(r[0] for r in rows)) if settings.use_measured_pace else None
    return with_pace(settings, measured)


def _visible_questions(conn: sqlite3.Connection) -> list[QuestionRecord]:
    comps: dict[int, list[str]] = defaultdict(list)
    for qid, key in conn.execute("SELECT qc.question_id, c.key FROM question_competency qc "
                                 "JOIN competency c ON c.id = qc.competency_id"):
        comps[qid].append(key)
    stories: dict[int, list[int]] = defaultdict(list)
    for qid, sid in conn.execute("SELECT sq.question_id, sq.story_id FROM story_question sq "
                                 "JOIN story s ON s.id = sq.story_id WHERE s.deleted_at IS NULL"):
        stories[qid].append(sid)
    rows = conn.execute("SELECT id, text, assesses, key_points, builtin, hidden, key FROM question "
                        "WHERE hidden = 0 ORDER BY id").fetchall()
    return [QuestionRecord(id=r[0], text=r[1], assesses=r[2], key_points=json.loads(r[3] or "[]"),
                           competencies=sorted(comps[r[0]]), builtin=bool(r[4]), hidden=bool(r[5]), key=r[6],
                           story_ids=sorted(stories[r[0]])) for r in rows]


def _runs(conn: sqlite3.Connection) -> list[RehearsalRecord]:
    """Every rehearsal, newest first, with the fields the dossier's figures read."""
    rows = conn.execute("SELECT id, story_id, started_at, total_seconds, target_seconds, limit_seconds, outcome, wpm "
                        "FROM rehearsal ORDER BY started_at DESC, id DESC").fetchall()
    return [RehearsalRecord(id=r[0], story_id=r[1], started_at=parse_time(r[2]), total_seconds=r[3],
                            target_seconds=r[4], limit_seconds=r[5], outcome=r[6], wpm=r[7]) for r in rows]


def read_dossier_data(conn: sqlite3.Connection, settings: Settings) -> DossierData:
    """A dossier of every story in the bank (the trash left out), as ``bank.targets.dossier_data(None)``."""
    stories = read_records(conn)
    stories.sort(key=lambda s: (s.title.casefold(), s.id))
    settings, pace_source = _effective_settings(conn, settings)
    questions, unlinked = dossier_questions(_visible_questions(conn), stories)
    names = dict(conn.execute("SELECT key, name FROM competency ORDER BY name").fetchall())
    return DossierData(stories=stories, settings=settings, competency_names=names, questions=questions,
                       unlinked_questions=unlinked, rehearsals=rehearsal_figures(_runs(conn), [s.id for s in stories]),
                       pace_source=pace_source)


def _report_rows(conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, ReportRow]:
    out: dict[int, ReportRow] = {}
    ids = [i for i in story_ids if i is not None]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute("SELECT story_id, text_hash, engine_key, score, report_json FROM story_report "
                                f"WHERE story_id IN ({marks})", chunk):
            out[row[0]] = tuple(row)
    return out


def read_current_reports(conn: sqlite3.Connection, stories: Sequence[StoryRecord], settings: Settings | None,
                         engine_info: Mapping[str, Any]) -> tuple[dict[int, StoryReport], list[StoryRecord]]:
    """The stored reports still current for ``stories``, and the stories that need checking."""
    from storybook.analysis.stored import engine_key

    rows = _report_rows(conn, [s.id for s in stories])
    current, stale = current_rows(rows, stories, settings, engine_key(engine_info))
    return reports_of(current, stale, stories), stale
