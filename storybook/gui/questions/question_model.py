"""GUI: the question bank model (cached QuestionRecord rows) and its search / competency proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from storybook.gui.widgets.proxy_tools import filter_change
from storybook.model.values import QuestionRecord

Index = QModelIndex | QPersistentModelIndex


class QuestionRoles:
    """GUI: custom data roles of the question model."""

    ID = int(Qt.ItemDataRole.UserRole) + 1
    RECORD = ID + 1


class QuestionModel(QAbstractTableModel):
    """GUI: one row per bank question; columns are the question, its competencies and its story count."""

    HEADERS = ("Question", "Competencies", "Stories")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QuestionRecord] = []
        self._names: dict[str, str] = {}

    def set_rows(self, records: list[QuestionRecord], names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(records)
        if names is not None:
            self._names = dict(names)
        self.endResetModel()

    def record(self, row: int) -> QuestionRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, question_id: int) -> int:
        return next((row for row, r in enumerate(self._rows) if r.id == question_id), -1)

    def competency_names(self, record: QuestionRecord) -> list[str]:
        return [self._names.get(k, k) for k in record.competencies]

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            hidden = "\n(hidden from pickers and the grid)" if record.hidden else ""
            return f"{record.text}\n\nAssesses: {record.assesses or '—'}{hidden}"
        if role == Qt.ItemDataRole.FontRole and record.hidden:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == QuestionRoles.ID:
            return record.id
        if role == QuestionRoles.RECORD:
            return record
        return None

    def _display(self, record: QuestionRecord, column: int) -> str:
        if column == 0:
            return record.text + (" (hidden)" if record.hidden else "")
        if column == 1:
            return ", ".join(self.competency_names(record))
        return str(len(record.story_ids))


class QuestionFilterProxy(QSortFilterProxyModel):
    """GUI: narrows the question model to one competency, some words, and (optionally) hidden ones."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._competency: str | None = None
        self._words: list[str] = []
        self._show_hidden = False
        self._exclude: set[int] = set()

    def set_competency(self, key: str | None) -> None:
        with filter_change(self):
            self._competency = key or None

    def set_search(self, text: str) -> None:
        with filter_change(self):
            self._words = text.casefold().split()

    def set_show_hidden(self, show: bool) -> None:
        with filter_change(self):
            self._show_hidden = show

    def set_excluded(self, ids: set[int]) -> None:
        with filter_change(self):
            self._exclude = set(ids)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        record = model.record(source_row) if isinstance(model, QuestionModel) else None
        if record is None or record.id in self._exclude:
            return False
        if record.hidden and not self._show_hidden:
            return False
        if self._competency and self._competency not in record.competencies:
            return False
        haystack = f"{record.text} {record.assesses} {' '.join(record.key_points)}".casefold()
        return all(word in haystack for word in self._words)
