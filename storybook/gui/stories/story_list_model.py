"""GUI: the story list model (summary rows, kept in display order) and the proxy that searches and filters it.

Rows are ``StorySummary`` objects (id, title, status, tags, competencies, updated time) or full ``StoryRecord``s;
the model sorts them itself, once per change of order, so the proxy only filters. The search box asks the bank's
full-text index (``set_search_source``) for the matching ids on each change, and each shown row's hit (the
fields that matched and a snippet) when the row is first painted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from storybook.bank.fulltext import SearchHit
from storybook.gui.widgets.proxy_tools import filter_change

Index = QModelIndex | QPersistentModelIndex
HIT_BATCH = 16  # rows whose snippets are read together: about a screenful
IdsSource = Callable[[str], "set[int] | None"]
HitsSource = Callable[[str, list[int]], list[SearchHit]]
UNTITLED = "Untitled story"


class StoryRoles:
    """GUI: custom data roles of the story list."""

    ID = int(Qt.ItemDataRole.UserRole) + 1
    RECORD = ID + 1
    STATUS = ID + 2
    COMPETENCIES = ID + 3  # display names
    SCORE = ID + 4
    UPDATED = ID + 5
    HIT = ID + 6  # the SearchHit of the row under the current search, or None
    SEARCHING = ID + 7  # is a search on (rows then have a snippet line)


class StoryListModel(QAbstractListModel):
    """GUI: one row per story, with its title, status, competency names and check score."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._pos: dict[int | None, int] = {}
        self._names: dict[str, str] = {}
        self._scores: dict[int, int] = {}
        self._ids_source: IdsSource | None = None
        self._hits_source: HitsSource | None = None
        self._query = ""
        self._hits: dict[int, SearchHit | None] = {}  # by story id, for the current query, filled as rows paint
        self._found: set[int] | None = None  # what the last filter let through: the rows that may be painted
        self._warmed = False

    # ---- feeding the model ------------------------------------------------------------
    def set_rows(self, records: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._hits.clear()
        self._index_rows()
        self.endResetModel()

    def set_search_source(self, ids: IdsSource | None, hits: HitsSource | None = None) -> None:
        """Where the search goes: the matching ids of a query, and the hits of some stories for a query."""
        self._ids_source, self._hits_source = ids, hits
        self._hits.clear()

    def set_query(self, text: str) -> None:
        """The search the rows' snippets are for; rows repaint with the new snippets."""
        if text != self._query:
            self._query = text
            self._hits.clear()
            self._emit_all_changed()

    def warm_up(self) -> None:
        """One throwaway search, so the first real keystroke finds the index pages already read (about 100 ms
        saved on 5,000 stories); asked when the search box first gets the focus."""
        if self._warmed or self._ids_source is None or not self._rows:
            return
        self._warmed = True
        found = self._ids_source("e")
        if found and self._hits_source is not None:
            self._hits_source("e", [self._rows[0].id])

    def hit(self, story_id: int | None) -> SearchHit | None:
        """Where the current search matched this story (read once, when its row is first painted)."""
        if story_id is None or not self._query.strip() or self._hits_source is None:
            return None
        if story_id not in self._hits:
            self._read_hits(story_id)
        return self._hits.get(story_id)

    def _read_hits(self, story_id: int) -> None:
        """The hit of this row and of the next shown rows, in one read (a screenful paints together)."""
        row = self._pos.get(story_id, 0)
        found = self._found
        batch = [story_id] + [r.id for r in self._rows[row + 1:row + 400]
                              if r.id not in self._hits and (found is None or r.id in found)][:HIT_BATCH - 1]
        hits = {hit.story_id: hit for hit in self._hits_source(self._query, batch)} if self._hits_source else {}
        for sid in batch:
            self._hits[sid] = hits.get(sid)

    def set_competency_names(self, names: dict[str, str]) -> None:
        self._names = dict(names)
        self._emit_all_changed()

    def set_scores(self, scores: dict[int, int]) -> None:
        self._scores.update(scores)
        self._emit_all_changed()

    def clear_scores(self) -> None:
        self._scores.clear()
        self._emit_all_changed()

    def upsert(self, record: Any) -> None:
        """Replace the cached row for ``record`` (or add it at the end)."""
        self._hits.pop(record.id, None)  # its snippet is read again from the saved text
        row = self.row_of(record.id)
        if row < 0:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(record)
            self._pos[record.id] = len(self._rows) - 1
            self.endInsertRows()
            return
        self._rows[row] = record
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove(self, story_id: int) -> None:
        row = self.row_of(story_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._index_rows()
            self.endRemoveRows()

    def sort_rows(self, key: str) -> None:
        """Put the rows in the order of ``key`` (updated, title or score), keeping selections on their stories."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in before]
        self._rows.sort(key=self._sort_key(key), reverse=key != "title")
        self._index_rows()
        after = [self.index(self._pos[i], 0) if i in self._pos else QModelIndex() for i in ids]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sort_key(self, key: str) -> Callable[[Any], tuple]:
        if key == "title":
            return lambda r: ((r.title or "").casefold(), r.id or 0)
        if key == "score":
            return lambda r: (self._scores.get(r.id, -1), r.id or 0)
        return lambda r: (timestamp(r.updated_at), r.id or 0)

    def _index_rows(self) -> None:
        self._pos = {r.id: i for i, r in enumerate(self._rows)}

    def _emit_all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    # ---- reading ----------------------------------------------------------------------
    def row_of(self, story_id: int | None) -> int:
        return self._pos.get(story_id, -1)

    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[Any]:
        return list(self._rows)

    def score(self, story_id: int | None) -> int | None:
        return self._scores.get(story_id) if story_id is not None else None

    def competency_name(self, key: str) -> str:
        return self._names.get(key, key.replace("-", " ").capitalize())

    def matching_ids(self, query: str, competency: str | None, tag: str | None, status: str | None) -> set[int]:
        """The ids of the rows that pass the filters; one pass over the rows (the proxy asks once per change)."""
        candidates = self._ids_source(query) if query.strip() and self._ids_source is not None else None
        self._found = candidates
        folded_tag = tag.casefold() if tag else None
        found: set[int] = set()
        for record in self._rows:
            if candidates is not None and record.id not in candidates:
                continue
            if status and record.status != status:
                continue
            if competency and competency not in record.competencies:
                continue
            if folded_tag and folded_tag not in {t.casefold() for t in record.tags}:
                continue
            found.add(record.id)
        return found

    def row_flags(self, ids: set[int]) -> list[bool]:
        """For each row in order: is its story in ``ids``."""
        return [record.id in ids for record in self._rows]

    # ---- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.title.strip() or UNTITLED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        return self._custom_data(record, role)

    def _custom_data(self, record: Any, role: int) -> Any:
        if role == StoryRoles.ID:
            return record.id
        if role == StoryRoles.RECORD:
            return record
        if role == StoryRoles.STATUS:
            return record.status
        if role == StoryRoles.COMPETENCIES:
            return [self.competency_name(k) for k in record.competencies]
        if role == StoryRoles.SCORE:
            return self._scores.get(record.id)
        if role == StoryRoles.UPDATED:
            return record.updated_at
        if role == StoryRoles.HIT:
            return self.hit(record.id)
        if role == StoryRoles.SEARCHING:
            return bool(self._query.strip()) and self._hits_source is not None
        return None

    def _tooltip(self, record: Any) -> str:
        names = ", ".join(self.competency_name(k) for k in record.competencies) or "no competencies yet"
        return f"{record.title.strip() or UNTITLED}\n{record.status.capitalize()} · {names}"


class StoryFilterProxy(QSortFilterProxyModel):
    """GUI: filters stories by words (title and text), competency, tag and status; the model keeps the order."""

    SORT_KEYS = ("updated", "title", "score")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._competency: str | None = None
        self._tag: str | None = None
        self._status: str | None = None
        self._sort_key = "updated"
        self._accepted: set[int] | None = None  # None: no filter, every row shows
        self._flags: list[bool] = []  # the same by source row, for the 5,000 calls Qt makes per change
        self.setDynamicSortFilter(False)  # keep the row under the cursor still while the user types

    @property
    def sort_key(self) -> str:
        return self._sort_key

    def set_search(self, text: str) -> None:
        with filter_change(self):
            self._query = text
            model = self.sourceModel()
            if isinstance(model, StoryListModel):
                model.set_query(text)
            self._refresh_accepted()

    def set_filters(self, competency: str | None = None, tag: str | None = None, status: str | None = None) -> None:
        with filter_change(self):
            self._competency, self._tag, self._status = competency or None, tag or None, status or None
            self._refresh_accepted()

    def has_filters(self) -> bool:
        return bool(self._query.strip() or self._competency or self._tag or self._status)

    def set_sort_key(self, key: str) -> None:
        if key not in self.SORT_KEYS:
            raise ValueError(f"Unknown sort key {key!r}.")
        self._sort_key = key
        self.resort()

    def resort(self) -> None:
        """Sort the rows once (in the model) and apply the filters to the rows as they are now."""
        model = self.sourceModel()
        if isinstance(model, StoryListModel):
            model.sort_rows(self._sort_key)
        with filter_change(self):
            self._refresh_accepted()

    def _refresh_accepted(self) -> None:
        model = self.sourceModel()
        if not self.has_filters() or not isinstance(model, StoryListModel):
            self._accepted, self._flags = None, []
            return
        self._accepted = model.matching_ids(self._query, self._competency, self._tag, self._status)
        self._flags = model.row_flags(self._accepted)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepted is None:
            return True
        if source_row < len(self._flags):
            return self._flags[source_row]
        model = self.sourceModel()  # a row added since the filters were applied
        record = model.record(source_row) if isinstance(model, StoryListModel) else None
        return record is not None and record.id in self._accepted


def timestamp(moment: datetime | None) -> float:
    """Seconds since the epoch; naive datetimes from the database are taken as UTC."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
