"""Bank: how read rows become what the use cases return, shared by the ORM services and the sqlite3 reader.

Each function here takes rows already read (by SQLModel in the services, by ``sqlite3`` in ``dossier_reader``)
and is the one place that turns them into settings with a pace, dossier questions, rehearsal figures or the
current/stale split of stored reports, so the two read paths cannot disagree. Imports nothing heavier than
the model's values (no SQLAlchemy).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from statistics import median
from typing import Any

from storybook.export.dossier_data import RehearsalFigures
from storybook.model.measures import DEFAULT_PACE_WPM
from storybook.model.values import QuestionRecord, Settings, StoryReport

log = logging.getLogger(__name__)
PACE_MIN_RUNS = 3
PACE_RECENT_RUNS = 10
PLAUSIBLE_WPM = (60.0, 300.0)  # the range the settings accept; anything else is a bad recording


def checked_chars(story: Any) -> int:
    """The characters the checks read in a story (its four sections and the reflection)."""
    return sum(len(getattr(story, name, "") or "") for name in ("situation", "task", "action", "result", "reflection"))


def recent_paces(wpms: Iterable[Any]) -> list[float]:
    """The plausible paces among the latest measured runs (``wpms`` newest first), at most PACE_RECENT_RUNS."""
    low, high = PLAUSIBLE_WPM
    return [float(w) for w in wpms if low <= float(w) <= high][:PACE_RECENT_RUNS]


def personal_pace(paces: Sequence[float]) -> float | None:
    """Median words per minute over the recent paces; None below PACE_MIN_RUNS."""
    return round(median(paces), 1) if len(paces) >= PACE_MIN_RUNS else None


def with_pace(settings: Settings, measured: float | None) -> tuple[Settings, str]:
    """``settings`` with the pace the app uses and where it came from (measured, settings or default)."""
    if measured and settings.use_measured_pace:
        settings.pace_wpm = round(float(measured), 1)
        settings.pace_source = "measured"
    else:
        settings.pace_source = "default" if settings.pace_wpm == DEFAULT_PACE_WPM else "settings"
    return settings, settings.pace_source


def dossier_questions(visible: Sequence[QuestionRecord], stories: Sequence[Any]) -> tuple[list[QuestionRecord], int]:
    """A whole-bank dossier's questions (those linked to its stories) and how many have no story at all."""
    ids = {s.id for s in stories}
    linked = {q.question_id for s in stories for q in s.questions}
    mapped = [q for q in visible if q.id in linked or ids & set(q.story_ids)]
    return mapped, sum(1 for q in visible if not q.story_ids)


def rehearsal_figures(runs: Iterable[Any], story_ids: Sequence[int]) -> dict[int, RehearsalFigures]:
    """Runs, last, best and average per story from its rehearsal records (``runs`` newest first)."""
    from storybook.rehearsal.summary import story_stats

    by_story: dict[int, list[Any]] = {}
    for run in runs:
        by_story.setdefault(run.story_id, []).append(run)
    out: dict[int, RehearsalFigures] = {}
    for story_id in story_ids:
        stats = story_stats(by_story.get(story_id, []))
        if not stats.runs:
            continue
        last, best = stats.last, stats.best
        out[story_id] = RehearsalFigures(
            runs=stats.runs, last_seconds=last.total_seconds if last else None,
            best_seconds=best.total_seconds if best else None, average_seconds=stats.average,
            target_seconds=last.target_seconds if last else None)
    return out


ReportRow = tuple[Any, ...]  # (story_id, text_hash, engine_key, score[, report_json])


def current_rows(rows: Mapping[int, ReportRow], stories: Sequence[Any], settings: Settings | None,
                 key: str) -> tuple[dict[int, ReportRow], list[Any]]:
    """The stored rows that are still current for their story, and the stories (in order) that are stale."""
    from storybook.analysis.stored import text_hash

    current: dict[int, ReportRow] = {}
    stale: list[Any] = []
    for story in stories:
        row = rows.get(story.id)
        if row is not None and row[2] == key and row[1] == text_hash(story, settings):
            current[story.id] = row
        else:
            stale.append(story)
    return current, stale


def reports_of(current: Mapping[int, ReportRow], stale: list[Any],
               stories: Sequence[Any]) -> dict[int, StoryReport]:
    """The reports of the current rows (which carry their JSON); an unreadable one joins ``stale``."""
    from storybook.analysis.stored import report_from_json

    by_id = {s.id: s for s in stories}
    reports: dict[int, StoryReport] = {}
    for story_id, row in current.items():
        try:
            report = report_from_json(row[4])
        except ValueError:
            log.warning("The stored report of story %s is unreadable; it is checked again", story_id)
            stale.append(by_id[story_id])
            continue
        report.story_id = story_id
        reports[story_id] = report
    return reports
