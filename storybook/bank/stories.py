"""Bank: story use cases (create, edit, tag, link, trash, search, samples)."""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from sqlmodel import Session, col, delete, func, select

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.fulltext import SearchHit, search, search_ids
from storybook.bank.listing import (
    CoverageStory,
    StoryFilter,
    StorySummary,
    read_coverage,
    read_search_texts,
    read_summaries,
)
from storybook.bank.listing import matches as _matches
from storybook.bank.listing import sort_records as _sorted
from storybook.bank.snapshots import Reason, add_snapshot, snapshot_if_due, snapshot_status_change
from storybook.model.tables import (
    Competency,
    Question,
    QuestionCompetency,
    Story,
    StoryCompetency,
    StoryQuestion,
    StoryTag,
    Tag,
    utcnow,
)
from storybook.model.values import MAX_FIELD_CHARS, LinkedQuestion, StoryRecord, StoryStatus
from storybook.store.errors import NotFoundError
from storybook.store.seed import load_samples_file

TEXT_FIELDS = ("title", "situation", "task", "action", "result", "reflection", "short_version", "notes")


class StoryTitle(NamedTuple):
    """A story as a chooser shows it."""

    id: int
    title: str


def clean_text(value: Any) -> str:
    """Keep what the user typed, minus NUL (which SQLite text handling truncates at)."""
    text = "" if value is None else str(value)
    return text.replace("\x00", "")[:MAX_FIELD_CHARS]


