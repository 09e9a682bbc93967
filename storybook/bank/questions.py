"""Bank: the question bank and competencies (browse, add, edit, hide)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, delete, select

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.stories import clean_text
from storybook.model.tables import Competency, Question, QuestionCompetency, Story, StoryQuestion
from storybook.model.values import CompetencyRecord, QuestionRecord
from storybook.store.errors import NotFoundError

QUESTIONS = ChangeSet(questions=True)


class QuestionService:
    """Bank: read and change the question bank."""

    def __init__(self, bank: BankBase) -> None:
        self._bank = bank

    def competencies(self) -> list[CompetencyRecord]:
        with self._bank.unit_of_work() as session:
            rows = session.exec(select(Competency).order_by(Competency.name)).all()
            return [CompetencyRecord(id=c.id, key=c.key, name=c.name, description=c.description) for c in rows]

    def competency_names(self) -> dict[str, str]:
        return {c.key: c.name for c in self.competencies()}

    def list(self, competency: str | None = None, text: str = "", include_hidden: bool = False) -> list[QuestionRecord]:
        with self._bank.unit_of_work() as session:
            query = select(Question)
            if not include_hidden:
                query = query.where(Question.hidden == False)  # noqa: E712
            records = question_records(session, list(session.exec(query.order_by(Question.id)).all()))
        needle = text.strip().casefold()
        return [
            r
            for r in records
            if (competency is None or competency in r.competencies)
            and (not needle or all(w in (r.text + " " + r.assesses).casefold() for w in needle.split()))
        ]

    def get(self, question_id: int) -> QuestionRecord:
        with self._bank.unit_of_work() as session:
            question = session.get(Question, question_id)
            if question is None:
                raise NotFoundError(f"There is no question {question_id}.")
            return question_records(session, [question])[0]

    def add(self, text: str, assesses: str = "", key_points: list[str] | None = None,
            competencies: list[str] | None = None) -> QuestionRecord:
        text = clean_text(text).strip()
        if not text:
            raise ValueError("A question needs some text.")
        with self._bank.write(QUESTIONS) as session:
            question = Question(text=text, builtin=False, edited=True)
            session.add(question)
            session.flush()
            apply_question_fields(session, question, {"assesses": assesses, "key_points": key_points or [],
                                       "competencies": competencies or []})
            return question_records(session, [question])[0]

    def edit(self, question_id: int, **fields: Any) -> QuestionRecord:
        with self._bank.write(QUESTIONS) as session:
            question = session.get(Question, question_id)
            if question is None:
                raise NotFoundError(f"There is no question {question_id}.")
            if "text" in fields:
                text = clean_text(fields["text"]).strip()
                if not text:
                    raise ValueError("A question needs some text.")
                question.text = text
            apply_question_fields(session, question, fields)
            question.edited = True
            session.add(question)
            return question_records(session, [question])[0]

    def set_hidden(self, question_id: int, hidden: bool = True) -> None:
        with self._bank.write(QUESTIONS) as session:
            question = session.get(Question, question_id)
            if question is None:
                raise NotFoundError(f"There is no question {question_id}.")
            question.hidden = hidden
            session.add(question)

    def delete_custom(self, question_id: int) -> None:
        """Delete a question the user added; built-in ones can only be hidden."""
        with self._bank.write(QUESTIONS) as session:
            question = session.get(Question, question_id)
            if question is None:
                raise NotFoundError(f"There is no question {question_id}.")
            if question.builtin:
                raise ValueError("Built-in questions can be hidden but not deleted.")
            session.delete(question)


def apply_question_fields(session: Session, question: Question, fields: dict[str, Any]) -> None:
    if "assesses" in fields:
        question.assesses = clean_text(fields["assesses"])
    if "key_points" in fields:
        points = [clean_text(p).strip() for p in fields["key_points"] or []]
        question.key_points = json.dumps([p for p in points if p], ensure_ascii=False)
    if "competencies" in fields:
        keys = list(dict.fromkeys(fields["competencies"] or []))
        comps = {c.key: c.id for c in session.exec(select(Competency).where(col(Competency.key).in_(keys))).all()}
        unknown = [k for k in keys if k not in comps]
        if unknown:
            raise ValueError(f"Unknown competency: {', '.join(unknown)}.")
        session.exec(delete(QuestionCompetency).where(QuestionCompetency.question_id == question.id))
        for key in keys:
            session.add(QuestionCompetency(question_id=question.id, competency_id=comps[key]))
    session.flush()


def question_records(session: Session, questions: list[Question]) -> list[QuestionRecord]:
    ids = [q.id for q in questions]
    comps: dict[int, list[str]] = defaultdict(list)
    for qid, key in session.exec(
        select(QuestionCompetency.question_id, Competency.key)
        .join(Competency, Competency.id == QuestionCompetency.competency_id)
        .where(col(QuestionCompetency.question_id).in_(ids))
    ).all():
        comps[qid].append(key)
    stories: dict[int, list[int]] = defaultdict(list)
    for qid, sid in session.exec(
        select(StoryQuestion.question_id, StoryQuestion.story_id)
        .join(Story, Story.id == StoryQuestion.story_id)
        .where(col(StoryQuestion.question_id).in_(ids), col(Story.deleted_at).is_(None))
    ).all():
        stories[qid].append(sid)
    return [
        QuestionRecord(
            id=q.id, text=q.text, assesses=q.assesses, key_points=json.loads(q.key_points or "[]"),
            competencies=sorted(comps[q.id]), builtin=q.builtin, hidden=q.hidden, key=q.key,
            story_ids=sorted(stories[q.id]),
        )
        for q in questions
    ]
