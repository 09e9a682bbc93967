"""Export: the plain data a dossier shows (no database, no python-docx), shared by the builder and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storybook.model.values import QuestionRecord, Settings, StoryRecord, StoryReport

__all__ = ["DossierData", "RehearsalFigures", "TargetInfo"]


@dataclass
class TargetInfo:
    """Export: the interview a dossier is prepared for (company, role, date, what matters there)."""

    company: str = ""
    role: str = ""
    interview_at: datetime | None = None
    interviewers: str = ""
    notes: str = ""
    questions_to_ask: list[str] = field(default_factory=list)
    competencies: dict[str, int] = field(default_factory=dict)  # key -> weight (1..5)

    @property
    def label(self) -> str:
        parts = [p.strip() for p in (self.company, self.role) if p and p.strip()]
        return " \u2014 ".join(parts) or "Interview"


@dataclass
class RehearsalFigures:
    """Export: what the rehearsals of one story add up to."""

    runs: int = 0
    last_seconds: float | None = None
    best_seconds: float | None = None
    average_seconds: float | None = None
    target_seconds: int | None = None


@dataclass
class DossierData:
    """Export: everything a dossier shows, as plain objects (no database)."""

    stories: list[StoryRecord]
    settings: Settings = field(default_factory=Settings)
    competency_names: dict[str, str] = field(default_factory=dict)
    questions: list[QuestionRecord] = field(default_factory=list)
    unlinked_questions: int = 0  # bank questions without a story (whole-bank dossiers)
    target: TargetInfo | None = None
    rehearsals: dict[int, RehearsalFigures] = field(default_factory=dict)
    reports: dict[int, StoryReport] = field(default_factory=dict)  # story id -> report (optional)
    key_points: dict[tuple[int, int], list[object]] = field(default_factory=dict)  # (story, question) -> coverage
    generated_at: datetime = field(default_factory=datetime.now)
    pace_source: str = "default"
