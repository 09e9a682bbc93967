"""GUI: the CSV import's mapping step: one field per column, guessed from the headers, with a live preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storybook.export.import_csv import FIELDS, IGNORE

FIELD_LABELS: dict[str, str] = {
    IGNORE: "(leave out)", "title": "Title", "situation": "Situation", "task": "Task", "action": "Action",
    "result": "Result", "reflection": "Reflection", "short_version": "Short version", "notes": "Notes",
    "competencies": "Competencies", "tags": "Tags", "status": "Status (ready / draft)",
}
PREVIEW_COLUMNS = ("title", "situation", "action", "result")
PREVIEW_ROWS = 5
# preview(mapping) -> (the first records, one line on what the import would do) or raises ValueError
Preview = Callable[[dict[str, str]], tuple[list[dict[str, Any]], str]]


class CsvImportDialog(QDialog):
    """GUI: choose which story field each CSV column fills; see the first stories before importing."""

    def __init__(self, headers: list[str], file_name: str, mapping: dict[str, str], preview: Preview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import stories from {file_name}")
        self.headers, self.preview = headers, preview
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel("Storybook guessed which story field each column holds. Change any guess, check the "
                       "preview, then import. Stories whose title is already in the bank are skipped.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._build_mapping(mapping))
        layout.addWidget(self._build_preview(), 1)
        self.check_replace = QCheckBox("&Replace stories that have the same title")
        self.check_replace.setAccessibleName("Replace stories that have the same title")
        layout.addWidget(self.check_replace)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.btn_import = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.refresh()

    def _build_mapping(self, mapping: dict[str, str]) -> QWidget:
        box = QGroupBox("Columns")
        form = QFormLayout()
        for header in self.headers:
            combo = QComboBox()
            for name in (IGNORE, *FIELDS):
                combo.addItem(FIELD_LABELS[name], name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, IGNORE))))
            combo.setAccessibleName(f"Story field for the column {header}")
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[header] = combo
            form.addRow(f"{header}:", combo)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the fields
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMaximumHeight(220)
        outer = QVBoxLayout(box)
        outer.addWidget(scroll)
        return box

    def _build_preview(self) -> QWidget:
        box = QGroupBox("Preview")
        self.table_preview = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.table_preview.setHorizontalHeaderLabels([FIELD_LABELS[c] for c in PREVIEW_COLUMNS])
        self.table_preview.setAccessibleName("Preview of the first stories")
        self.table_preview.horizontalHeader().setStretchLastSection(True)
        self.label_summary = QLabel()
        self.label_summary.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table_preview)
        layout.addWidget(self.label_summary)
        return box

    def mapping(self) -> dict[str, str]:
        return {header: str(combo.currentData()) for header, combo in self.combos.items()}

    def refresh(self) -> None:
        try:
            records, summary = self.preview(self.mapping())
        except ValueError as exc:
            records, summary = [], str(exc)
            self.btn_import.setEnabled(False)
        else:
            self.btn_import.setEnabled(bool(records))
        self.label_summary.setText(summary)
        self.table_preview.setRowCount(min(PREVIEW_ROWS, len(records)))
        for row, record in enumerate(records[:PREVIEW_ROWS]):
            for col, name in enumerate(PREVIEW_COLUMNS):
                text = " ".join(str(record.get(name) or "").split())
                item = QTableWidgetItem(text[:120] + ("\u2026" if len(text) > 120 else ""))
                item.setToolTip(str(record.get(name) or ""))
                self.table_preview.setItem(row, col, item)

    @classmethod
    def ask(cls, parent: QWidget | None, headers: list[str], file_name: str, mapping: dict[str, str],
            preview: Preview) -> tuple[tuple[dict[str, str], bool], bool]:
        """Return ((mapping, replace), True) to import, or (({}, False), False) when cancelled."""
        dialog = cls(headers, file_name, mapping, preview, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ({}, False), False
        return (dialog.mapping(), dialog.check_replace.isChecked()), True
