"""Rehearsal: the summary shown after a run, and the history chart's data (no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

from storybook.model.measures import Length, LengthBand, LengthVerdict, format_seconds, verdict_for_seconds
from storybook.model.values import SECTION_TITLES, SECTIONS
from storybook.rehearsal.records import RehearsalRecord
from storybook.rehearsal.timer import Zone, section_budgets, zone_for


@dataclass(frozen=True)
class SectionResult:
    """Rehearsal: one STAR section's time against its budget."""

    section: str
    seconds: float
    budget: float

    @property
    def over_by(self) -> float:
        return self.seconds - self.budget

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.section]

    def line(self) -> str:
        diff = self.over_by
        if abs(diff) < 1:
            verdict = "on budget"
        elif diff > 0:
            verdict = f"{format_seconds(diff)} over"
        else:
            verdict = f"{format_seconds(-diff)} under"
        return f"{self.title}: {format_seconds(self.seconds)} of {format_seconds(self.budget)} ({verdict})"


@dataclass(frozen=True)
class RunSummary:
    """Rehearsal: what the user sees after a run: total against target, sections against budgets."""

    total: float
    target: float
    limit: float
    sections: tuple[SectionResult, ...]
    finished: bool = True

    @property
    def zone(self) -> Zone:
        return zone_for(self.total, self.target, self.limit)

    @property
    def worst(self) -> SectionResult | None:
        """The section that ran over its budget by the most seconds, if any ran over by a second or more."""
        over = [s for s in self.sections if s.over_by >= 1]
        return max(over, key=lambda s: s.over_by) if over else None

    def headline(self) -> str:
        total = format_seconds(self.total)
        if not self.finished:
            return f"Stopped at {total}."
        verdict = self.length
        if verdict.kind is Length.OVER:
            return f"{total}: {verdict.sentence()}. Trim the longest section first."
        return f"{total}: {verdict.sentence()}."

    @property
    def length(self) -> LengthVerdict:
        """The same verdict the editor badge and the checks give: short, on target or over the limit."""
        return verdict_for_seconds(self.total, LengthBand(low=self.target, high=self.limit))

    def worst_line(self) -> str:
        worst = self.worst
        if worst is None:
            return "No section ran over its budget."
        return f"{worst.title} ran over the most ({format_seconds(worst.over_by)} past its budget)."

    def lines(self) -> list[str]:
        return [self.headline(), *(s.line() for s in self.sections), self.worst_line()]

    def to_json(self) -> dict[str, Any]:
        worst = self.worst
        return {
            "total_seconds": round(self.total, 1),
            "target_seconds": self.target,
            "limit_seconds": self.limit,
            "zone": self.zone.value,
            "length": self.length.kind.value,
            "sections": [{"section": s.section, "seconds": round(s.seconds, 1), "budget": round(s.budget, 1)}
                         for s in self.sections],
            "ran_over_most": worst.section if worst else None,
        }


def summarize(section_seconds: Sequence[float], target: float, limit: float,
              split: Sequence[float] = (15, 10, 60, 15), finished: bool = True) -> RunSummary:
    budgets = section_budgets(target, split)
    seconds = list(section_seconds) + [0.0] * (len(SECTIONS) - len(section_seconds))
    sections = tuple(SectionResult(s, float(v), b) for s, v, b in zip(SECTIONS, seconds, budgets, strict=False))
    return RunSummary(total=float(sum(seconds)), target=float(target), limit=float(limit), sections=sections,
                      finished=finished)


def summarize_record(record: RehearsalRecord, split: Sequence[float] = (15, 10, 60, 15)) -> RunSummary:
    return summarize(record.section_seconds, record.target_seconds, record.limit_seconds, split, record.finished)


@dataclass(frozen=True)
class ChartData:
    """Rehearsal: the history chart's points (run start, seconds) and its target and limit lines."""

    points: tuple[tuple[datetime, float], ...]
    target: float
    limit: float

    @property
    def y_max(self) -> float:
        highest = max((p[1] for p in self.points), default=0.0)
        return max(highest, self.limit) * 1.1


def chart_data(records: Sequence[RehearsalRecord], target: float | None = None,
               limit: float | None = None) -> ChartData:
    """Finished runs in time order; the lines use the given values or those of the latest run."""
    runs = sorted((r for r in records if r.finished), key=lambda r: r.started_at)
    latest = runs[-1] if runs else None
    return ChartData(
        points=tuple((r.started_at, round(r.total_seconds, 1)) for r in runs),
        target=float(target if target is not None else (latest.target_seconds if latest else 120)),
        limit=float(limit if limit is not None else (latest.limit_seconds if latest else 180)),
    )


@dataclass(frozen=True)
class StoryRunStats:
    """Rehearsal: runs of one story: how many, the last, the best (closest to target within the limit), the mean."""

    runs: int
    last: RehearsalRecord | None
    best: RehearsalRecord | None
    average: float | None
    median_wpm: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "last": self.last.to_json() if self.last else None,
            "best": self.best.to_json() if self.best else None,
            "average_seconds": None if self.average is None else round(self.average, 1),
            "median_wpm": None if self.median_wpm is None else round(self.median_wpm, 1),
        }


def story_stats(records: Sequence[RehearsalRecord]) -> StoryRunStats:
    finished = [r for r in records if r.finished]
    last = max(records, key=lambda r: r.started_at) if records else None
    within = [r for r in finished if r.within_limit]
    best = min(within, key=lambda r: (abs(r.total_seconds - r.target_seconds), -r.started_at.timestamp())) \
        if within else None
    average = sum(r.total_seconds for r in finished) / len(finished) if finished else None
    paces = [r.wpm for r in records if r.wpm]
    return StoryRunStats(runs=len(records), last=last, best=best, average=average,
                         median_wpm=median(paces) if paces else None)
