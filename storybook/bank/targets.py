"""Bank: interview targets (company, role, date, likely questions, weighted competencies, chosen stories).

Competency weights (1 to 5) live on the ``target_competency`` link rows (migration 0004 moved them
there from the ``meta`` table).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.plain_reads import dossier_questions, rehearsal_figures
from storybook.bank.questions import QuestionService, question_records
from storybook.bank.rehearsals import RehearsalService
from storybook.bank.stories import StoryService, clean_text
from storybook.export.dates import countdown_text
from storybook.export.dossier_data import DossierData, RehearsalFigures, TargetInfo
from storybook.model.tables import (
    Competency,
    Question,
    Story,
    Target,
    TargetCompetency,
    TargetQuestion,
    TargetStory,
    utcnow,
)
from storybook.model.values import QuestionRecord
from storybook.store.errors import NotFoundError

TARGETS = ChangeSet(targets=True)

log = logging.getLogger(__name__)

MIN_ASK, MAX_ASK = 3, 5
MIN_WEIGHT, MAX_WEIGHT, DEFAULT_WEIGHT = 1, 5, 3
MAX_SHORT_FIELD = 500


@dataclass
class TargetRecord:
    """Bank: one interview target, detached from the database."""

    id: int
    company: str = ""
    role: str = ""
    interview_at: datetime | None = None  # local wall time, no tzinfo
    interviewers: str = ""
    notes: str = ""
    questions_to_ask: list[str] = field(default_factory=list)
    questions: list[QuestionRecord] = field(default_factory=list)
    competencies: dict[str, int] = field(default_factory=dict)  # key -> weight, heaviest first
    story_ids: list[int] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def name(self) -> str:
        return self.info().label

    def countdown(self, now: datetime | None = None) -> str:
        return countdown_text(self.interview_at, now)

    def info(self) -> TargetInfo:
        return TargetInfo(company=self.company, role=self.role, interview_at=self.interview_at,
                          interviewers=self.interviewers, notes=self.notes,
                          questions_to_ask=list(self.questions_to_ask), competencies=dict(self.competencies))


def clean_asks(items: Iterable[Any]) -> list[str]:
    """Questions to ask: trimmed, no blanks or repeats, at most five."""
    asks = list(dict.fromkeys(clean_text(q).strip()[:MAX_SHORT_FIELD * 2] for q in items or []))
    asks = [q for q in asks if q]
    if len(asks) > MAX_ASK:
        raise ValueError(f"Keep the questions to ask to {MAX_ASK} at most (you have {len(asks)}).")
    return asks


def clean_weights(weights: Mapping[str, Any] | Sequence[str]) -> dict[str, int]:
    """A key -> weight mapping (a plain list of keys gets the default weight); weights must be 1-5."""
    if not isinstance(weights, Mapping):
        weights = dict.fromkeys(weights or [], DEFAULT_WEIGHT)
    out: dict[str, int] = {}
    for key, value in weights.items():
        try:
            weight = int(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"The weight of {key!r} must be a whole number from 1 to 5.") from exc
        if not MIN_WEIGHT <= weight <= MAX_WEIGHT:
            raise ValueError(f"The weight of {key!r} must be from {MIN_WEIGHT} to {MAX_WEIGHT}, not {weight}.")
        out[str(key)] = weight
    return out


class TargetService:
    """Bank: create, edit, list and delete interview targets; gather what a dossier needs."""

    def __init__(self, bank: BankBase, stories: StoryService, questions: QuestionService,
                 rehearsals: RehearsalService) -> None:
        self._bank = bank
        self._stories = stories
        self._questions = questions
        self._rehearsals = rehearsals

    # ---- reading -------------------------------------------------------------------------
    def list(self, now: datetime | None = None) -> list[TargetRecord]:
        """Coming interviews first (soonest first), then undated ones by company, then past ones (latest first)."""
        with self._bank.unit_of_work() as session:
            rows = list(session.exec(select(Target)).all())
            records = [_record(session, row) for row in rows]
        today = (now or datetime.now()).replace(hour=0, minute=0, second=0, microsecond=0)

        def order(t: TargetRecord) -> tuple[int, float, str, int]:
            if t.interview_at is None:
                return 1, 0.0, t.company.casefold(), t.id
            if t.interview_at >= today:
                return 0, t.interview_at.timestamp(), t.company.casefold(), t.id
            return 2, -t.interview_at.timestamp(), t.company.casefold(), t.id

        return sorted(records, key=order)

    def get(self, target_id: int) -> TargetRecord:
        with self._bank.unit_of_work() as session:
            return _record(session, _require(session, target_id))

    def find(self, name: str) -> TargetRecord:
        """A target by id, company, or 'company role'; raise NotFoundError or ValueError when ambiguous."""
        needle = " ".join(str(name).split()).casefold()
        targets = self.list()
        if needle.isdigit():
            for target in targets:
                if target.id == int(needle):
                    return target
        def keys(t: TargetRecord) -> set[str]:
            company, role = t.company.strip().casefold(), t.role.strip().casefold()
            return {company, f"{company} {role}", f"{company} \u2014 {role}", f"{company} - {role}", t.name.casefold()}
        exact = [t for t in targets if needle in keys(t)]
        matches = exact or [t for t in targets if any(k.startswith(needle) for k in keys(t))]
        if not matches:
            known = "; ".join(t.name for t in targets) or "none yet"
            raise NotFoundError(f"There is no target called {name!r} (targets: {known}).")
        if len(matches) > 1:
            raise ValueError(f"{name!r} matches several targets: {'; '.join(f'{t.id} {t.name}' for t in matches)}. "
                             "Use the number.")
        return matches[0]

    # ---- writing -------------------------------------------------------------------------
    def create(self, company: str = "", role: str = "", **fields: Any) -> TargetRecord:
        company, role = _short(company), _short(role)
        if not company and not role:
            raise ValueError("A target needs a company or a role.")
        with self._bank.write(TARGETS) as session:
            target = Target(company=company, role=role)
            session.add(target)
            session.flush()
            target_id = target.id
        try:
            return self.update(target_id, **fields) if fields else self.get(target_id)
        except (ValueError, NotFoundError):
            self.delete(target_id)
            raise

    def update(self, target_id: int, **fields: Any) -> TargetRecord:
        """Change any of: company, role, interview_at, interviewers, notes, questions_to_ask,
        questions, competencies, story_ids."""
        unknown = set(fields) - {"company", "role", "interview_at", "interviewers", "notes", "questions_to_ask",
                                 "questions", "competencies", "story_ids"}
        if unknown:
            raise ValueError(f"Unknown target field: {', '.join(sorted(unknown))}.")
        question_ids = self._resolve_questions(fields["questions"]) if "questions" in fields else None
        with self._bank.write(TARGETS) as session:
            target = _require(session, target_id)
            _apply_fields(target, fields)
            if question_ids is not None:
                relink(session, TargetQuestion, target_id, "question_id", question_ids)
            if "competencies" in fields:
                set_weights(session, target_id, clean_weights(fields["competencies"]))
            if "story_ids" in fields:
                _set_stories(session, target_id, fields["story_ids"])
            target.updated_at = utcnow()
            session.add(target)
            session.flush()
            return _record(session, target)

    def set_questions(self, target_id: int, items: Sequence[int | str]) -> TargetRecord:
        """Questions likely to come up: bank question ids, or typed text (added to the bank as your own)."""
        return self.update(target_id, questions=items)

    def set_competencies(self, target_id: int, weights: Mapping[str, int] | Sequence[str]) -> TargetRecord:
        return self.update(target_id, competencies=weights)

    def set_stories(self, target_id: int, story_ids: Sequence[int]) -> TargetRecord:
        return self.update(target_id, story_ids=story_ids)

    def set_questions_to_ask(self, target_id: int, questions: Sequence[str]) -> TargetRecord:
        return self.update(target_id, questions_to_ask=questions)

    def delete(self, target_id: int) -> None:
        with self._bank.write(TARGETS) as session:
            target = _require(session, target_id)
            for link in (TargetQuestion, TargetCompetency, TargetStory):
                session.exec(delete(link).where(link.target_id == target_id))
            session.delete(target)

    # ---- the dossier ---------------------------------------------------------------------
    def dossier_data(self, target_id: int | None = None) -> DossierData:
        """Plain data for the dossier: the target's chosen stories (all stories if none or no target)."""
        target = self.get(target_id) if target_id is not None else None
        stories = self._stories.list()
        if target and target.story_ids:
            chosen = set(target.story_ids)
            stories = [s for s in stories if s.id in chosen]
        stories.sort(key=lambda s: (s.title.casefold(), s.id))
        settings, pace_source = self._rehearsals.effective_settings()
        questions, unlinked = self._map_questions(target, stories)
        return DossierData(
            stories=stories, settings=settings, competency_names=self._questions.competency_names(),
            questions=questions, unlinked_questions=unlinked, target=target.info() if target else None,
            rehearsals=self.rehearsal_figures([s.id for s in stories]), pace_source=pace_source,
        )

    def rehearsal_figures(self, story_ids: Sequence[int]) -> dict[int, RehearsalFigures]:
        """Runs, last, best and average per story, from the rehearsal use cases (one query for all stories)."""
        return rehearsal_figures(self._rehearsals.list(), story_ids)  # newest first

    def _map_questions(self, target: TargetRecord | None, stories: list) -> tuple[list[QuestionRecord], int]:
        if target is not None:
            return list(target.questions), 0
        return dossier_questions(self._questions.list(), stories)

    def _resolve_questions(self, items: Sequence[int | str]) -> list[int]:
        """Bank ids stay; typed text reuses a question with the same wording or becomes a new one."""
        existing = {q.text.strip().casefold(): q.id for q in self._questions.list(include_hidden=True)}
        out: list[int] = []
        for item in items or []:
            if isinstance(item, int) or (isinstance(item, str) and item.strip().isdigit()):
                out.append(int(item))
                continue
            text = clean_text(item).strip()
            if not text:
                continue
            question_id = existing.get(text.casefold())
            if question_id is None:
                question_id = self._questions.add(text).id
                existing[text.casefold()] = question_id
            out.append(question_id)
        return list(dict.fromkeys(out))


