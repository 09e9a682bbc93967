"""Store: versioned, idempotent seeding of the built-in question bank and the sample stories."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from storybook.model.tables import Competency, Meta, Question, QuestionCompetency
from storybook.paths import resources_dir

log = logging.getLogger(__name__)
BANK_VERSION_KEY = "question_bank_version"


def load_bank_file(path: Path | None = None) -> dict[str, Any]:
    path = path or resources_dir() / "questions.json"
    return json.loads(path.read_text(encoding="utf-8"))


def load_samples_file(path: Path | None = None) -> dict[str, Any]:
    path = path or resources_dir() / "sample_stories.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _meta_get(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def _meta_set(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key) or Meta(key=key)
    row.value = value
    session.add(row)


def seed_question_bank(session: Session, bank: dict[str, Any]) -> int:
    """Add competencies and questions that are new in ``bank``; return how many questions were added.

    Questions already present keep the user's edits, hidden flags and links: only built-in questions
    the user never edited get the bank's newer wording.
    """
    version = int(bank.get("version", 1))
    stored = _meta_get(session, BANK_VERSION_KEY)
    if stored is not None and int(stored) >= version:
        return 0
    competencies = {c.key: c for c in session.exec(select(Competency)).all()}
    for item in bank["competencies"]:
        if item["key"] not in competencies:
            comp = Competency(key=item["key"], name=item["name"], description=item.get("description", ""))
            session.add(comp)
            competencies[item["key"]] = comp
    session.flush()
    existing = {q.key: q for q in session.exec(select(Question).where(Question.key.is_not(None))).all()}
    added = 0
    for item in bank["questions"]:
        question = existing.get(item["key"])
        if question is None:
            question = Question(key=item["key"], text=item["text"], builtin=True)
            added += 1
        elif question.edited:
            continue
        question.text = item["text"]
        question.assesses = item.get("assesses", "")
        question.key_points = json.dumps(item.get("key_points", []), ensure_ascii=False)
        session.add(question)
        session.flush()
        linked = set(
            session.exec(select(QuestionCompetency.competency_id).where(QuestionCompetency.question_id == question.id))
        )
        for key in item.get("competencies", []):
            comp = competencies.get(key)
            if comp is not None and comp.id not in linked:
                session.add(QuestionCompetency(question_id=question.id, competency_id=comp.id))
    _meta_set(session, BANK_VERSION_KEY, str(version))
    log.info("Seeded question bank version %s: %d new questions", version, added)
    return added
