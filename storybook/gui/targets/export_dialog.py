"""GUI: the Export dossier dialog (target, parts, checks, path) and the export run with progress."""

from __future__ import annotations

import logging
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storybook.export.dossier import PART_TITLES, PARTS, DossierCancelled, DossierOptions, build_dossier
from storybook.export.files import ExportError
from storybook.gui.targets.pdf_option import pdf_checkbox, with_pdf
from storybook.gui.workers import Job, JobCancelled, JobControl, progress_dialog, submit

if TYPE_CHECKING:
    from storybook.analysis import EngineCache
    from storybook.bank import StoryBank
    from storybook.export.dossier import DossierData

log = logging.getLogger(__name__)
PART_LABELS = {"map": "Question → story map", "ask": "Questions to ask them"}
NO_TARGET = -1  # item data for "all stories": PySide6 6.12 mis-counts references to None read from item data


def default_path(label: str, folder: Path | None = None) -> Path:
    from storybook.paths import default_export_dir

    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower()[:50] or "all-stories"
    return (folder or default_export_dir()) / f"dossier-{slug}-{date.today():%Y-%m-%d}.docx"


def _targets(bank: StoryBank) -> list[Any]:
    try:
        return list(bank.targets.list())
    except Exception:  # the dialog still exports the whole bank when targets are unavailable
        log.warning("Could not list interview targets", exc_info=True)
        return []


