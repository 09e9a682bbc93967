"""Rehearsal: which story to practise next (no Qt, no store).

A story is due when it has no good run yet, or when the spacing since its last good run has passed:
1 day after the first good run, then 2, 4 and 8 days as good runs keep coming on different days. A
finished run that was over the limit or rated below 3 starts the spacing again. Due stories come first,
the longest overdue first; among equals the least ready story (the one that needs the most work) leads.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from storybook.model.measures import spoken_seconds, story_words
from storybook.model.values import SECTIONS, Settings
from storybook.rehearsal.records import RehearsalRecord

log = logging.getLogger(__name__)

SPACING_DAYS: tuple[int, ...] = (1, 2, 4, 8)
NEVER = 10_000  # overdue days given to a story that has never had a good run


class StoryLike(Protocol):
    id: int | None
    title: str
    situation: str
    task: str
    action: str
    result: str


@dataclass(frozen=True)
class PractiseItem:
    """Rehearsal: one row of the practise-next list, with the reason it sits where it does."""

    story_id: int
    title: str
    readiness: float
    runs: int
    last_good: date | None
    streak: int
    due: date
    overdue_days: int
    reason: str

    @property
    def is_due(self) -> bool:
        return self.overdue_days >= 0

    def to_json(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "readiness": round(self.readiness),
            "runs": self.runs,
            "last_good": self.last_good.isoformat() if self.last_good else None,
            "streak": self.streak,
            "due": self.due.isoformat(),
            "is_due": self.is_due,
            "reason": self.reason,
        }


def local_day(moment: datetime) -> date:
    """The calendar day the user saw (an aware time is shown in local time; a naive one is local already)."""
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()


def good_streak(records: Iterable[RehearsalRecord]) -> tuple[int, date | None]:
    """Good runs on distinct days since the last poor finished run, and the day of the latest good run."""
    days: list[date] = []
    for record in sorted(records, key=lambda r: r.started_at, reverse=True):
        if not record.finished:
            continue  # a run the user stopped says nothing either way
        if not record.is_good:
            break
        day = local_day(record.started_at)
        if day not in days:
            days.append(day)
    return len(days), (days[0] if days else None)


def next_due(last_good: date | None, streak: int, today: date) -> date:
    if last_good is None or streak <= 0:
        return today
    return last_good + timedelta(days=SPACING_DAYS[min(streak, len(SPACING_DAYS)) - 1])


def _reason(runs: int, streak: int, last_good: date | None, due: date, today: date) -> str:
    if runs == 0:
        return "Not rehearsed yet."
    if last_good is None or streak == 0:
        return "No good run since the last one that ran long or was rated low."
    ago = (today - last_good).days
    when = "today" if ago == 0 else ("yesterday" if ago == 1 else f"{ago} days ago")
    gap = SPACING_DAYS[min(streak, len(SPACING_DAYS)) - 1]
    if due <= today:
        return f"Last good run {when}; due after {gap} day{'s' if gap != 1 else ''}."
    wait = (due - today).days
    return f"Last good run {when}; next in {wait} day{'s' if wait != 1 else ''}."


def rank_stories(stories: Sequence[StoryLike], records: Sequence[RehearsalRecord],
                 readiness: dict[int, float], today: date) -> list[PractiseItem]:
    """The practise-next list: due stories first (longest overdue, then least ready), then the rest by due date."""
    by_story: dict[int, list[RehearsalRecord]] = {}
    for record in records:
        if record.story_id is not None:
            by_story.setdefault(record.story_id, []).append(record)
    items: list[PractiseItem] = []
    for story in stories:
        if story.id is None or story_words(story) == 0:
            continue  # nothing to say yet
        runs = by_story.get(story.id, [])
        streak, last_good = good_streak(runs)
        due = next_due(last_good, streak, today)
        overdue = NEVER if last_good is None else (today - due).days
        items.append(PractiseItem(
            story_id=story.id, title=story.title or "Untitled", readiness=float(readiness.get(story.id, 0.0)),
            runs=len(runs), last_good=last_good, streak=streak, due=due, overdue_days=overdue,
            reason=_reason(len(runs), streak, last_good, due, today),
        ))
    return sorted(items, key=lambda i: (not i.is_due, -i.overdue_days if i.is_due else (i.due - today).days,
                                        i.readiness, i.title.casefold(), i.story_id))


# ---- readiness ---------------------------------------------------------------------------------
def word_readiness(story: StoryLike, settings: Settings) -> float:
    """0-100 without the language engine: sections filled (60) and a spoken length near the target (40)."""
    filled = sum(1 for s in SECTIONS if str(getattr(story, s, "") or "").strip())
    seconds = spoken_seconds(story_words(story), settings.pace_wpm)
    target, limit = float(settings.target_seconds), float(settings.limit_seconds)
    if seconds <= target:
        fit = min(1.0, seconds / (0.5 * target))
    elif seconds <= limit:
        fit = 1.0 - 0.5 * (seconds - target) / (limit - target)
    else:
        fit = max(0.0, 0.5 - (seconds - limit) / limit)
    return round(15.0 * filled + 40.0 * fit, 1)


def readiness_scores(
    stories: Sequence[StoryLike], settings: Settings, engine: object | None = None
) -> tuple[dict[int, float], str]:
    """Readiness per story id, and its source: the analysis score when that feature is there, else word counts.

    ``engine`` is the caller's analysis Engine or EngineCache (the app's, so no second spaCy pipeline is
    loaded); without one, the analysis loads an engine for this call.
    """
    from storybook.analysis import analyze_stories  # loaded when first needed: keeps the bank's start light

    usable = [s for s in stories if s.id is not None]
    if usable:
        try:
            reports = analyze_stories(usable, settings, engine)
            return {s.id: float(r.score) for s, r in zip(usable, reports, strict=True)}, "analysis"
        except Exception:  # the engine may be missing its model; the list must still work
            log.warning("Story analysis failed; ranking readiness by word counts", exc_info=True)
    return {s.id: word_readiness(s, settings) for s in usable}, "words"