class StoryService:
    """Bank: everything a user does to stories."""

    def __init__(self, bank: BankBase, on_purged: Callable[[int], object] | None = None) -> None:
        self._bank = bank
        self.on_purged = on_purged  # the facade points this at the rehearsals, whose recordings must go too

    # ---- reading -------------------------------------------------------------------------
    def get(self, story_id: int) -> StoryRecord:
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            return story_records(session, [story])[0]

    def list(self, flt: StoryFilter | None = None) -> list[StoryRecord]:
        flt = flt or StoryFilter()
        with self._bank.unit_of_work() as session:
            query = select(Story)
            query = query.where(col(Story.deleted_at).is_not(None) if flt.trashed else col(Story.deleted_at).is_(None))
            if flt.status:
                query = query.where(Story.status == flt.status)
            rows = list(session.exec(query).all())
            records = story_records(session, rows)
        found = self.search_ids(flt.text, trashed=flt.trashed)
        records = [r for r in records if _matches(r, flt) and (found is None or r.id in found)]
        return _sorted(records, flt.sort)

    def summaries(self, trashed: bool = False) -> list[StorySummary]:
        """What the story list shows (no text), newest edit first, in one query."""
        with self._raw() as conn:
            return read_summaries(conn, trashed=trashed)

    def coverage(self, ids: list[int] | None = None) -> list[CoverageStory]:
        """What the coverage grid shows of each story (or of ``ids``): no text, newest edit first."""
        with self._raw() as conn:
            return read_coverage(conn, ids)

    def search_texts(self, ids: list[int] | None = None) -> dict[int, str]:
        """Each story's searchable text, case-folded, for filter-as-you-type."""
        with self._raw() as conn:
            return read_search_texts(conn, ids)

    def search(self, query: str, trashed: bool = False, ids: list[int] | None = None) -> list[SearchHit]:
        """Stories (or trashed ones) whose title, sections, notes, tags or question notes match ``query``.

        Each hit says which fields matched and carries a snippet; best match first. ``ids`` limits the hits
        to those stories (the list asks for the rows it shows).
        """
        with self._raw() as conn:
            return search(conn, query, trashed=trashed, ids=ids)

    def search_ids(self, query: str, trashed: bool = False) -> set[int] | None:
        """Just the ids of ``search`` (None when the query holds no word: nothing is filtered)."""
        with self._raw() as conn:
            return search_ids(conn, query, trashed=trashed)

    @contextlib.contextmanager
    def _raw(self) -> Iterator[Any]:
        conn = self._bank.engine.raw_connection()
        try:
            yield conn
        finally:
            conn.close()  # back to the pool

    def count(self, trashed: bool = False) -> int:
        """How many stories there are (or are in the trash), without loading them."""
        with self._bank.unit_of_work() as session:
            deleted = col(Story.deleted_at)
            query = select(func.count()).select_from(Story)
            query = query.where(deleted.is_not(None) if trashed else deleted.is_(None))
            return int(session.exec(query).one())

    def titles(self) -> list[StoryTitle]:
        """Id and title of every story not in the trash, most recently edited first (no texts are read)."""
        with self._bank.unit_of_work() as session:
            query = select(Story.id, Story.title).where(col(Story.deleted_at).is_(None))
            rows = session.exec(query.order_by(col(Story.updated_at).desc(), col(Story.id).desc())).all()
        return [StoryTitle(int(story_id), title or "") for story_id, title in rows]

    def all_tags(self) -> list[str]:
        with self._bank.unit_of_work() as session:
            return sorted(session.exec(select(Tag.name)).all(), key=str.casefold)

    # ---- writing -------------------------------------------------------------------------
    def create(self, **fields: Any) -> StoryRecord:
        with self._bank.unit_of_work() as session:
            story = Story()
            apply_story_fields(story, fields)
            session.add(story)
            session.flush()
            apply_story_links(session, story.id, fields)
            record = story_records(session, [story])[0]
        self._changed(record.id, story_list=True)
        return record

    def create_for_question(self, question_id: int) -> StoryRecord:
        """A new draft linked to ``question_id`` with the question's competencies ticked, in one transaction."""
        with self._bank.unit_of_work() as session:
            if session.get(Question, question_id) is None:
                raise NotFoundError(f"There is no question {question_id}.")
            keys = session.exec(
                select(Competency.key).join(QuestionCompetency, QuestionCompetency.competency_id == Competency.id)
                .where(QuestionCompetency.question_id == question_id)
            ).all()
            story = Story(status=StoryStatus.DRAFT.value)
            session.add(story)
            session.flush()
            apply_story_links(session, story.id, {"competencies": sorted(keys)})
            session.add(StoryQuestion(story_id=story.id, question_id=question_id))
            session.flush()
            record = story_records(session, [story])[0]
        self._changed(record.id, story_list=True, questions=True)
        return record

    def update(self, story_id: int, **fields: Any) -> StoryRecord:
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            clock, status_before = self._bank.snapshot_clock, story.status
            snapshot_if_due(session, story_id, lambda: story_records(session, [story])[0], clock)
            apply_story_fields(story, fields)
            story.updated_at = utcnow()
            session.add(story)
            apply_story_links(session, story_id, fields)
            record = story_records(session, [story])[0]
            snapshot_status_change(session, status_before, record, clock)
        self._changed(story_id)
        return record

    def set_competencies(self, story_id: int, keys: list[str]) -> StoryRecord:
        return self.update(story_id, competencies=keys)

    def tag_competency(self, story_id: int, key: str, on: bool = True) -> StoryRecord:
        current = self.get(story_id).competencies
        keys = [k for k in current if k != key] + ([key] if on else [])
        return self.update(story_id, competencies=keys)

    def set_tags(self, story_id: int, names: list[str]) -> StoryRecord:
        return self.update(story_id, tags=names)

    def link_question(self, story_id: int, question_id: int, note: str = "") -> None:
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            if session.get(Question, question_id) is None:
                raise NotFoundError(f"There is no question {question_id}.")
            link = session.get(StoryQuestion, (story_id, question_id))
            link = link or StoryQuestion(story_id=story_id, question_id=question_id)
            link.note = clean_text(note)
            session.add(link)
            story.updated_at = utcnow()
            session.add(story)
        self._changed(story_id, questions=True)

    def unlink_question(self, story_id: int, question_id: int) -> None:
        with self._bank.unit_of_work() as session:
            link = session.get(StoryQuestion, (story_id, question_id))
            if link is not None:
                session.delete(link)
        self._changed(story_id, questions=True)

    def trash(self, story_id: int) -> None:
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            story.deleted_at = utcnow()
            session.add(story)
        self._changed(story_id, story_list=True, trash=True)

    def restore(self, story_id: int) -> None:
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            story.deleted_at = None
            session.add(story)
        self._changed(story_id, story_list=True, trash=True)

    def purge(self, story_id: int) -> None:
        """Delete a story for good, with its links (and rehearsals, by cascade)."""
        with self._bank.unit_of_work() as session:
            story = self._require(session, story_id)
            add_snapshot(session, story_records(session, [story])[0], Reason.PURGE)  # kept until the history is emptied
            session.delete(story)
        if self.on_purged is not None:
            self.on_purged(story_id)
        self._changed(story_id, story_list=True, trash=True, questions=True)

    def empty_trash(self) -> int:
        trashed = self.list(StoryFilter(trashed=True))
        for record in trashed:
            self.purge(record.id)
        return len(trashed)

    def duplicate(self, story_id: int) -> StoryRecord:
        source = self.get(story_id)
        fields: dict[str, Any] = {name: getattr(source, name) for name in TEXT_FIELDS}
        fields["title"] = f"{source.title} (copy)" if source.title else "Untitled (copy)"
        fields.update(status=StoryStatus.DRAFT.value, cue_cards=list(source.cue_cards))
        fields.update(competencies=list(source.competencies), tags=list(source.tags))
        copy = self.create(**fields)
        for link in source.questions:
            self.link_question(copy.id, link.question_id, link.note)
        return self.get(copy.id)

    def load_samples(self) -> int:
        """Add the sample stories that are not in the bank yet; return how many were added."""
        data = load_samples_file()
        with self._bank.unit_of_work() as session:
            have = set(session.exec(select(Story.sample_key).where(col(Story.sample_key).is_not(None))).all())
        added = 0
        for item in data["stories"]:
            if item["key"] in have:
                continue
            fields = {name: item.get(name, "") for name in TEXT_FIELDS}
            fields.update(status=item.get("status", "draft"), cue_cards=item.get("cue_cards", []))
            fields.update(competencies=item.get("competencies", []), tags=item.get("tags", []))
            record = self.create(**fields)
            with self._bank.unit_of_work() as session:
                story = session.get(Story, record.id)
                story.sample_key = item["key"]
                for link in item.get("questions", []):
                    question = session.exec(select(Question).where(Question.key == link["key"])).first()
                    if question is not None:
                        session.add(StoryQuestion(story_id=record.id, question_id=question.id, note=link.get("note", "")))
            self._changed(record.id, questions=True)
            added += 1
        return added

    # ---- helpers -------------------------------------------------------------------------
    def _changed(self, story_id: int | None, **flags: bool) -> None:
        self._bank.changes.emit(ChangeSet.of_stories([story_id], **flags))

    @staticmethod
    def _require(session: Session, story_id: int) -> Story:
        story = session.get(Story, story_id)
        if story is None:
            raise NotFoundError(f"There is no story {story_id}.")
        return story