# ---- helpers ---------------------------------------------------------------------------------
def _short(value: Any) -> str:
    return " ".join(clean_text(value).split())[:MAX_SHORT_FIELD]


def _require(session: Session, target_id: int) -> Target:
    target = session.get(Target, target_id)
    if target is None:
        raise NotFoundError(f"There is no target {target_id}.")
    return target


def _apply_fields(target: Target, fields: dict[str, Any]) -> None:
    for name in ("company", "role", "interviewers"):
        if name in fields:
            setattr(target, name, _short(fields[name]))
    if not target.company and not target.role:
        raise ValueError("A target needs a company or a role.")
    if "notes" in fields:
        target.notes = clean_text(fields["notes"])
    if "interview_at" in fields:
        target.interview_at = as_datetime(fields["interview_at"])
    if "questions_to_ask" in fields:
        target.questions_to_ask = json.dumps(clean_asks(fields["questions_to_ask"]), ensure_ascii=False)


def as_datetime(value: Any) -> datetime | None:
    """Stored in UTC; a naive value is the user's local wall time."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return (value.astimezone() if value.tzinfo is None else value).astimezone(UTC)
    try:
        return as_datetime(datetime.fromisoformat(str(value).strip()))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD or YYYY-MM-DD HH:MM.") from exc


def local_time(value: datetime | None) -> datetime | None:
    """A stored (UTC) moment as the user's local wall time, without tzinfo."""
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone().replace(tzinfo=None)


