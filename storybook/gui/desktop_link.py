"""GUI: File → Import stories from CSV / Word, and Tools → Install the English model (offered in the status
bar while only the basic engine is present)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from storybook.export.import_csv import CsvImportError, CsvTable, guess_mapping, read_table, stories_from_table
from storybook.gui.accessibility import name_window
from storybook.gui.dialogs.import_csv_dialog import CsvImportDialog
from storybook.gui.dialogs.model_setup_dialog import ModelSetupDialog
from storybook.model_setup import installed_model

if TYPE_CHECKING:
    from storybook.bank.import_records import FileRecords, FileReport
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)
CSV_FILTER = "CSV files (*.csv *.tsv *.txt)"
DOCX_FILTER = "Word documents (*.docx)"


def _start_dir() -> str:
    return str(Path.home())


class DesktopActions:
    """GUI: the importers from other tools and the model installer, attached to one main window."""

    def __init__(self, win: AppWindow) -> None:
        self.win = win
        self.btn_model: QPushButton | None = None

    # ---- CSV -------------------------------------------------------------------------------
    def import_csv(self, path: str | None = None) -> list[FileReport]:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.win, "Import stories from CSV", _start_dir(), CSV_FILTER)
            if not path:
                return []
        source = Path(path)
        try:
            table = read_table(source)
        except CsvImportError as exc:
            QMessageBox.warning(self.win, "Import stories", f"Cannot import {source}: {exc}.")
            return []
        choice, ok = CsvImportDialog.ask(self.win, table.headers, source.name, guess_mapping(table.headers),
                                         lambda mapping: self._preview(source, table, mapping))
        if not ok:
            return []
        mapping, replace = choice
        files = [self._records(source, table, mapping)]
        return self._import(files, replace)

    @staticmethod
    def _records(source: Path, table: CsvTable, mapping: dict[str, str]) -> FileRecords:
        from storybook.bank.import_records import FileRecords  # the full bank: only when importing

        stories = stories_from_table(table, mapping, source.name)
        return FileRecords(source, stories.records, stories.warnings)

    def _preview(self, source: Path, table: CsvTable, mapping: dict[str, str]) -> tuple[list[dict[str, Any]], str]:
        from storybook.bank.import_records import import_records

        files = [self._records(source, table, mapping)]
        self.win.workspace.flush()
        report = import_records(self.win.bank, files, dry_run=True)[0].report
        return files[0].records, (f"{len(report.added)} new, {len(report.skipped)} already in the bank "
                                  f"(skipped unless you replace them), {len(table.rows)} rows in the file.")

    # ---- Word ------------------------------------------------------------------------------
    def import_docx(self, paths: list[str] | None = None) -> list[FileReport]:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self.win, "Import stories from Word", _start_dir(), DOCX_FILTER)
            if not paths:
                return []
        from storybook.bank.import_records import docx_reader, import_records, read_files
        from storybook.bank.transfer import ImportFileError

        try:
            files = read_files(paths, docx_reader)
        except ImportFileError as exc:
            QMessageBox.warning(self.win, "Import stories", str(exc))
            return []
        preview = import_records(self.win.bank, files, dry_run=True)
        text = "\n".join(line for report in preview for line in report.lines())
        box = QMessageBox(QMessageBox.Icon.Question, "Import stories", "Nothing has been changed yet. Import these "
                          "stories?", QMessageBox.StandardButton.Cancel, self.win)
        box.setDetailedText(text)
        box.setInformativeText(text if len(text) < 1500 else text[:1500] + "\u2026")
        btn_import = box.addButton("Import", QMessageBox.ButtonRole.AcceptRole)
        btn_replace = box.addButton("Import, replacing same titles", QMessageBox.ButtonRole.ActionRole)
        btn_replace.setVisible(any(r.report.skipped for r in preview))
        box.exec()
        if box.clickedButton() not in (btn_import, btn_replace):
            return []
        return self._import(files, replace=box.clickedButton() is btn_replace)

    def _import(self, files: list[FileRecords], replace: bool) -> list[FileReport]:
        from storybook.bank.import_records import import_records
        from storybook.bank.transfer import ImportFileError

        self.win.workspace.flush()
        try:
            reports = import_records(self.win.bank, files, replace=replace)
        except (ImportFileError, ValueError) as exc:
            QMessageBox.warning(self.win, "Import stories", str(exc))
            return []
        self.win.on_bank_changed()
        added = sum(len(r.report.added) + len(r.report.replaced) for r in reports)
        self.win.statusBar().showMessage(f"Imported {added} stories.", 8000)
        QMessageBox.information(self.win, "Import stories",
                                "\n".join(line for report in reports for line in report.lines()))
        return reports

    # ---- model -----------------------------------------------------------------------------
    def install_model(self) -> bool:
        installed, _ = ModelSetupDialog.run(self.win)
        if installed and self.btn_model is not None:
            self.btn_model.setVisible(False)
        return installed

    def offer_model(self) -> None:
        """A status-bar button while no English model is installed (the checks run on the basic engine)."""
        if installed_model() is not None:
            return
        self.btn_model = QPushButton("Install the full checks\u2026")
        self.btn_model.setFlat(True)
        self.btn_model.setToolTip("Only the basic language engine is installed: passive voice and tense are not "
                                  "checked. Click to install the English model.")
        self.btn_model.setAccessibleName("Install the English model")
        self.btn_model.clicked.connect(self.install_model)
        self.win.statusBar().addPermanentWidget(self.btn_model)


def _action(win: AppWindow, text: str, slot: Any, tip: str) -> QAction:
    action = QAction(text, win)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def install_desktop_actions(win: AppWindow) -> DesktopActions:
    """Add the import and model actions to the window's menus."""
    actions = DesktopActions(win)
    win.actions["import_csv"] = _action(win, "Import stories from &CSV…", actions.import_csv,
                                        "Stories from a Notion, Google Sheets, Airtable or Excel export")
    win.actions["import_docx"] = _action(win, "Import stories from &Word…", actions.import_docx,
                                         "Stories from Word documents: one story per Heading 1")
    for key in ("import_csv", "import_docx"):
        win.menu_file.insertAction(win.menu_file_extra, win.actions[key])
    win.actions["install_model"] = _action(win, "Install the &English model…", actions.install_model,
                                           "Turn on the passive-voice and tense checks")
    win.menu_tools.addSeparator()
    win.menu_tools.addAction(win.actions["install_model"])
    actions.offer_model()
    name_window(win)  # screen readers: every widget built so far gets the name its label shows
    win.tabs.currentChanged.connect(lambda _index: name_window(win))  # and those a tab builds when first shown
    return actions
