"""GUI: table models for the rehearsal history (runs) and the practise-next list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from storybook.model.measures import format_seconds
from storybook.rehearsal.records import MODES, RehearsalRecord
from storybook.rehearsal.schedule import PractiseItem

Index = QModelIndex | QPersistentModelIndex


class RunsModel(QAbstractTableModel):
    """GUI: one row per rehearsal, newest first."""

    HEADERS = ("When", "Story", "Total", "Target", "Outcome", "Mode", "Rating", "Pace", "Recording", "Note")
    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, records: Sequence[RehearsalRecord] = ()) -> None:
        super().__init__()
        self.records: list[RehearsalRecord] = list(records)

    def set_records(self, records: Sequence[RehearsalRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt signature)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        if role == self.RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 9:
            return record.note or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3, 6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(record: RehearsalRecord, column: int) -> str:
        values = (
            record.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            record.story_title or ("(no story)" if record.story_id is None else "Untitled"),
            format_seconds(record.total_seconds),
            f"{format_seconds(record.target_seconds)} / {format_seconds(record.limit_seconds)}",
            record.outcome,
            MODES.get(record.mode, record.mode),
            f"{record.rating}/5" if record.rating else "",
            f"{record.wpm:.0f} wpm" if record.wpm else "",
            "yes" if record.recording_path else "",
            (record.note or "").splitlines()[0][:80] if record.note else "",
        )
        return values[column]


class PractiseModel(QAbstractTableModel):
    """GUI: the practise-next list in rank order."""

    HEADERS = ("#", "Story", "Readiness", "Runs", "Due", "Why")
    ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, items: Sequence[PractiseItem] = ()) -> None:
        super().__init__()
        self.items: list[PractiseItem] = list(items)

    def set_items(self, items: Sequence[PractiseItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt signature)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == self.ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            due = "now" if item.is_due else item.due.isoformat()
            return (str(index.row() + 1), item.title, f"{item.readiness:.0f}", str(item.runs), due,
                    item.reason)[index.column()]
        return None
