"""GUI: what to do when the database cannot be opened (damaged, missing, or written by a newer Storybook)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


class OpenErrorDialog:
    """GUI: explains the problem; leads to Restore from backup when there is a good backup."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, backup: Path | None) -> tuple[str, bool]:
        """Return ``("restore", True)`` (go on to the list of backups) or ``("quit", False)``."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Storybook cannot open the database")
        box.setText(message)
        open_btn = None
        if backup is not None:
            box.setInformativeText(
                f"The backup to start from is {backup.name}. Restoring puts a backup back in place of this "
                "file; a file that cannot be read is kept aside unchanged, never overwritten."
            )
            open_btn = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText("No good backup was found. The file was left untouched.")
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if open_btn is not None and box.clickedButton() is open_btn:
            return "restore", True
        return "quit", False
