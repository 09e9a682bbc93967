"""Bank: a read-only view of a bank whose schema is current, opened with ``sqlite3`` alone (no SQLAlchemy).

Commands that only read (``storybook stories``) use it to answer in a few milliseconds. ``BankReader.open``
returns None whenever the full ``StoryBank.open`` must run instead: no file yet, a schema that is not the head
revision (an upgrade is due, or the file is newer than this Storybook), or a failing ``PRAGMA quick_check``.
The head revision is read from the migration scripts' own ``revision``/``down_revision`` lines.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybook.bank.early_check import take_early_check
from storybook.bank.fulltext import SearchHit, search, search_ids
from storybook.bank.listing import (
    CoverageStory,
    StoryFilter,
    StorySummary,
    matches,
    read_coverage,
    read_records,
    read_search_texts,
    read_summaries,
    sort_records,
)
from storybook.bank.stored_text import StoredTextRepair
from storybook.model.values import Settings, StoryRecord, StoryReport
from storybook.store.revisions import head_revision

if TYPE_CHECKING:
    from storybook.export.dossier_data import DossierData

log = logging.getLogger(__name__)
SETTINGS_KEY = "settings"  # the row of the meta table that holds the Settings (see bank/settings.py)
def script_head() -> str | None:
    """The single head revision of the migration scripts (the store's reading), or None when it is not one."""
    try:
        return head_revision() or None
    except RuntimeError:  # several heads: let the full open explain
        return None


def _quick_check(conn: sqlite3.Connection) -> bool:
    return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


class BankReader:
    """Bank: reads stories straight from SQLite; never writes, never migrates."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self.stored_text = StoredTextRepair()  # text another tool stored as invalid UTF-8 is read, never fatal
        conn.text_factory = self.stored_text.decode

    @classmethod
    def open(cls, path: Path) -> BankReader | None:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            return None  # read-only file or folder: the full open says so and offers a read-only bank
        early = take_early_check(path)  # begun before the app's modules imported, if the app started it
        head = script_head()
        try:
            conn = sqlite3.connect(path, timeout=5)
        except sqlite3.Error:
            return None
        try:
            conn.execute("PRAGMA query_only = ON")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if head is None or revision is None or revision[0] != head:
                conn.close()
                return None
            if not (early.passed() if early is not None else _quick_check(conn)):
                conn.close()
                return None
        except sqlite3.Error as exc:
            log.info("read-only open of %s declined: %s", path, exc)
            conn.close()
            return None
        return cls(path, conn)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> BankReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stories(self, flt: StoryFilter | None = None) -> list[StoryRecord]:
        """What ``bank.stories.list(flt)`` returns, without the ORM."""
        flt = flt or StoryFilter()
        records = read_records(self._conn, trashed=flt.trashed, status=flt.status)
        found = search_ids(self._conn, flt.text, trashed=flt.trashed)
        return sort_records([r for r in records if matches(r, flt) and (found is None or r.id in found)], flt.sort)

    def search(self, query: str, trashed: bool = False, ids: list[int] | None = None) -> list[SearchHit]:
        """What ``bank.stories.search`` returns, read with sqlite3 alone."""
        return search(self._conn, query, trashed=trashed, ids=ids)

    def search_ids(self, query: str, trashed: bool = False) -> set[int] | None:
        return search_ids(self._conn, query, trashed=trashed)

    def summaries(self, trashed: bool = False) -> list[StorySummary]:
        return read_summaries(self._conn, trashed=trashed)

    def coverage(self, ids: list[int] | None = None) -> list[CoverageStory]:
        return read_coverage(self._conn, ids)

    def story(self, story_id: int) -> StoryRecord | None:
        found = read_records(self._conn, story_id=story_id)
        return found[0] if found else None

    def search_texts(self, ids: list[int] | None = None) -> dict[int, str]:
        """Safe from any thread: a connection of its own (sqlite3 connections stay in their thread)."""
        conn = sqlite3.connect(self.path, timeout=5)
        try:
            conn.execute("PRAGMA query_only = ON")
            return read_search_texts(conn, ids)
        finally:
            conn.close()

    def competency_names(self) -> dict[str, str]:
        rows = self._conn.execute("SELECT key, name FROM competency ORDER BY name").fetchall()
        return {key: name for key, name in rows}

    def all_tags(self) -> list[str]:
        return sorted((r[0] for r in self._conn.execute("SELECT name FROM tag")), key=str.casefold)

    def settings(self) -> Settings:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (SETTINGS_KEY,)).fetchone()
        return Settings.from_dict(json.loads(row[0]) if row and row[0] else {})

    def dossier_data(self) -> DossierData:
        """What ``bank.targets.dossier_data()`` returns for a whole-bank dossier (no target)."""
        from storybook.bank.dossier_reader import read_dossier_data

        return read_dossier_data(self._conn, self.settings())

    def current_reports(self, stories: Sequence[StoryRecord], settings: Settings | None,
                        engine_info: Mapping[str, Any]) -> tuple[dict[int, StoryReport], list[StoryRecord]]:
        """What ``bank.reports.split`` returns: the current stored reports and the stories needing checks."""
        from storybook.bank.dossier_reader import read_current_reports

        return read_current_reports(self._conn, stories, settings, engine_info)
