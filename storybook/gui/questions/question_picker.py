"""GUI: a searchable picker for linking a bank question to a story, with a note on the angle."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.questions.question_model import QuestionFilterProxy, QuestionModel, QuestionRoles
from storybook.gui.stories.linked_questions import MAX_NOTE_CHARS
from storybook.gui.widgets.clean_inputs import CleanLineEdit
from storybook.gui.widgets.empty import EmptyStack
from storybook.model.values import QuestionRecord


def fit_html(fit: Any) -> str:
    """The fit of the selected question: score, reasons, and which key points the story covers."""
    lines = [f"<b>{round(fit.score * 100):d}% fit for this story</b>"]
    lines += [f"• {escape(r)}" for r in fit.reasons]
    missing = [k.text for k in fit.key_points if not k.covered]
    if missing:
        lines.append("Not in the story yet: " + escape("; ".join(missing)))
    return "<br>".join(lines)


class FitProxy(QuestionFilterProxy):
    """GUI: the question list with each question's fit for the open story in front of it."""

    def __init__(self, fits: dict[int, Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.fits = fits

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if not self.fits or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        record = super().data(index, QuestionRoles.RECORD)
        fit = self.fits.get(record.id) if record is not None else None
        if fit is None:
            return value
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{round(fit.score * 100):d}% · {value}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(["Why it fits:", *(f"• {r}" for r in fit.reasons)])
        return value


class QuestionPickerDialog(QDialog):
    """GUI: choose one question (search, competency filter) and write the angle the story takes.

    With ``fits`` (question id -> suggestion for the open story) the list is sorted by fit, best first,
    and the reasons and key points of the selected question are shown under it.
    """

    def __init__(self, questions: list[QuestionRecord], names: dict[str, str], exclude: set[int],
                 parent: QWidget | None = None, fits: dict[int, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link a question")
        self.fits = fits or {}
        if self.fits:
            questions = sorted(questions, key=lambda q: -(self.fits[q.id].score if q.id in self.fits else -1.0))
        self.model = QuestionModel(self)
        self.model.set_rows(questions, names)
        self.proxy = FitProxy(self.fits, self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_excluded(exclude)
        self._build(names)
        self.resize(640, 520)
        self._update()

    def _build(self, names: dict[str, str]) -> None:
        self.edit_search = QLineEdit()
        self.edit_search.setPlaceholderText("Search questions")
        self.edit_search.setClearButtonEnabled(True)
        self.combo_competency = QComboBox()
        self.combo_competency.setAccessibleName("Competency")
        self.combo_competency.addItem("All competencies", None)
        for key, name in sorted(names.items(), key=lambda kv: kv[1].casefold()):
            self.combo_competency.addItem(name, key)
        self.list_questions = QListView()
        self.list_questions.setAccessibleName("Questions")
        self.list_questions.setModel(self.proxy)
        self.list_questions.setWordWrap(True)
        self.list_questions.setAlternatingRowColors(True)
        self.stack = EmptyStack(self.list_questions, "No questions match.")
        self.lbl_assesses = QLabel()
        self.lbl_assesses.setWordWrap(True)
        self.lbl_fit = QLabel()
        self.lbl_fit.setWordWrap(True)
        self.lbl_fit.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_fit.setAccessibleName("Why it fits")
        self.edit_note = CleanLineEdit(max_chars=MAX_NOTE_CHARS)
        self.edit_note.setPlaceholderText("Optional: the angle this story takes on the question")
        self.edit_note.setAccessibleName("Note")
        self.lbl_notice = QLabel()
        self.lbl_notice.setWordWrap(True)
        self.lbl_notice.setVisible(False)
        self.edit_note.notice.connect(self._show_notice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link question")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.edit_search, 2)
        top.addWidget(self.combo_competency, 1)
        form = QFormLayout()
        form.addRow("Note:", self.edit_note)
        form.addRow("", self.lbl_notice)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.lbl_fit)
        layout.addWidget(self.lbl_assesses)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.edit_search.textChanged.connect(self._on_search)
        self.combo_competency.currentIndexChanged.connect(self._on_search)
        self.list_questions.selectionModel().currentChanged.connect(lambda *_: self._update())
        self.list_questions.doubleClicked.connect(lambda _i: self.accept())

    def _show_notice(self, text: str) -> None:
        self.lbl_notice.setText(text)
        self.lbl_notice.setVisible(bool(text))

    def _on_search(self, *_: object) -> None:
        self.proxy.set_search(self.edit_search.text())
        self.proxy.set_competency(self.combo_competency.currentData())
        if not self.list_questions.currentIndex().isValid() and self.proxy.rowCount():
            self.list_questions.setCurrentIndex(self.proxy.index(0, 0))
        self._update()

    def _update(self) -> None:
        self.stack.set_empty(self.proxy.rowCount() == 0)
        record = self.selected()
        self.lbl_assesses.setText(f"Assesses: {record.assesses}" if record and record.assesses else "")
        fit = self.fits.get(record.id) if record is not None else None
        self.lbl_fit.setText(fit_html(fit) if fit is not None else "")
        self.lbl_fit.setVisible(fit is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(record is not None)

    def selected(self) -> QuestionRecord | None:
        index: QModelIndex = self.list_questions.currentIndex()
        return index.data(QuestionRoles.RECORD) if index.isValid() else None

    @classmethod
    def pick(cls, parent: QWidget | None, questions: list[QuestionRecord], names: dict[str, str],
             exclude: set[int] | None = None,
             fits: dict[int, Any] | None = None) -> tuple[tuple[int, str] | None, bool]:
        """Return ``((question_id, note), True)`` or ``(None, False)`` when cancelled."""
        dialog = cls(questions, names, exclude or set(), parent, fits)
        dialog.edit_search.setFocus(Qt.FocusReason.OtherFocusReason)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        record = dialog.selected()
        if not accepted or record is None:
            return None, False
        return (record.id, dialog.edit_note.text().strip()), True
