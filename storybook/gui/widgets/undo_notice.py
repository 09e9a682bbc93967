"""GUI: a status-bar notice with an Undo button that goes away by itself after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from storybook.gui.widgets.elided_label import ElidedLabel

NOTICE_SECONDS = 10


class UndoNotice(QWidget):
    """GUI: "Moved “…” to the trash  [Undo]"; ``undo_clicked`` when the user takes it back."""

    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lbl_text = ElidedLabel()
        self.btn_undo = QToolButton()
        self.btn_undo.setText("Undo")
        self.btn_undo.setAutoRaise(False)
        self.btn_undo.setToolTip("Put the story back where it was (Ctrl+Z in the story list)")
        self.btn_undo.clicked.connect(self._on_undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(8)
        layout.addWidget(self.lbl_text, 1)
        layout.addWidget(self.btn_undo)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.dismiss)
        self.setVisible(False)

    def show_notice(self, text: str, seconds: float = NOTICE_SECONDS) -> None:
        self.lbl_text.setText(text)
        self.lbl_text.setToolTip(text)
        self.setVisible(True)
        self.timer.start(int(seconds * 1000))

    def dismiss(self) -> None:
        self.timer.stop()
        self.setVisible(False)

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def _on_undo(self) -> None:
        self.dismiss()
        self.undo_clicked.emit()