class ExportDossierDialog(QDialog):
    """GUI: choose the target, the parts and the file for the prep dossier."""

    def __init__(self, bank: StoryBank, parent: QWidget | None = None, preselect: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export dossier")
        self.setMinimumWidth(520)
        self._bank = bank
        self._path_edited = False
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form())
        layout.addWidget(self._build_parts())
        self.check_checks = QCheckBox("Run the story checks (findings, measures in bold)")
        self.check_checks.setChecked(True)
        layout.addWidget(self.check_checks)
        self.check_pdf = pdf_checkbox()
        layout.addWidget(self.check_pdf)
        self.label_error = QLabel()
        self.label_error.setStyleSheet("color: #b00020;")
        self.label_error.setWordWrap(True)
        layout.addWidget(self.label_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.btn_export = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if preselect is not None:
            index = self.combo_target.findData(preselect)
            if index >= 0:
                self.combo_target.setCurrentIndex(index)
        self._update_default_path()

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.combo_target = QComboBox()
        self.combo_target.addItem("All stories (no target)", NO_TARGET)
        for target in _targets(self._bank):
            self.combo_target.addItem(f"{target.name} ({target.countdown().lower()})", target.id)
        self.combo_target.currentIndexChanged.connect(self._update_default_path)
        form.addRow("Interview:", self.combo_target)
        row = QHBoxLayout()
        self.edit_path = QLineEdit()
        self.edit_path.textEdited.connect(self._mark_edited)
        self.btn_browse = QPushButton("Browse…")
        self.btn_browse.clicked.connect(self._browse)
        row.addWidget(self.edit_path, 1)
        row.addWidget(self.btn_browse)
        form.addRow("Save as:", row)
        return form

    def _build_parts(self) -> QGroupBox:
        box = QGroupBox("Parts")
        grid = QGridLayout(box)
        self.part_checks: dict[str, QCheckBox] = {}
        for index, name in enumerate(PARTS):
            check = QCheckBox(PART_LABELS.get(name, PART_TITLES[name]))
            check.setToolTip(PART_TITLES[name])
            check.setChecked(True)
            self.part_checks[name] = check
            grid.addWidget(check, index // 2, index % 2)
        return box

    def _mark_edited(self, _text: str) -> None:
        self._path_edited = True

    def _label(self) -> str:
        index = self.combo_target.currentIndex()
        return "all stories" if index <= 0 else self.combo_target.currentText().rsplit(" (", 1)[0]

    def _update_default_path(self) -> None:
        if not self._path_edited:
            self.edit_path.setText(str(default_path(self._label())))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "Save the dossier as", self.edit_path.text(),
                                                    "Word documents (*.docx)")
        if path:
            self.edit_path.setText(path if path.lower().endswith(".docx") else path + ".docx")
            self._path_edited = True

    def options(self) -> DossierOptions:
        path = Path(self.edit_path.text().strip()).expanduser()
        target_id = self.combo_target.currentData()
        return DossierOptions(path=path, target_id=None if target_id == NO_TARGET else target_id,
                              parts=tuple(n for n in PARTS if self.part_checks[n].isChecked()),
                              run_checks=self.check_checks.isChecked(), pdf=self.check_pdf.isChecked())

    def problem(self) -> str:
        """Why the current choice cannot be exported, or ''."""
        options = self.options()
        if not options.parts:
            return "Choose at least one part."
        if not self.edit_path.text().strip():
            return "Choose where to save the dossier."
        if options.path.suffix.lower() != ".docx":
            return "The file name should end in .docx."
        folder = options.path.parent
        if folder.exists() and not os.access(folder, os.W_OK):
            return f"The folder {folder} cannot be written to."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.label_error.setText(problem)
            return
        folder = self.options().path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.label_error.setText(f"Cannot create the folder {folder}: {exc.strerror or exc}")
            return
        super().accept()

    @classmethod
    def get_options(cls, parent: QWidget | None, bank: StoryBank,
                    preselect: int | None = None) -> tuple[DossierOptions | None, bool]:
        dialog = cls(bank, parent, preselect)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.options(), True


# ---- the run -------------------------------------------------------------------------------------
def write_dossier(data: DossierData, options: DossierOptions, engines: EngineCache | None = None,
                  bank: StoryBank | None = None, *, control: JobControl) -> str:
    """Build the dossier from data gathered beforehand (run as a cancellable Job); returns the path written.

    With ``bank``, stored check reports are reused and the missing ones stored once computed. ``engines`` is
    the app context's EngineCache: the checks reuse its loaded engine.
    """
    try:
        if bank is not None and options.run_checks:
            _reuse_reports(data, options, engines, bank, control)
        # key points need parsed texts: added when the app's engine is ready (it warms up after start-up)
        warm = engines is not None and engines.peek() is not None
        path = build_dossier(data, options.path, parts=options.parts, progress=control.progress,
                             checks=options.run_checks, engine=engines, key_points=options.run_checks and warm)
        return str(with_pdf(path, options.pdf))
    except DossierCancelled as exc:
        raise JobCancelled from exc
    except (ExportError, JobCancelled):
        raise
    except Exception as exc:  # the user sees the reason; the Job logs the traceback
        raise RuntimeError(f"The dossier could not be written: {exc}") from exc


def _reuse_reports(data: DossierData, options: DossierOptions, engines: EngineCache | None, bank: StoryBank,
                   control: JobControl) -> None:
    """Take the stored reports; check (in one pass) and store only the stories changed since."""
    from storybook.analysis import EngineCache
    from storybook.export.dossier import MAX_CHECKED_CHARS

    control.label("Checking the stories that changed since their last check…")
    try:
        data.reports = bank.reports.ensure(data.stories, data.settings, engines or EngineCache(),
                                           control.progress, MAX_CHECKED_CHARS)
    except JobCancelled:
        raise
    except Exception:  # the export checks what is missing itself, or goes on without findings
        log.warning("Could not reuse the stored check reports", exc_info=True)
    control.label("Writing the dossier…")


def open_file(path: str | Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: str | Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def offer_open(parent: QWidget | None, path: str) -> str:
    """After an export: 'Open', 'Show in folder' or 'Close'; returns which was chosen."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Dossier exported")
    box.setText(f"The dossier was saved as\n{path}")
    btn_open = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    btn_folder = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is btn_open:
        open_file(path)
        return "open"
    if clicked is btn_folder:
        show_in_folder(path)
        return "folder"
    return "close"


class DossierExportJob(QObject):
    """GUI: one export: a progress dialog with Cancel, the job on the app's pool, then the Open / Show in folder
    offer."""

    finished = Signal(str)  # the path, or "" when cancelled or failed

    def __init__(self, parent: QWidget | None, data: DossierData, options: DossierOptions, pool: QThreadPool, *,
                 ask_open: bool = True, engines: EngineCache | None = None, bank: StoryBank | None = None) -> None:
        super().__init__(parent)
        self._parent, self._ask_open = parent, ask_open
        self.result_path = ""
        self.error = ""
        self.progress = progress_dialog(parent, "Export dossier", "Writing the dossier…")
        self.job = Job(write_dossier, data, options, engines, bank, control=True, expected=(ExportError,))
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.label.connect(self.progress.setLabelText)
        self.job.signals.done.connect(self._on_done)
        self.job.signals.failed.connect(self._on_failed)
        self.job.signals.cancelled.connect(self._on_cancelled)
        self.progress.canceled.connect(self.job.cancel)
        if not submit(pool, self.job):
            self.progress.close()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_done(self, _request_id: int, path: object) -> None:
        self.progress.close()
        self.result_path = str(path)
        self.finished.emit(self.result_path)
        if self._ask_open:
            offer_open(self._parent, self.result_path)

    def _on_failed(self, _request_id: int, message: str) -> None:
        self.progress.close()
        self.error = message
        self.finished.emit("")
        QMessageBox.warning(self._parent, "Export dossier", message)

    def _on_cancelled(self, _request_id: int) -> None:
        self.progress.close()
        self.finished.emit("")


def export_dossier(parent: QWidget | None, bank: StoryBank, pool: QThreadPool,
                   preselect: int | None = None, engines: EngineCache | None = None) -> DossierExportJob | None:
    """File → Export dossier: ask for the options, gather the data, export with progress, offer to open.

    ``engines`` is the app context's EngineCache, so the checks do not load a second spaCy pipeline.
    """
    options, accepted = ExportDossierDialog.get_options(parent, bank, preselect)
    if not accepted or options is None:
        return None
    try:
        data = bank.targets.dossier_data(options.target_id)
    except Exception as exc:  # a missing target or a database problem is shown, not raised
        log.warning("Could not gather the dossier data", exc_info=True)
        QMessageBox.warning(parent, "Export dossier", f"The dossier could not be prepared: {exc}")
        return None
    return DossierExportJob(parent, data, options, pool, engines=engines, bank=bank)
