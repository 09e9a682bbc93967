"""Model: the one source for every measure of a story (word count, spoken time, m:ss, length verdict, coverage).

The editor badges, the checks, the rehearsal summary, the dossier and the CLI all call these functions, so
two surfaces can never disagree about how long a story is. Pure functions over plain values: no Qt, no
database, no language engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from storybook.model.values import SECTIONS

DEFAULT_PACE_WPM = 150.0
# A word is what a speaker says once: "1,200", "3.5k", "don't" and "follow-up" are one word each, while
# bullets, dashes, slashes and emoji are not words at all ("and/or" is two).
WORD_RE = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")

STORIES_PER_COMPETENCY = 2  # aim for at least two stories for every competency the role weighs
STORIES_PER_COMPETENCY_WORD = "two"  # the same figure in prose
STORY_COUNT_RANGE = (5, 7)  # prepare five to seven detailed stories
COMPETENCIES_PER_STORY = 2  # a good story shows several competencies


# ---- words and time ---------------------------------------------------------------------------
def word_count(text: str | None) -> int:
    """Words as a speaker says them (see ``WORD_RE``); punctuation and symbols never count."""
    if not text:
        return 0
    return sum(1 for _ in WORD_RE.finditer(str(text)))


def section_words(story: Any) -> dict[str, int]:
    """Words per STAR section plus ``total``: the object ``analyze`` and ``show --json`` print."""
    counts = {s: word_count(_section_text(story, s)) for s in SECTIONS}
    counts["total"] = sum(counts[s] for s in SECTIONS)
    return counts


def story_words(story: Any) -> int:
    """Words in the four STAR sections (reflection and short version are not part of the spoken answer)."""
    return section_words(story)["total"]


def usable_pace(pace_wpm: object) -> float:
    """The pace to compute with: the given one when it is a positive number, else the default 150 wpm."""
    if isinstance(pace_wpm, int | float) and not isinstance(pace_wpm, bool) and pace_wpm > 0:
        return float(pace_wpm)
    return DEFAULT_PACE_WPM


def spoken_seconds(words: int, pace_wpm: object = DEFAULT_PACE_WPM) -> float:
    """Seconds it takes to say ``words`` at ``pace_wpm`` words per minute, to a tenth of a second."""
    return round(max(0, words) / usable_pace(pace_wpm) * 60.0, 1)


def words_per_minute(words: int | None, seconds: float) -> float | None:
    """The pace of ``words`` said in ``seconds`` (the inverse of ``spoken_seconds``); None when unknown."""
    if words is None or seconds <= 0:
        return None
    return words / seconds * 60.0


def format_seconds(seconds: float | None) -> str:
    """``125`` -> ``"2:05"``; hours past an hour (``"1:02:05"``), a sign when negative, ``"-"`` for none."""
    if seconds is None:
        return "-"
    sign = "-" if seconds < 0 else ""
    whole = int(round(abs(float(seconds))))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


# ---- the length verdict -----------------------------------------------------------------------
class Length(StrEnum):
    EMPTY = "empty"
    SHORT = "short"
    ON_TARGET = "on-target"
    OVER = "over"


LENGTH_WORDS = {Length.EMPTY: "empty", Length.SHORT: "short", Length.ON_TARGET: "on target",
                Length.OVER: "over the limit"}


@dataclass(frozen=True)
class LengthBand:
    """The band a spoken answer should land in (target to limit) and the pace the estimate uses."""

    low: float = 120.0
    high: float = 180.0
    pace_wpm: float = DEFAULT_PACE_WPM
    pace_source: str = "default"  # "default", "settings" or "measured" (the user's rehearsals)
    floor: float = 60.0  # under this even the short version is too short

    @classmethod
    def from_settings(cls, settings: Any) -> LengthBand:
        """The band of a ``Settings`` (its ``pace_source`` says whether the pace was measured)."""
        return cls(low=float(settings.target_seconds), high=float(settings.limit_seconds),
                   pace_wpm=usable_pace(settings.pace_wpm),
                   pace_source=str(getattr(settings, "pace_source", "default") or "default"),
                   floor=float(getattr(settings, "short_seconds", 60) or 0))

    def text(self) -> str:
        """``"2:00–3:00"``."""
        return f"{format_seconds(self.low)}\u2013{format_seconds(self.high)}"

    def pace_phrase(self) -> str:
        """Which pace the estimate used: "at your measured pace of 112 wpm", "at the default 150 wpm", ..."""
        if self.pace_source == "measured":
            return f"at your measured pace of {self.pace_wpm:g} wpm"
        if self.pace_wpm == DEFAULT_PACE_WPM:
            return f"at the default {DEFAULT_PACE_WPM:g} wpm"
        return f"at your set pace of {self.pace_wpm:g} wpm"


@dataclass(frozen=True)
class LengthVerdict:
    """How long a story or run is against its band: short, on target or over the limit."""

    kind: Length
    seconds: float
    band: LengthBand

    @property
    def label(self) -> str:
        return LENGTH_WORDS[self.kind]

    @property
    def below_floor(self) -> bool:
        """Shorter even than a short version: worth a warning, not just a note."""
        return self.kind is Length.SHORT and self.seconds < self.band.floor

    def sentence(self) -> str:
        """``"short of the 2:00–3:00 band"``, ``"on target (2:00–3:00)"``, ``"over the 3:00 limit"``."""
        if self.kind is Length.EMPTY:
            return "nothing to say yet"
        if self.kind is Length.SHORT:
            return f"short of the {self.band.text()} band"
        if self.kind is Length.ON_TARGET:
            return f"on target ({self.band.text()})"
        return f"over the {format_seconds(self.band.high)} limit"


def verdict_for_seconds(seconds: float, band: LengthBand) -> LengthVerdict:
    """The verdict for a time already known (a rehearsal run); the band's edges count as on target."""
    if seconds <= 0:
        kind = Length.EMPTY
    elif seconds < band.low:
        kind = Length.SHORT
    elif seconds <= band.high:
        kind = Length.ON_TARGET
    else:
        kind = Length.OVER
    return LengthVerdict(kind, float(seconds), band)


def length_verdict(words: int, band: LengthBand) -> LengthVerdict:
    """The verdict for a text of ``words`` words spoken at the band's pace."""
    return verdict_for_seconds(spoken_seconds(words, band.pace_wpm), band)


# ---- coverage thresholds ----------------------------------------------------------------------
class Coverage(StrEnum):
    COVERED = "covered"
    THIN = "thin"
    GAP = "gap"


def competency_coverage(stories: int) -> Coverage:
    """A competency with two stories is covered, with one it is thin, with none it is a gap."""
    if stories >= STORIES_PER_COMPETENCY:
        return Coverage.COVERED
    return Coverage.THIN if stories > 0 else Coverage.GAP


def story_count_in_range(count: int) -> bool:
    low, high = STORY_COUNT_RANGE
    return low <= count <= high


def story_count_text() -> str:
    """``"5–7"``."""
    low, high = STORY_COUNT_RANGE
    return f"{low}\u2013{high}"


def _section_text(story: Any, section: str) -> str:
    value = story.get(section, "") if isinstance(story, dict) else getattr(story, section, "")
    return value if isinstance(value, str) else str(value or "")
