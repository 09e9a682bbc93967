"""GUI: a yes/no question with a clear action button (purge, empty trash, close without saving)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ConfirmDialog:
    """GUI: asks before something that cannot be undone."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, ok_text: str = "OK",
            detail: str = "") -> tuple[bool, bool]:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        if detail:
            box.setInformativeText(detail)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        accepted = box.clickedButton() is ok
        return accepted, accepted


class MessageDialog:
    """GUI: tells the user something went wrong (or right) in one sentence."""

    @classmethod
    def show(cls, parent: QWidget | None, title: str, text: str, error: bool = True) -> tuple[None, bool]:
        if error:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)
        return None, True
