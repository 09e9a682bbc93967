"""Bank: writing an imported payload into the database (the import half of the transfer).

Nothing is overwritten silently: same-title stories and same targets are reported and skipped unless
``replace`` is set. Every function runs inside the caller's unit of work, so a dry run can roll back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session, col, delete, select

from storybook.bank.questions import apply_question_fields
from storybook.bank.snapshots import Reason, add_snapshot
from storybook.bank.stories import TEXT_FIELDS, apply_story_fields, apply_story_links, clean_text, story_records
from storybook.bank.targets import as_datetime, relink, set_weights
from storybook.bank.transfer_export import REHEARSAL_FIELDS
from storybook.export.portable import iso, parse_datetime
from storybook.model.tables import (
    Competency,
    Question,
    Rehearsal,
    Story,
    StoryQuestion,
    Target,
    TargetQuestion,
    TargetStory,
    utcnow,
)


@dataclass
class ImportReport:
    """Bank: what an import did (or, in a dry run, would do)."""

    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    questions_added: int = 0
    questions_updated: int = 0
    targets_added: list[str] = field(default_factory=list)
    targets_replaced: list[str] = field(default_factory=list)
    targets_skipped: list[str] = field(default_factory=list)
    rehearsals_added: int = 0
    warnings: list[str] = field(default_factory=list)
    dictionary_words_added: int = 0  # personal spell-check words new to this bank

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.questions_added or self.questions_updated
                     or self.targets_added or self.targets_replaced or self.rehearsals_added)

    def lines(self) -> list[str]:
        words = ("Would add", "replace", "skip") if self.dry_run else ("Added", "replaced", "skipped")
        out = [f"{words[0]} {_count(len(self.added), 'story', 'stories')}, {words[1]} {len(self.replaced)}, "
               f"{words[2]} {len(self.skipped)}."]
        out += [f"  + {t}" for t in self.added]
        out += [f"  ~ {t} (replaced)" for t in self.replaced]
        out += [f"  = {t} (a story with this title exists; use --replace to overwrite it)" for t in self.skipped]
        if self.questions_added or self.questions_updated:
            out.append(f"Questions: {self.questions_added} new, {self.questions_updated} updated.")
        if self.targets_added or self.targets_replaced or self.targets_skipped:
            out.append(f"Targets: {len(self.targets_added)} new, {len(self.targets_replaced)} replaced, "
                       f"{len(self.targets_skipped)} skipped (already there).")
        if self.rehearsals_added:
            out.append(f"Rehearsal records: {self.rehearsals_added} new.")
        if self.dictionary_words_added:
            out.append(f"Personal dictionary: {_count(self.dictionary_words_added, 'word', 'words')} added.")
        out += [f"Note: {w}" for w in self.warnings]
        if self.dry_run:
            out.append("Dry run: nothing was changed.")
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def norm(text: str) -> str:
    return " ".join(str(text).replace("-", " ").replace("_", " ").casefold().split())


def known_competencies(session: Session) -> dict[str, str]:
    """Normalised key or name -> competency key (so 'Data-driven decisions' and 'data-driven' both match)."""
    out: dict[str, str] = {}
    for comp in session.exec(select(Competency)).all():
        out[norm(comp.key)] = comp.key
        out[norm(comp.name)] = comp.key
    return out


class _QuestionMap:
    """Bank: question refs from a file -> question ids in this bank."""

    def __init__(self, session: Session) -> None:
        rows = list(session.exec(select(Question)).all())
        self.by_key = {q.key: q for q in rows if q.key}
        self.by_text = {q.text.strip().casefold(): q for q in rows}
        self.refs: dict[str, int] = {}

    def id_for(self, ref: Any, text: Any = "") -> int | None:
        ref = str(ref or "")
        if ref in self.refs:
            return self.refs[ref]
        found = self.by_key.get(ref[5:]) if ref.startswith("bank:") else None
        found = found or self.by_text.get(clean_text(text).strip().casefold())
        return found.id if found else None


def _apply_known(session: Session, question: Question, item: dict[str, Any], comps: dict[str, str]) -> None:
    keys = [comps[norm(k)] for k in item.get("competencies") or [] if norm(k) in comps]
    apply_question_fields(session, question, {"assesses": item.get("assesses", ""), "competencies": keys,
                                              "key_points": item.get("key_points") or []})


def apply_questions(session: Session, payload: dict[str, Any], replace: bool, report: ImportReport) -> _QuestionMap:
    for item in payload["competencies"]:
        if item.get("key") and session.exec(select(Competency).where(Competency.key == item["key"])).first() is None:
            session.add(Competency(key=clean_text(item["key"])[:80], name=clean_text(item.get("name") or item["key"]),
                                   description=clean_text(item.get("description", "")), builtin=False))
    session.flush()
    comps, qmap = known_competencies(session), _QuestionMap(session)
    for item in payload["questions"]:
        ref, text = str(item.get("ref", "")), clean_text(item.get("text")).strip()
        question = qmap.by_key.get(ref[5:]) if ref.startswith("bank:") else qmap.by_text.get(text.casefold())
        if question is None and ref.startswith("bank:"):
            report.warnings.append(f"the question {ref[5:]!r} is not in this question bank; its links were left out")
            continue
        if question is None:
            if not text:
                continue
            question = Question(text=text, builtin=False, edited=bool(item.get("edited", True)),
                                hidden=bool(item.get("hidden")))
            session.add(question)
            session.flush()
            _apply_known(session, question, item, comps)
            qmap.by_text[text.casefold()] = question
            report.questions_added += 1
        elif _update_question(session, question, item, text, replace, report, comps):
            report.questions_updated += 1
        qmap.refs[ref] = question.id
    return qmap


def _update_question(session: Session, question: Question, item: dict[str, Any], text: str, replace: bool,
                     report: ImportReport, comps: dict[str, str]) -> bool:
    changed = False
    if item.get("edited") and text and question.builtin and question.text != text:
        if question.edited and not replace:
            report.warnings.append(f"kept your wording of {question.text[:60]!r} (use replace to take the file's)")
        else:
            question.text, question.edited, changed = text, True, True
            _apply_known(session, question, item, comps)
    hidden = bool(item.get("hidden"))
    if hidden != question.hidden and (hidden or replace):
        question.hidden, changed = hidden, True
    session.add(question)
    return changed


class StoryWriter:
    """Bank: adds or replaces stories from imported data, skipping same-title ones unless replacing."""

    def __init__(self, session: Session, replace: bool, report: ImportReport) -> None:
        self.session, self.replace, self.report = session, replace, report
        rows = session.exec(select(Story.id, Story.title, Story.deleted_at).order_by(col(Story.id).desc())).all()
        self.existing = {t.strip().casefold(): sid for sid, t, gone in rows if t.strip() and gone is None}
        self.trashed = {t.strip().casefold(): sid for sid, t, gone in rows if t.strip() and gone is not None}
        self.fresh_ids: set[int] = set()
        self.added_ids: list[int] = []  # new stories (not replaced ones), in the order they were added
        self.comps = known_competencies(session)

    def _fields(self, item: dict[str, Any], title: str) -> dict[str, Any]:
        fields = {name: clean_text(item.get(name)) for name in TEXT_FIELDS}
        status = str(item.get("status") or "draft")
        if status not in ("draft", "ready"):
            self.report.warnings.append(f"{title}: status {status!r} is not draft or ready; imported as draft")
            status = "draft"
        unknown = [k for k in item.get("competencies") or [] if norm(k) not in self.comps]
        if unknown:
            self.report.warnings.append(f"{title}: unknown competency {', '.join(map(repr, unknown))} left out")
        comps = list(dict.fromkeys(self.comps[norm(k)] for k in item.get("competencies") or [] if norm(k) in self.comps))
        fields.update(status=status, cue_cards=[str(c) for c in item.get("cue_cards") or []], competencies=comps,
                      tags=[str(t) for t in item.get("tags") or []])
        return fields

    def write(self, item: dict[str, Any], questions: _QuestionMap | dict) -> int | None:
        title = clean_text(item.get("title")).strip()
        label = title or "Untitled"
        existing_id = self.existing.get(title.casefold()) if title else None
        if existing_id is None and title and item.get("deleted_at"):
            existing_id = self.trashed.get(title.casefold())  # the same story, still in the trash
        if existing_id is not None and not self.replace:
            self.report.skipped.append(label)
            return existing_id
        fields = self._fields(item, label)
        story = self.session.get(Story, existing_id) if existing_id is not None else Story()
        if existing_id is not None:  # the text it replaces stays in the story's history
            add_snapshot(self.session, story_records(self.session, [story])[0], Reason.IMPORT)
        apply_story_fields(story, fields)
        if existing_id is None:
            story.created_at = parse_datetime(item.get("created_at")) or utcnow()
            story.deleted_at = parse_datetime(item.get("deleted_at"))
            story.sample_key = item.get("sample_key") or None
        story.updated_at = parse_datetime(item.get("updated_at")) if existing_id is None else utcnow()
        story.updated_at = story.updated_at or utcnow()
        self.session.add(story)
        self.session.flush()
        apply_story_links(self.session, story.id, fields)
        if "questions" in item:
            self._link_questions(story.id, item["questions"] or [], questions)
        (self.report.added if existing_id is None else self.report.replaced).append(label)
        if existing_id is None:
            self.added_ids.append(story.id)
        self.fresh_ids.add(story.id)
        return story.id

    def _link_questions(self, story_id: int, links: list[dict[str, Any]], questions: _QuestionMap | dict) -> None:
        self.session.exec(delete(StoryQuestion).where(StoryQuestion.story_id == story_id))
        seen: set[int] = set()
        for link in links:
            qid = questions.id_for(link.get("question"), link.get("text")) if isinstance(questions, _QuestionMap) \
                else None
            if qid is None:
                self.report.warnings.append(f"a link to {str(link.get('text') or link.get('question'))[:60]!r} "
                                            "was left out: no such question here")
            elif qid not in seen:
                seen.add(qid)
                self.session.add(StoryQuestion(story_id=story_id, question_id=qid, note=clean_text(link.get("note"))))
        self.session.flush()


def _target_key(company: str, role: str, when: Any) -> tuple[str, str, str | None]:
    return company.strip().casefold(), role.strip().casefold(), iso(when)


def import_targets(session: Session, items: list[dict[str, Any]], questions: _QuestionMap,
                   stories: dict[str, int | None], replace: bool, report: ImportReport) -> None:
    existing = {_target_key(t.company, t.role, t.interview_at): t.id for t in session.exec(select(Target)).all()}
    for item in items:
        company, role = clean_text(item.get("company")).strip(), clean_text(item.get("role")).strip()
        when = as_datetime(item.get("interview_at"))
        label = " \u2014 ".join(p for p in (company, role) if p) or "Interview"
        found = existing.get(_target_key(company, role, when))
        if found is not None and not replace:
            report.targets_skipped.append(label)
            continue
        target = session.get(Target, found) if found is not None else Target()
        asks = [clean_text(q).strip() for q in item.get("questions_to_ask") or [] if clean_text(q).strip()]
        target.company, target.role, target.interview_at = company, role, when
        target.interviewers, target.notes = clean_text(item.get("interviewers")), clean_text(item.get("notes"))
        target.questions_to_ask = json.dumps(asks[:5], ensure_ascii=False)
        target.created_at = parse_datetime(item.get("created_at")) or utcnow() if found is None else target.created_at
        target.updated_at = parse_datetime(item.get("updated_at")) or utcnow() if found is None else utcnow()
        session.add(target)
        session.flush()
        qids = [questions.id_for(ref) for ref in item.get("questions") or []]
        relink(session, TargetQuestion, target.id, "question_id", [q for q in qids if q is not None])
        weights = {k: int(v) for k, v in (item.get("competencies") or {}).items()
                   if session.exec(select(Competency.id).where(Competency.key == k)).first() is not None}
        set_weights(session, target.id, weights)
        sids = [stories.get(str(ref)) for ref in item.get("stories") or []]
        relink(session, TargetStory, target.id, "story_id", [s for s in sids if s is not None])
        (report.targets_added if found is None else report.targets_replaced).append(label)


def import_rehearsals(session: Session, items: list[dict[str, Any]], questions: _QuestionMap, fresh: set[int],
                      stories: dict[str, int | None], report: ImportReport) -> None:
    have = {(r.story_id, iso(r.started_at)) for r in session.exec(select(Rehearsal)).all()}
    for item in items:
        ref = item.get("story")
        story_id = stories.get(str(ref)) if ref else None
        if ref and (story_id is None or story_id not in fresh):
            continue  # its story was skipped
        started = parse_datetime(item.get("started_at")) or utcnow()
        if (story_id, iso(started)) in have:
            continue
        have.add((story_id, iso(started)))
        values = {name: item[name] for name in REHEARSAL_FIELDS if item.get(name) is not None}
        values["note"] = clean_text(values.get("note", ""))
        session.add(Rehearsal(story_id=story_id, question_id=questions.id_for(item.get("question")),
                              started_at=started, section_seconds=json.dumps(item.get("section_seconds") or []),
                              **values))
        report.rehearsals_added += 1
    session.flush()
