"""GUI: File → Import / Export actions (bank JSON, Markdown stories), with a preview before importing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from storybook.export.files import ExportError

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)
JSON_FILTER = "Storybook bank (*.json)"
MD_FILTER = "Markdown (*.md *.markdown *.txt)"


class ImportPreviewDialog(QDialog):
    """GUI: shows what an import would do (a dry run) and asks how to go on."""

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import preview")
        self.resize(560, 420)
        self.choice = "cancel"
        layout = QVBoxLayout(self)
        label = QLabel("Nothing has been changed yet. This is what the import would do:")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text_report = QPlainTextEdit("\n".join(report.lines()))
        self.text_report.setReadOnly(True)
        layout.addWidget(self.text_report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.btn_import = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.btn_replace = buttons.addButton("Import, replacing same titles", QDialogButtonBox.ButtonRole.ActionRole)
        self.btn_replace.setVisible(bool(report.skipped or report.targets_skipped))
        self.btn_import.setEnabled(report.changed)
        self.btn_import.clicked.connect(lambda: self._finish("import"))
        self.btn_replace.clicked.connect(lambda: self._finish("replace"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, report: Any) -> tuple[str, bool]:
        """Return ('import' | 'replace', True) or ('cancel', False)."""
        dialog = cls(report, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return "cancel", False
        return dialog.choice, True


def _start_dir() -> str:
    from storybook.paths import default_export_dir

    return str(default_export_dir())


class _Busy:
    """GUI: a wait cursor for the duration of a short blocking task."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


class TransferActions:
    """GUI: the handlers behind the Import / Export menu entries."""

    def __init__(self, parent: QWidget | None, bank: StoryBank, on_changed: Callable[[], None] | None = None) -> None:
        self.parent, self.bank, self.on_changed = parent, bank, on_changed

    def _fail(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.parent, title, str(exc))

    def export_json(self) -> Path | None:
        path, _f = QFileDialog.getSaveFileName(self.parent, "Export the bank", str(Path(_start_dir()) / "storybook.json"),
                                               JSON_FILTER)
        if not path:
            return None
        try:
            with _Busy():
                written = self.bank.transfer.export_json(path)
        except (ExportError, OSError) as exc:
            self._fail("Export the bank", exc)
            return None
        QMessageBox.information(self.parent, "Export the bank", f"The bank was saved as\n{written}")
        return written

    def export_md(self) -> list[Path] | None:
        folder = QFileDialog.getExistingDirectory(self.parent, "Export stories as Markdown into", _start_dir())
        if not folder:
            return None
        try:
            with _Busy():
                written = self.bank.transfer.export_md(folder)
        except (ExportError, OSError) as exc:
            self._fail("Export Markdown", exc)
            return None
        QMessageBox.information(self.parent, "Export Markdown", f"{len(written)} stories were saved in\n{folder}")
        return written

    def import_json(self) -> Any:
        path, _f = QFileDialog.getOpenFileName(self.parent, "Import a bank", _start_dir(), JSON_FILTER)
        if not path:
            return None
        return self._import("Import a bank", lambda replace, dry: self.bank.transfer.import_json(path, replace, dry))

    def import_md(self) -> Any:
        paths, _f = QFileDialog.getOpenFileNames(self.parent, "Import Markdown stories", _start_dir(), MD_FILTER)
        if not paths:
            return None
        return self._import("Import Markdown", lambda replace, dry: self.bank.transfer.import_md(paths, replace, dry))

    def _import(self, title: str, run: Callable[[bool, bool], Any]) -> Any:
        try:
            with _Busy():
                preview = run(False, True)
        except (ExportError, OSError, ValueError) as exc:
            self._fail(title, exc)
            return None
        choice, accepted = ImportPreviewDialog.ask(self.parent, preview)
        if not accepted:
            return None
        try:
            with _Busy():
                report = run(choice == "replace", False)
        except (ExportError, OSError, ValueError) as exc:
            self._fail(title, exc)
            return None
        if self.on_changed is not None:
            self.on_changed()
        QMessageBox.information(self.parent, title, "\n".join(report.lines()[:20]))
        return report


def build_transfer_actions(parent: QWidget | None, bank: StoryBank,
                           on_changed: Callable[[], None] | None = None) -> list[QAction]:
    """Actions for File → Import / Export; ``on_changed`` runs after an import changed the bank."""
    handlers = TransferActions(parent, bank, on_changed)
    specs = [
        ("Import bank from JSON…", handlers.import_json, "Add stories, questions, targets and rehearsals from a file"),
        ("Import Markdown stories…", handlers.import_md, "Add stories written in Markdown, e.g. from a notes app"),
        ("Export bank to JSON…", handlers.export_json, "Save everything to one file (a full copy)"),
        ("Export stories as Markdown…", handlers.export_md, "One Markdown file per story"),
    ]
    actions = []
    for text, slot, tip in specs:
        action = QAction(text, parent)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        actions.append(action)
    return actions
