"""GUI: "Check all stories": a sortable summary table of every story's report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from storybook.gui.checks.findings_panel import score_colour, score_formula
from storybook.model.measures import format_seconds

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def _findings(report: Any) -> list[Any]:
    return [f for f in report.findings if f.code != "basic-engine"]


class SummaryModel(QAbstractTableModel):
    """GUI: one row per (story, report): title, score, words, spoken time, quantified, findings."""

    HEADERS = ("Story", "Score", "Words", "Spoken", "Quantified", "Findings")

    def __init__(self, rows: Sequence[tuple[Any, Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and section == 1:
            return score_formula()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        story, report = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(story, report, column)
        if role == SORT_ROLE:
            return self._sort_key(story, report, column)
        if role == ID_ROLE:
            return getattr(story, "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(score_colour(report.score))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(report, column)
        return None

    @staticmethod
    def _display(story: Any, report: Any, column: int) -> str:
        values = (
            getattr(story, "title", "") or "Untitled story",
            str(report.score),
            str(report.words.get("total", 0)),
            format_seconds(report.spoken_seconds),
            "yes" if report.quantified else "no",
            str(len(_findings(report))),
        )
        return values[column]

    @staticmethod
    def _sort_key(story: Any, report: Any, column: int) -> Any:
        keys = (
            (getattr(story, "title", "") or "").casefold(),
            report.score,
            report.words.get("total", 0),
            report.spoken_seconds,
            int(bool(report.quantified)),
            len(_findings(report)),
        )
        return keys[column]

    @staticmethod
    def _tooltip(report: Any, column: int) -> str | None:
        if column == 1:
            return score_formula()
        if column == 5:
            counts = {s: sum(1 for f in _findings(report) if f.severity == s) for s in ("problem", "warning", "info")}
            return f"{counts['problem']} problems, {counts['warning']} warnings, {counts['info']} notes"
        return None


class CheckAllDialog(QDialog):
    """GUI: the readiness of every story at a glance; double-click a row to open that story."""

    story_chosen = Signal(int)

    def __init__(self, parent: Any = None, rows: Sequence[tuple[Any, Any]] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check all stories")
        self.resize(760, 420)
        self.model = SummaryModel(rows, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        layout = QVBoxLayout(self)
        self.lbl_overview = QLabel(self._overview(), self)
        self.lbl_overview.setToolTip(score_formula())
        layout.addWidget(self.lbl_overview)
        layout.addWidget(self._build_table(), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _build_table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # weakest stories first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(SummaryModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_double_click)
        return self.table

    def _overview(self) -> str:
        rows = self.model.rows
        if not rows:
            return "There are no stories to check yet."
        average = round(sum(r.score for _, r in rows) / len(rows))
        unmeasured = sum(1 for _, r in rows if not r.quantified)
        return (
            f"{len(rows)} stories, average readiness {average}. "
            f"{unmeasured} without a measured result. Hover over Score to see how it is computed."
        )

    def _on_double_click(self, index: QModelIndex) -> None:
        story_id = self.proxy.index(index.row(), 0).data(ID_ROLE)
        if isinstance(story_id, int):
            self.story_chosen.emit(story_id)
            self.accept()

    @classmethod
    def show_for(
        cls, parent: Any, rows: Sequence[tuple[Any, Any]], on_chosen: Callable[[int], None] | None = None
    ) -> tuple[None, bool]:
        """Show the summary modally; returns ``(None, accepted)``, accepted when a story was double-clicked.

        ``on_chosen(story_id)`` is called for the chosen story (the ``story_chosen`` signal, for callers
        that cannot connect to the dialog before it runs).
        """
        dialog = cls(parent, rows)
        if on_chosen is not None:
            dialog.story_chosen.connect(on_chosen)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return None, accepted
