"""GUI: add a custom question to the bank (text, what it assesses, key points, competencies)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.widgets.check_delegate import VisibleCheckDelegate
from storybook.gui.widgets.clean_inputs import CleanPlainTextEdit
from storybook.model.values import CompetencyRecord

MAX_QUESTION_CHARS = 1000
MAX_DETAIL_CHARS = 10_000


class QuestionEditDialog(QDialog):
    """GUI: the fields of a new question; OK stays disabled until the question has text."""

    def __init__(self, competencies: list[CompetencyRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a question")
        self.edit_text = CleanPlainTextEdit(max_chars=MAX_QUESTION_CHARS * 2)
        self.edit_text.setPlaceholderText("Tell me about a time when…")
        self.edit_text.setTabChangesFocus(True)
        self.edit_assesses = CleanPlainTextEdit(max_chars=MAX_DETAIL_CHARS)
        self.edit_assesses.setPlaceholderText("What the interviewer wants to learn from the answer")
        self.edit_assesses.setTabChangesFocus(True)
        self.edit_points = CleanPlainTextEdit(max_chars=MAX_DETAIL_CHARS)
        self.edit_points.setPlaceholderText("One key point per line")
        self.edit_points.setTabChangesFocus(True)
        self.list_competencies = QListWidget()
        self.list_competencies.setItemDelegate(VisibleCheckDelegate(self.list_competencies))
        for comp in competencies:
            item = QListWidgetItem(comp.name)
            item.setData(Qt.ItemDataRole.UserRole, comp.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list_competencies.addItem(item)
        self.lbl_error = QLabel()
        self.lbl_error.setWordWrap(True)
        self.lbl_notice = QLabel()
        self.lbl_notice.setWordWrap(True)
        self.lbl_notice.setVisible(False)
        for edit in (self.edit_text, self.edit_assesses, self.edit_points):
            edit.notice.connect(self._show_notice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Question:", self.edit_text)
        form.addRow("Assesses:", self.edit_assesses)
        form.addRow("Key points:", self.edit_points)
        form.addRow("Competencies:", self.list_competencies)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lbl_notice)
        layout.addWidget(self.lbl_error)
        layout.addWidget(self.buttons)
        self.edit_text.textChanged.connect(self._validate)
        self._validate()
        self.resize(560, 560)

    def _show_notice(self, text: str) -> None:
        self.lbl_notice.setText(text)
        self.lbl_notice.setVisible(bool(text))

    def _validate(self) -> None:
        text = self.edit_text.toPlainText().strip()
        problem = ""
        if not text:
            problem = "Write the question first."
        elif len(text) > MAX_QUESTION_CHARS:
            problem = f"Keep the question under {MAX_QUESTION_CHARS} characters."
        self.lbl_error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def fields(self) -> dict[str, Any]:
        checked = [
            self.list_competencies.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list_competencies.count())
            if self.list_competencies.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "text": " ".join(self.edit_text.toPlainText().split()),
            "assesses": self.edit_assesses.toPlainText().strip(),
            "key_points": [p.strip() for p in self.edit_points.toPlainText().splitlines() if p.strip()],
            "competencies": checked,
        }

    @classmethod
    def get_question(cls, parent: QWidget | None,
                     competencies: list[CompetencyRecord]) -> tuple[dict[str, Any] | None, bool]:
        dialog = cls(competencies, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.fields(), True
