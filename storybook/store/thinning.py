"""Store: which backups to keep. Recent ones, one a day for a week, one a week for a month, and always
the newest backup holding the most stories; backups of an empty bank never push out ones with stories."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

KEEP_RECENT = 10  # newest backups that hold stories
KEEP_RECENT_EMPTY = 3  # newest backups of an empty (or unreadable) bank, counted separately
DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=35)


class _Backup(Protocol):
    path: Path
    taken_at: datetime
    stories: int | None


def _holds_stories(info: _Backup) -> bool:
    return bool(info.stories)


def _best_per_bucket(infos: Iterable[_Backup], bucket: Callable[[datetime], object]) -> set[Path]:
    """In each bucket, the newest backup with stories (or the newest at all when none has any)."""
    chosen: dict[object, _Backup] = {}
    for info in infos:
        key = bucket(info.taken_at)
        current = chosen.get(key)
        rank = (_holds_stories(info), info.taken_at)
        if current is None or rank > (_holds_stories(current), current.taken_at):
            chosen[key] = info
    return {info.path for info in chosen.values()}


def select_kept(infos: Sequence[_Backup], now: datetime) -> set[Path]:
    """The paths of the backups to keep; every other backup may be removed."""
    newest_first = sorted(infos, key=lambda i: i.taken_at, reverse=True)
    with_stories = [i for i in newest_first if _holds_stories(i)]
    without = [i for i in newest_first if not _holds_stories(i)]
    kept = {i.path for i in with_stories[:KEEP_RECENT]} | {i.path for i in without[:KEEP_RECENT_EMPTY]}
    kept |= _best_per_bucket((i for i in newest_first if now - i.taken_at <= DAILY_FOR),
                             lambda t: t.date())
    kept |= _best_per_bucket((i for i in newest_first if now - i.taken_at <= WEEKLY_FOR),
                             lambda t: t.isocalendar()[:2])
    if with_stories:
        most = max(i.stories or 0 for i in with_stories)
        kept.add(next(i.path for i in with_stories if i.stories == most))
    return kept
