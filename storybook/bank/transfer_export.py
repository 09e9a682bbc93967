"""Bank: the whole bank as one plain, JSON-ready payload (the export half of the transfer).

Questions, stories and targets are named by refs ('bank:<key>', 'own:<n>', 'story:<n>') rather than
database ids, so a payload imported into another database links up the same way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, select

from storybook.bank.history_transfer import snapshot_items
from storybook.bank.stories import TEXT_FIELDS, story_records
from storybook.bank.targets import read_weights
from storybook.export.portable import iso
from storybook.model.tables import (
    Competency,
    Question,
    QuestionCompetency,
    Rehearsal,
    Story,
    Target,
    TargetQuestion,
    TargetStory,
)

REHEARSAL_FIELDS = ("total_seconds", "target_seconds", "limit_seconds", "mode", "outcome", "rating", "note",
                    "recording_path", "had_story", "words", "speech_seconds", "wpm")


def _question_refs(session: Session) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Refs for every question ('bank:<key>' or 'own:<n>') and the ones the user added, edited or hid."""
    rows = list(session.exec(select(Question).order_by(Question.id)).all())
    comp_keys = {c.id: c.key for c in session.exec(select(Competency)).all()}
    comps: dict[int, list[str]] = defaultdict(list)
    for qid, cid in session.exec(select(QuestionCompetency.question_id, QuestionCompetency.competency_id)).all():
        comps[qid].append(comp_keys[cid])
    refs: dict[int, str] = {}
    listed: list[dict[str, Any]] = []
    own = 0
    for q in rows:
        if q.builtin and q.key:
            refs[q.id] = f"bank:{q.key}"
        else:
            own += 1
            refs[q.id] = f"own:{own}"
        if not q.builtin or q.edited or q.hidden:
            listed.append({"ref": refs[q.id], "key": q.key, "text": q.text, "assesses": q.assesses,
                           "key_points": json.loads(q.key_points or "[]"), "competencies": sorted(comps[q.id]),
                           "builtin": q.builtin, "edited": q.edited, "hidden": q.hidden})
    return refs, listed


def _story_items(session: Session, qrefs: dict[int, str]) -> tuple[dict[int, str], list[dict[str, Any]]]:
    rows = sorted(session.exec(select(Story)).all(), key=lambda s: (iso(s.created_at) or "", s.id))
    sample_keys = {s.id: s.sample_key for s in rows}
    refs: dict[int, str] = {}
    items = []
    for number, record in enumerate(story_records(session, rows), start=1):
        refs[record.id] = f"story:{number}"
        links = sorted(({"question": qrefs[q.question_id], "text": q.text, "note": q.note} for q in record.questions),
                       key=lambda link: link["question"])
        items.append({"ref": refs[record.id], **{name: getattr(record, name) for name in TEXT_FIELDS},
                      "status": record.status, "cue_cards": record.cue_cards, "competencies": record.competencies,
                      "tags": record.tags, "questions": links, "sample_key": sample_keys[record.id],
                      "created_at": iso(record.created_at), "updated_at": iso(record.updated_at),
                      "deleted_at": iso(record.deleted_at)})
    return refs, items


def _target_items(session: Session, qrefs: dict[int, str], srefs: dict[int, str]) -> list[dict[str, Any]]:
    items = []
    for target in sorted(session.exec(select(Target)).all(), key=lambda t: (iso(t.created_at) or "", t.id)):
        qids = session.exec(select(TargetQuestion.question_id).where(TargetQuestion.target_id == target.id)).all()
        sids = session.exec(select(TargetStory.story_id).where(TargetStory.target_id == target.id)).all()
        items.append({"company": target.company, "role": target.role, "interview_at": iso(target.interview_at),
                      "interviewers": target.interviewers, "notes": target.notes,
                      "questions_to_ask": json.loads(target.questions_to_ask or "[]"),
                      "questions": sorted(qrefs[q] for q in qids), "competencies": read_weights(session, target.id),
                      "stories": sorted(srefs[s] for s in sids), "created_at": iso(target.created_at),
                      "updated_at": iso(target.updated_at)})
    return items


def _rehearsal_items(session: Session, qrefs: dict[int, str], srefs: dict[int, str]) -> list[dict[str, Any]]:
    rows = sorted(session.exec(select(Rehearsal)).all(), key=lambda r: (iso(r.started_at) or "", r.id))
    return [{"story": srefs.get(r.story_id), "question": qrefs.get(r.question_id), "started_at": iso(r.started_at),
             "section_seconds": json.loads(r.section_seconds or "[]"),
             **{name: getattr(r, name) for name in REHEARSAL_FIELDS}} for r in rows]


def read_payload(session: Session) -> dict[str, Any]:
    qrefs, questions = _question_refs(session)
    srefs, stories = _story_items(session, qrefs)
    custom = [{"key": c.key, "name": c.name, "description": c.description}
              for c in session.exec(select(Competency).where(Competency.builtin == False).order_by(Competency.key))]  # noqa: E712
    return {"competencies": custom, "questions": questions, "stories": stories,
            "targets": _target_items(session, qrefs, srefs), "rehearsals": _rehearsal_items(session, qrefs, srefs),
            "snapshots": snapshot_items(session, srefs)}
