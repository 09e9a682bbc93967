"""GUI: what to do when the database cannot be opened (damaged or written by a newer Storybook)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


class OpenErrorDialog:
    """GUI: explains the problem; offers to open a copy of the newest good backup when there is one."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, backup: Path | None) -> tuple[str, bool]:
        """Return ``("open-backup", True)`` or ``("quit", False)``."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Storybook cannot open the database")
        box.setText(message)
        open_btn = None
        if backup is not None:
            box.setInformativeText(
                f"The newest good backup is {backup.name}. Storybook can open a copy of it; "
                "the damaged file stays where it is, untouched."
            )
            open_btn = box.addButton("Open a copy of the backup", QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText("No good backup was found. The file was left untouched.")
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if open_btn is not None and box.clickedButton() is open_btn:
            return "open-backup", True
        return "quit", False
