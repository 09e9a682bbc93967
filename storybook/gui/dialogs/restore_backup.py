"""GUI: File → Restore from backup…: pick a backup from the list, confirm, and put it back."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storybook.bank import StoreError
from storybook.bank.backups import (
    BackupInfo,
    RestoreResult,
    backup_folder,
    list_backups,
    offered_backup,
    restore,
    stories_text,
)

if TYPE_CHECKING:
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)
COLUMNS = ("Taken", "Reason", "Stories", "Size", "Schema", "State")
REASONS = {"start": "start-up", "pre-upgrade": "before upgrade", "pre-restore": "before restore",
           "manual": "by hand"}


def _cells(info: BackupInfo) -> tuple[str, ...]:
    stories = "?" if info.stories is None else str(info.stories)
    state = "verified" if info.verified else f"not usable: {info.problem}"
    return (info.taken_at.strftime("%Y-%m-%d %H:%M"), REASONS.get(info.reason, info.reason), stories,
            f"{info.size / 1024:.0f} KB", info.revision or "-", state)


class RestoreBackupDialog(QDialog):
    """Lists the backups of one database and lets the user pick the one to restore."""

    def __init__(self, db_path: Path, infos: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.infos = infos
        self.db_path = db_path
        self._build(db_path)
        self._fill(offered_backup(db_path))
        self.resize(760, 360)

    def _build(self, db_path: Path) -> None:
        layout = QVBoxLayout(self)
        self.lbl_intro = QLabel(
            f"Backups of <b>{db_path.name}</b> in {backup_folder(db_path)}.<br>"
            "Restoring replaces the stories you have now; they are backed up first, so this can be undone.")
        self.lbl_intro.setWordWrap(True)
        layout.addWidget(self.lbl_intro)
        self.table_backups = QTableWidget(0, len(COLUMNS), self)
        self.table_backups.setHorizontalHeaderLabels(COLUMNS)
        self.table_backups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_backups.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_backups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_backups.horizontalHeader().setStretchLastSection(True)
        self.table_backups.verticalHeader().hide()
        layout.addWidget(self.table_backups)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.btn_restore = self.buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table_backups.itemSelectionChanged.connect(self._update_buttons)
        self.table_backups.itemDoubleClicked.connect(lambda _item: self.btn_restore.isEnabled() and self.accept())

    def _fill(self, offered: BackupInfo | None) -> None:
        self.table_backups.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            for col, text in enumerate(_cells(info)):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not info.verified:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.table_backups.setItem(row, col, item)
        self.table_backups.resizeColumnsToContents()
        if offered is not None:
            self.table_backups.selectRow(next(n for n, i in enumerate(self.infos) if i.path == offered.path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.btn_restore.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table_backups.selectionModel().selectedRows()}
        infos = [self.infos[row] for row in rows if self.infos[row].verified]
        return infos[0] if infos else None

    @classmethod
    def choose(cls, parent: QWidget | None, db_path: Path) -> tuple[BackupInfo | None, bool]:
        """Return the backup the user picked and confirmed, or ``(None, False)``."""
        infos = list_backups(db_path)
        if not infos:
            QMessageBox.information(parent, "Restore from backup",
                                    f"There are no backups yet in {backup_folder(db_path)}.")
            return None, False
        dialog = cls(db_path, infos, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected() is None:
            return None, False
        chosen = dialog.selected()
        question = (f"Restore the backup from {chosen.taken_at:%Y-%m-%d %H:%M} with {stories_text(chosen.stories)}?\n\n"
                    "The stories you have now are backed up first and stay in the list of backups.")
        answer = QMessageBox.question(parent, "Restore from backup", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return None, False
        return chosen, True


def restore_in_app(win: AppWindow) -> RestoreResult | None:
    """File → Restore from backup…: save pending edits, pick, restore under the app's own lock, re-read."""
    if not win.workspace.flush():
        QMessageBox.warning(win, "Restore from backup", "Your last edits could not be saved; restore cancelled.")
        return None
    chosen, accepted = RestoreBackupDialog.choose(win, win.bank.path)
    if not accepted or chosen is None:
        return None
    win.ctx.pool.waitForDone(5000)  # no background work may hold a connection to the old file
    win.bank.engine.dispose()
    try:
        result = restore(win.bank.path, chosen.path, app_holds_lock=True)
    except (StoreError, OSError) as exc:
        log.error("Restore of %s failed: %s", chosen.path, exc)
        QMessageBox.critical(win, "Restore from backup", f"The backup was not restored:\n{exc}")
        return None
    win.reload_settings()
    win.on_bank_changed()
    win.statusBar().showMessage(result.describe(), 15000)
    return result
