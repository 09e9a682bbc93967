"""GUI: word counts and spoken-time estimates for the editors (pure helpers, no Qt)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """Words as a speaker would say them: runs of non-space characters."""
    return len(_WORD.findall(text or ""))


def spoken_seconds(words: int, pace_wpm: float) -> float:
    """Seconds it takes to say ``words`` at ``pace_wpm`` words per minute."""
    if pace_wpm <= 0:
        return 0.0
    return words * 60.0 / pace_wpm


def format_duration(seconds: float) -> str:
    """``125`` -> ``"2:05"``; hours are written out for very long texts."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def length_zone(seconds: float, target: float, limit: float) -> str:
    """``"empty"``, ``"under"`` (fits the target), ``"over-target"`` or ``"over-limit"``."""
    if seconds <= 0:
        return "empty"
    if seconds <= target:
        return "under"
    if seconds <= limit:
        return "over-target"
    return "over-limit"
