"""GUI: the story list model (cached StoryRecord rows) and the proxy that searches, filters and sorts it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from storybook.gui.models.proxy_tools import filter_change
from storybook.model.values import StoryRecord

Index = QModelIndex | QPersistentModelIndex
UNTITLED = "Untitled story"


class StoryRoles:
    """GUI: custom data roles of the story list."""

    ID = int(Qt.ItemDataRole.UserRole) + 1
    RECORD = ID + 1
    STATUS = ID + 2
    COMPETENCIES = ID + 3  # display names
    SCORE = ID + 4
    UPDATED = ID + 5


class StoryListModel(QAbstractListModel):
    """GUI: one row per story, with its title, status, competency names and check score."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StoryRecord] = []
        self._names: dict[str, str] = {}
        self._scores: dict[int, int] = {}

    # ---- feeding the model ------------------------------------------------------------
    def set_rows(self, records: list[StoryRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def set_competency_names(self, names: dict[str, str]) -> None:
        self._names = dict(names)
        self._emit_all_changed()

    def set_scores(self, scores: dict[int, int]) -> None:
        self._scores.update(scores)
        self._emit_all_changed()

    def clear_scores(self) -> None:
        self._scores.clear()
        self._emit_all_changed()

    def upsert(self, record: StoryRecord) -> None:
        """Replace the cached row for ``record`` (or add it at the end)."""
        row = self.row_of(record.id)
        if row < 0:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(record)
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
            self.endRemoveRows()

    def _emit_all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    # ---- reading ----------------------------------------------------------------------
    def row_of(self, story_id: int | None) -> int:
        for row, record in enumerate(self._rows):
            if record.id == story_id:
                return row
        return -1

    def record(self, row: int) -> StoryRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[StoryRecord]:
        return list(self._rows)

    def score(self, story_id: int | None) -> int | None:
        return self._scores.get(story_id) if story_id is not None else None

    def competency_name(self, key: str) -> str:
        return self._names.get(key, key.replace("-", " ").capitalize())

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

    def _custom_data(self, record: StoryRecord, role: int) -> Any:
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
        return None

    def _tooltip(self, record: StoryRecord) -> str:
        names = ", ".join(self.competency_name(k) for k in record.competencies) or "no competencies yet"
        return f"{record.title.strip() or UNTITLED}\n{record.status.capitalize()} · {names}"


class StoryFilterProxy(QSortFilterProxyModel):
    """GUI: filters stories by words (title and text), competency, tag and status; sorts by a chosen key."""

    SORT_KEYS = ("updated", "title", "score")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._competency: str | None = None
        self._tag: str | None = None
        self._status: str | None = None
        self._sort_key = "updated"
        self.setDynamicSortFilter(False)  # keep the row under the cursor still while the user types

    @property
    def sort_key(self) -> str:
        return self._sort_key

    def set_search(self, text: str) -> None:
        with filter_change(self):
            self._words = text.casefold().split()

    def set_filters(self, competency: str | None = None, tag: str | None = None, status: str | None = None) -> None:
        with filter_change(self):
            self._competency, self._tag, self._status = competency or None, tag or None, status or None

    def has_filters(self) -> bool:
        return bool(self._words or self._competency or self._tag or self._status)

    def set_sort_key(self, key: str) -> None:
        if key not in self.SORT_KEYS:
            raise ValueError(f"Unknown sort key {key!r}.")
        self._sort_key = key
        self.resort()

    def resort(self) -> None:
        order = Qt.SortOrder.AscendingOrder if self._sort_key == "title" else Qt.SortOrder.DescendingOrder
        self.invalidate()
        self.sort(0, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        record = model.record(source_row) if isinstance(model, StoryListModel) else None
        if record is None:
            return False
        if self._status and record.status != self._status:
            return False
        if self._competency and self._competency not in record.competencies:
            return False
        if self._tag and self._tag.casefold() not in {t.casefold() for t in record.tags}:
            return False
        if not self._words:
            return True
        haystack = " ".join([record.title, record.full_text(), record.reflection, record.short_version]).casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        a, b = model.record(left.row()), model.record(right.row())
        if a is None or b is None:
            return False
        if self._sort_key == "title":
            return ((a.title or "").casefold(), a.id or 0) < ((b.title or "").casefold(), b.id or 0)
        if self._sort_key == "score":
            sa, sb = model.score(a.id), model.score(b.id)
            return (-1 if sa is None else sa, a.id or 0) < (-1 if sb is None else sb, b.id or 0)
        return (timestamp(a.updated_at), a.id or 0) < (timestamp(b.updated_at), b.id or 0)


def timestamp(moment: datetime | None) -> float:
    """Seconds since the epoch; naive datetimes from the database are taken as UTC."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
