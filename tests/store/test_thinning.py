"""Store: which backups thinning keeps (recent ones, one a day, one a week, the one with most stories)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from storybook.store.thinning import KEEP_RECENT, select_kept

NOW = datetime(2030, 6, 15, 12, 0)


@dataclass
class Fake:
    path: Path
    taken_at: datetime
    stories: int | None


def _fakes(hours_ago_and_stories: list[tuple[float, int]]) -> list[Fake]:
    return [Fake(Path(f"b{n}.sqlite"), NOW - timedelta(hours=h), s)
            for n, (h, s) in enumerate(hours_ago_and_stories)]


def test_hourly_backups_thin_to_recent_daily_and_weekly() -> None:
    infos = _fakes([(h, 5) for h in range(0, 24 * 60, 6)])  # every 6 hours for 60 days
    kept = select_kept(infos, NOW)
    ages = sorted((NOW - i.taken_at).days for i in infos if i.path in kept)
    assert len(kept) < 30
    assert {i.path for i in infos[:KEEP_RECENT]} <= kept
    assert set(range(7)) <= set(ages), "one a day for the last week"
    assert max(ages) >= 28, "about a month back"
    assert max(ages) <= 36, "older weekly ones go"


def test_the_newest_backup_with_the_most_stories_is_always_kept() -> None:
    infos = _fakes([(h, 1) for h in range(30)] + [(24 * 300, 40), (24 * 301, 40)])
    kept = select_kept(infos, NOW)
    assert infos[-2].path in kept
    assert infos[-1].path not in kept


def test_empty_backups_have_their_own_small_quota() -> None:
    infos = _fakes([(h / 10, 0) for h in range(20)] + [(24 * 40 + h, 3) for h in range(KEEP_RECENT)])
    kept = select_kept(infos, NOW)
    assert {i.path for i in infos[20:]} <= kept, "no backup with stories is pushed out by empty ones"
    assert len([i for i in infos[:20] if i.path in kept]) == 3
