"""Model: SQLModel table classes. Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _fk(target: str, ondelete: str = "CASCADE", primary_key: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), primary_key=primary_key)


class Story(SQLModel, table=True):
    __tablename__ = "story"

    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    short_version: str = ""
    notes: str = ""
    status: str = Field(default="draft", index=True)
    cue_cards: str = "[]"  # JSON list of short anchors
    sample_key: str | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    deleted_at: datetime | None = Field(default=None, index=True)


class Competency(SQLModel, table=True):
    __tablename__ = "competency"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    description: str = ""
    builtin: bool = True


class Question(SQLModel, table=True):
    __tablename__ = "question"

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, unique=True, index=True)
    text: str
    assesses: str = ""
    key_points: str = "[]"  # JSON list
    builtin: bool = True
    hidden: bool = Field(default=False, index=True)
    edited: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class StoryCompetency(SQLModel, table=True):
    __tablename__ = "story_competency"

    story_id: int = Field(sa_column=_fk("story.id"))
    competency_id: int = Field(sa_column=_fk("competency.id"))


class QuestionCompetency(SQLModel, table=True):
    __tablename__ = "question_competency"

    question_id: int = Field(sa_column=_fk("question.id"))
    competency_id: int = Field(sa_column=_fk("competency.id"))


class StoryQuestion(SQLModel, table=True):
    __tablename__ = "story_question"

    story_id: int = Field(sa_column=_fk("story.id"))
    question_id: int = Field(sa_column=_fk("question.id"))
    note: str = ""


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)


class StoryTag(SQLModel, table=True):
    __tablename__ = "story_tag"

    story_id: int = Field(sa_column=_fk("story.id"))
    tag_id: int = Field(sa_column=_fk("tag.id"))


class Meta(SQLModel, table=True):
    """Key-value facts about this database: seed versions, settings."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str = ""


class Rehearsal(SQLModel, table=True):
    """One timed spoken run of a story (migration 0002)."""

    __tablename__ = "rehearsal"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(sa_column=Column(Integer, ForeignKey("story.id", ondelete="CASCADE"), index=True))
    question_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("question.id", ondelete="SET NULL"), nullable=True)
    )
    started_at: datetime = Field(default_factory=utcnow, index=True)
    section_seconds: str = "[0, 0, 0, 0]"  # JSON list, STAR order
    total_seconds: float = 0.0
    target_seconds: int = 120
    limit_seconds: int = 180
    mode: str = "full"  # full | cue | blind
    outcome: str = "finished"  # finished | aborted
    rating: int | None = None
    note: str = ""
    recording_path: str | None = None
    had_story: bool = True
    words: int | None = None
    speech_seconds: float | None = None
    wpm: float | None = None


class Target(SQLModel, table=True):
    """An interview the user prepares for (migration 0003)."""

    __tablename__ = "target"

    id: int | None = Field(default=None, primary_key=True)
    company: str = ""
    role: str = ""
    interview_at: datetime | None = None
    interviewers: str = ""
    notes: str = ""
    questions_to_ask: str = "[]"  # JSON list
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TargetQuestion(SQLModel, table=True):
    __tablename__ = "target_question"

    target_id: int = Field(sa_column=_fk("target.id"))
    question_id: int = Field(sa_column=_fk("question.id"))


class TargetCompetency(SQLModel, table=True):
    """How much a target weighs one competency, 1 to 5 (migration 0004 added the weight)."""

    __tablename__ = "target_competency"

    target_id: int = Field(sa_column=_fk("target.id"))
    competency_id: int = Field(sa_column=_fk("competency.id"))
    weight: int = Field(default=3, sa_column_kwargs={"server_default": "3"})


class TargetStory(SQLModel, table=True):
    __tablename__ = "target_story"

    target_id: int = Field(sa_column=_fk("target.id"))
    story_id: int = Field(sa_column=_fk("story.id"))


class StoredReport(SQLModel, table=True):
    """The last check report of a story, with what it was computed from (see analysis.stored)."""

    __tablename__ = "story_report"
    story_id: int = Field(sa_column=_fk("story.id"))
    text_hash: str
    engine_key: str
    report_json: str
    score: int
    checked_at: datetime = Field(default_factory=utcnow)


class StorySnapshot(SQLModel, table=True):
    """A whole story as it was at one moment (see bank.history). Outlives its story: no foreign key."""

    __tablename__ = "story_snapshot"
    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(index=False)
    taken_at: datetime = Field(default_factory=utcnow)
    reason: str
    words: int = 0
    payload_json: str
