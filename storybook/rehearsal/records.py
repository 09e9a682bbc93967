"""Rehearsal: the plain value object for one saved run (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storybook.model.values import SECTIONS

MODES: dict[str, str] = {"full": "Full text", "cue": "Cue card", "blind": "Blind"}
OUTCOMES = ("finished", "aborted")
GOOD_RATING = 3


@dataclass
class RehearsalRecord:
    """Rehearsal: one timed run as stored: story, question, per-section seconds, rating, recording."""

    id: int | None
    story_id: int | None
    started_at: datetime
    section_seconds: list[float] = field(default_factory=lambda: [0.0] * len(SECTIONS))
    total_seconds: float = 0.0
    target_seconds: int = 120
    limit_seconds: int = 180
    mode: str = "full"
    outcome: str = "finished"
    rating: int | None = None
    note: str = ""
    recording_path: str | None = None
    had_story: bool = True
    question_id: int | None = None
    words: int | None = None
    speech_seconds: float | None = None
    wpm: float | None = None
    story_title: str = ""
    question_text: str = ""

    @property
    def finished(self) -> bool:
        return self.outcome == "finished"

    @property
    def within_limit(self) -> bool:
        return self.total_seconds <= self.limit_seconds

    @property
    def is_good(self) -> bool:
        """A good run: finished, not past the limit, and not rated poorly by the user."""
        rated_ok = self.rating is None or self.rating >= GOOD_RATING
        return self.finished and self.within_limit and rated_ok and self.had_story

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story_id": self.story_id,
            "story_title": self.story_title,
            "question_id": self.question_id,
            "question_text": self.question_text,
            "started_at": self.started_at,
            "section_seconds": {s: round(v, 1) for s, v in zip(SECTIONS, self.section_seconds, strict=False)},
            "total_seconds": round(self.total_seconds, 1),
            "target_seconds": self.target_seconds,
            "limit_seconds": self.limit_seconds,
            "mode": self.mode,
            "outcome": self.outcome,
            "rating": self.rating,
            "note": self.note,
            "had_story": self.had_story,
            "recording_path": self.recording_path,
            "words": self.words,
            "speech_seconds": self.speech_seconds,
            "wpm": None if self.wpm is None else round(self.wpm, 1),
        }