def relink(session: Session, link: type, target_id: int, column: str, ids: Sequence[int]) -> None:
    if column == "question_id":
        found = set(session.exec(select(Question.id).where(col(Question.id).in_(list(ids)))).all())
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"There is no question {missing[0]}.")
    session.exec(delete(link).where(link.target_id == target_id))
    for value in dict.fromkeys(ids):
        session.add(link(target_id=target_id, **{column: value}))


def _set_stories(session: Session, target_id: int, story_ids: Sequence[int]) -> None:
    ids = [int(i) for i in story_ids or []]
    found = set(session.exec(select(Story.id).where(col(Story.id).in_(ids))).all())
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(f"There is no story {missing[0]}.")
    relink(session, TargetStory, target_id, "story_id", ids)


def set_weights(session: Session, target_id: int, weights: dict[str, int]) -> None:
    comps = {c.key: c.id for c in session.exec(select(Competency)).all()}
    unknown = [k for k in weights if k not in comps]
    if unknown:
        raise ValueError(f"Unknown competency: {', '.join(unknown)}.")
    session.exec(delete(TargetCompetency).where(TargetCompetency.target_id == target_id))
    for key, weight in weights.items():
        session.add(TargetCompetency(target_id=target_id, competency_id=comps[key], weight=weight))


def read_weights(session: Session, target_id: int) -> dict[str, int]:
    """The target's competencies with their weights, heaviest first."""
    rows = session.exec(
        select(Competency.key, TargetCompetency.weight)
        .join(TargetCompetency, TargetCompetency.competency_id == Competency.id)
        .where(TargetCompetency.target_id == target_id)
    ).all()
    return dict(sorted(((k, int(w)) for k, w in rows), key=lambda kv: (-kv[1], kv[0])))


def _record(session: Session, target: Target) -> TargetRecord:

    question_ids = session.exec(select(TargetQuestion.question_id).where(TargetQuestion.target_id == target.id)).all()
    questions = list(session.exec(select(Question).where(col(Question.id).in_(list(question_ids)))
                                  .order_by(Question.id)).all())
    story_ids = sorted(session.exec(select(TargetStory.story_id).where(TargetStory.target_id == target.id)).all())
    return TargetRecord(
        id=target.id, company=target.company, role=target.role, interview_at=local_time(target.interview_at),
        interviewers=target.interviewers, notes=target.notes,
        questions_to_ask=json.loads(target.questions_to_ask or "[]"),
        questions=question_records(session, questions), competencies=read_weights(session, target.id),
        story_ids=list(story_ids), created_at=target.created_at, updated_at=target.updated_at,
    )