def apply_story_fields(story: Story, fields: dict[str, Any]) -> None:
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(story, name, clean_text(fields[name]))
    if "status" in fields:
        status = str(fields["status"])
        if status not in {s.value for s in StoryStatus}:
            raise ValueError(f"Status must be 'draft' or 'ready', not {status!r}.")
        story.status = status
    if "cue_cards" in fields:
        cards = [clean_text(c).strip() for c in fields["cue_cards"] or []]
        story.cue_cards = json.dumps([c for c in cards if c], ensure_ascii=False)


def apply_story_links(session: Session, story_id: int, fields: dict[str, Any]) -> None:
    if "competencies" in fields:
        keys = list(dict.fromkeys(fields["competencies"] or []))
        comps = {c.key: c.id for c in session.exec(select(Competency).where(col(Competency.key).in_(keys))).all()}
        unknown = [k for k in keys if k not in comps]
        if unknown:
            raise ValueError(f"Unknown competency: {', '.join(unknown)}.")
        session.exec(delete(StoryCompetency).where(StoryCompetency.story_id == story_id))
        for key in keys:
            session.add(StoryCompetency(story_id=story_id, competency_id=comps[key]))
    if "tags" in fields:
        names = list(dict.fromkeys(n.strip() for n in fields["tags"] or [] if n and n.strip()))
        session.exec(delete(StoryTag).where(StoryTag.story_id == story_id))
        for name in names:
            tag = session.exec(select(Tag).where(Tag.name == name)).first()
            if tag is None:
                tag = Tag(name=clean_text(name)[:100])
                session.add(tag)
                session.flush()
            session.add(StoryTag(story_id=story_id, tag_id=tag.id))
    session.flush()


def story_records(session: Session, stories: list[Story]) -> list[StoryRecord]:
    ids = [s.id for s in stories]
    comps: dict[int, list[str]] = defaultdict(list)
    for story_id, key in session.exec(
        select(StoryCompetency.story_id, Competency.key)
        .join(Competency, Competency.id == StoryCompetency.competency_id)
        .where(col(StoryCompetency.story_id).in_(ids))
    ).all():
        comps[story_id].append(key)
    tags: dict[int, list[str]] = defaultdict(list)
    for story_id, name in session.exec(
        select(StoryTag.story_id, Tag.name).join(Tag, Tag.id == StoryTag.tag_id).where(col(StoryTag.story_id).in_(ids))
    ).all():
        tags[story_id].append(name)
    links: dict[int, list[LinkedQuestion]] = defaultdict(list)
    for story_id, qid, text, note in session.exec(
        select(StoryQuestion.story_id, Question.id, Question.text, StoryQuestion.note)
        .join(Question, Question.id == StoryQuestion.question_id)
        .where(col(StoryQuestion.story_id).in_(ids))
    ).all():
        links[story_id].append(LinkedQuestion(question_id=qid, text=text, note=note))
    return [
        StoryRecord(
            id=s.id,
            **{name: getattr(s, name) for name in TEXT_FIELDS},
            status=s.status,
            cue_cards=json.loads(s.cue_cards or "[]"),
            competencies=sorted(comps[s.id]),
            tags=sorted(tags[s.id], key=str.casefold),
            questions=links[s.id],
            created_at=s.created_at,
            updated_at=s.updated_at,
            deleted_at=s.deleted_at,
        )
        for s in stories
    ]
