"""Bank: each story's last check report, kept with what it was computed from and reused while current.

A stored report is *current* for a story when the story's checked texts and settings hash the same
(``analysis.stored.text_hash``) and the engine key is the same (``analysis.stored.engine_key``: engine,
checks version, word lists). Everything else is *stale* and has to be checked again. Typical use::

    reports, stale = bank.reports.split(stories, settings, engine_info(cache))
    bank.reports.put(zip(stale, analyze_stories(stale, settings, cache)), settings, engine_info(cache))
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, delete, select

from storybook.bank.plain_reads import checked_chars, current_rows, reports_of
from storybook.model.tables import StoredReport, Story, utcnow
from storybook.model.values import Settings, StoryReport

if TYPE_CHECKING:
    from storybook.bank.base import BankBase

log = logging.getLogger(__name__)
Info = Mapping[str, Any]
Progress = Callable[[int, int], None]




def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    """Slices small enough for SQLite's limit on bound parameters."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _existing(session: Session, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(session.exec(select(Story.id).where(col(Story.id).in_(chunk))).all())
    return found


class ReportService:
    """Bank: stored check reports: which are current, which are stale, and storing new ones."""

    def __init__(self, bank: BankBase) -> None:
        self._bank = bank

    @staticmethod
    def key(engine_info: Info) -> str:
        from storybook.analysis.stored import engine_key

        return engine_key(engine_info)

    def _rows(self, story_ids: Sequence[int], with_json: bool) -> dict[int, tuple[Any, ...]]:
        columns = [StoredReport.story_id, StoredReport.text_hash, StoredReport.engine_key, StoredReport.score]
        if with_json:
            columns.append(StoredReport.report_json)
        query = select(*columns)
        out: dict[int, tuple[Any, ...]] = {}
        with self._bank.unit_of_work() as session:
            for chunk in _chunks([i for i in story_ids if i is not None]):
                for row in session.exec(query.where(col(StoredReport.story_id).in_(chunk))).all():
                    out[row[0]] = tuple(row)
        return out

    def _current_rows(self, stories: Sequence[Any], settings: Settings | None, engine_info: Info,
                      with_json: bool) -> tuple[dict[int, tuple[Any, ...]], list[Any]]:
        rows = self._rows([s.id for s in stories], with_json)
        return current_rows(rows, stories, settings, self.key(engine_info))

    def split(self, stories: Sequence[Any], settings: Settings | None,
              engine_info: Info) -> tuple[dict[int, StoryReport], list[Any]]:
        """The current reports by story id, and the stories (in the order given) that need checking."""
        rows, stale = self._current_rows(stories, settings, engine_info, with_json=True)
        return reports_of(rows, stale, stories), stale

    def current(self, stories: Sequence[Any], settings: Settings | None, engine_info: Info) -> dict[int, StoryReport]:
        return self.split(stories, settings, engine_info)[0]

    def stale(self, stories: Sequence[Any], settings: Settings | None, engine_info: Info) -> list[Any]:
        return self._current_rows(stories, settings, engine_info, with_json=False)[1]

    def scores(self, stories: Sequence[Any], settings: Settings | None, engine_info: Info) -> dict[int, int]:
        """The scores of the current reports by story id (the reports themselves are not read)."""
        return self.scores_and_stale(stories, settings, engine_info)[0]

    def scores_and_stale(self, stories: Sequence[Any], settings: Settings | None,
                         engine_info: Info) -> tuple[dict[int, int], list[Any]]:
        """The current scores by story id, and the stories that need checking (cheaper than ``split``)."""
        rows, stale = self._current_rows(stories, settings, engine_info, with_json=False)
        return {story_id: int(row[3]) for story_id, row in rows.items()}, stale

    def put(self, rows: Iterable[tuple[Any, StoryReport]], settings: Settings | None, engine_info: Info) -> int:
        """Store (or replace) the report of each (story, report); returns how many were stored."""
        from storybook.analysis.stored import report_to_json, text_hash

        key, now = self.key(engine_info), utcnow()
        values = [{"story_id": story.id, "text_hash": text_hash(story, settings), "engine_key": key,
                   "report_json": report_to_json(report), "score": int(report.score), "checked_at": now}
                  for story, report in rows if getattr(story, "id", None) is not None]
        if not values:
            return 0
        statement = insert(StoredReport)
        statement = statement.on_conflict_do_update(
            index_elements=[StoredReport.story_id],
            set_={name: statement.excluded[name] for name in ("text_hash", "engine_key", "report_json", "score",
                                                               "checked_at")})
        with self._bank.unit_of_work() as session:
            # a story purged meanwhile has no row to point at: store only the ones that still exist
            live = _existing(session, [v["story_id"] for v in values])
            kept = [v for v in values if v["story_id"] in live]
            if kept:
                session.execute(statement, kept)
        return len(kept)

    def ensure(self, stories: Sequence[Any], settings: Settings | None, engine: Any,
               progress: Progress | None = None, max_chars: int | None = None) -> dict[int, StoryReport]:
        """A current report for every story: the stored ones, and the stale ones checked now and stored.

        ``engine`` is an Engine or an EngineCache (loaded only when some story is stale). The stale stories
        are checked in one ``nlp.pipe`` stream; ``progress(done, total)`` counts them. Stories over
        ``max_chars`` characters are left without a report when they are stale.
        """
        from storybook.analysis import engine_info

        cache_info = engine_info(engine) if hasattr(engine, "get") else engine.info  # never loads a cache
        reports, stale = self.split(stories, settings, cache_info)
        if max_chars is not None:
            stale = [s for s in stale if checked_chars(s) <= max_chars]
        if not stale:
            return reports
        from storybook.analysis import iter_reports  # the checks themselves: only when some story needs them

        engine = engine.get() if hasattr(engine, "get") else engine
        fresh: list[tuple[Any, StoryReport]] = []
        for done, (i, report) in enumerate(iter_reports(stale, settings, engine), start=1):
            fresh.append((stale[i], report))
            if progress is not None:
                progress(done, len(stale))
        self.put(fresh, settings, engine.info)
        reports.update((story.id, report) for story, report in fresh)
        return reports

    def forget(self, story_ids: Iterable[int] | None = None) -> int:
        """Drop the stored reports of ``story_ids`` (all of them when None); returns how many went."""
        with self._bank.unit_of_work() as session:
            statement = delete(StoredReport)
            if story_ids is not None:
                statement = statement.where(col(StoredReport.story_id).in_(list(story_ids)))
            return int(session.exec(statement).rowcount or 0)  # type: ignore[call-overload]
