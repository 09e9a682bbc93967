"""Model: plain value objects shared by every layer (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

SECTIONS: tuple[str, ...] = ("situation", "task", "action", "result")
MAX_FIELD_CHARS = 2_000_000  # one text field holds at most this many characters (a megabyte pasted is fine)
SECTION_TITLES: dict[str, str] = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "reflection": "Reflection",
    "short_version": "Short version",
}


class StoryStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"


@dataclass
class LinkedQuestion:
    """A question a story answers, with the angle the story takes."""

    question_id: int
    text: str
    note: str = ""


@dataclass
class StoryRecord:
    """A story with its tags, competencies and linked questions, detached from the database."""

    id: int | None = None
    title: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    short_version: str = ""
    notes: str = ""
    status: str = StoryStatus.DRAFT.value
    cue_cards: list[str] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    questions: list[LinkedQuestion] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    def section_text(self, section: str) -> str:
        return str(getattr(self, section) or "")

    def full_text(self) -> str:
        return "\n\n".join(self.section_text(s) for s in SECTIONS)


@dataclass
class QuestionRecord:
    """A bank question with its competencies and the stories linked to it."""

    id: int
    text: str
    assesses: str = ""
    key_points: list[str] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    builtin: bool = True
    hidden: bool = False
    key: str | None = None
    story_ids: list[int] = field(default_factory=list)


@dataclass
class CompetencyRecord:
    id: int
    key: str
    name: str
    description: str = ""


@dataclass
class Settings:
    """User preferences read by the checks, the rehearsal timer and the dossier."""

    pace_wpm: float = 150.0
    target_seconds: int = 120
    limit_seconds: int = 180
    short_seconds: int = 60
    # The reference text: prepare 5-7 detailed stories, each showing several competencies.
    stories_min: int = 5
    stories_max: int = 7
    split: tuple[int, int, int, int] = (15, 10, 60, 15)
    use_measured_pace: bool = True
    user_name: str = ""
    page_size: str = "A4"
    rehearsal_sound: bool = True
    spelling_language: str = ""  # spell check: "en_US", "en_GB", or "" to follow the system locale
    plan_hours: dict[str, float] = field(
        default_factory=lambda: {
            "Stories": 4.0,
            "Rehearsal": 3.0,
            "Company research": 2.0,
            "Questions to ask": 1.0,
        }
    )
    # Where pace_wpm came from: "default", "settings" (the user's own figure) or "measured" (rehearsals).
    # Set by the bank's effective settings for the checks' messages; never stored.
    pace_source: str = field(default="default", compare=False, metadata={"stored": False})

    def section_share(self, section: str) -> float:
        total = sum(self.split) or 1
        return self.split[SECTIONS.index(section)] / total

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if not f.metadata.get("stored", True):
                continue
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls) if f.metadata.get("stored", True)}
        kwargs = {k: v for k, v in data.items() if k in known}
        if "split" in kwargs:
            kwargs["split"] = tuple(int(x) for x in kwargs["split"])[:4]
            if len(kwargs["split"]) != 4:
                kwargs.pop("split")
        return cls(**kwargs)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    """One explained observation about a story, placed at a character span of one section."""

    code: str
    severity: str
    section: str
    start: int
    end: int
    message: str
    suggestion: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Metric:
    """A measure of impact found in a section (kind: percent, money, count, duration, multiplier, change, rank)."""

    text: str
    kind: str
    section: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "section": self.section, "start": self.start, "end": self.end}


@dataclass
class StoryReport:
    """Everything the checks found in one story; ``to_json`` gives the CLI's fixed shape."""

    engine: dict[str, Any]
    words: dict[str, int]
    spoken_seconds: float
    quantified: bool
    metrics: list[Metric]
    i_we: dict[str, int]
    findings: list[Finding]
    score: int
    title: str = ""
    story_id: int | None = None
    rubric: Rubric | None = None
    length: str = ""  # the length verdict's words ("short", "on target", "over the limit"); not in the JSON

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.story_id is not None:
            data["id"] = self.story_id
        data.update(
            title=self.title,
            engine=self.engine,
            words=self.words,
            spoken_seconds=self.spoken_seconds,
            quantified=self.quantified,
            metrics=[m.to_json() for m in self.metrics],
            i_we=self.i_we,
            findings=[f.to_json() for f in self.findings],
            score=self.score,
        )
        if self.rubric is not None:
            data["rubric"] = self.rubric.to_json()
        return data


@dataclass(frozen=True)
class RubricDimension:
    """One part of the readiness score: points earned from evidence in the text, and why."""

    key: str
    name: str
    points: int
    maximum: int
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "points": self.points,
            "max": self.maximum,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Rubric:
    """The readiness score as a readable rubric: its dimensions add up to the total."""

    dimensions: tuple[RubricDimension, ...]

    @property
    def total(self) -> int:
        return sum(d.points for d in self.dimensions)

    @property
    def maximum(self) -> int:
        return sum(d.maximum for d in self.dimensions)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "max": self.maximum, "dimensions": [d.to_json() for d in self.dimensions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rubric:
        """The rubric ``to_json`` wrote (a stored report reads it back)."""
        return cls(tuple(RubricDimension(key=str(d["key"]), name=str(d["name"]), points=int(d["points"]),
                                         maximum=int(d["max"]), reasons=tuple(str(r) for r in d["reasons"]))
                         for d in data["dimensions"]))
