"""GUI: the form for one interview target (company, role, date, people, notes, questions, competencies,
stories and the questions to ask the interviewer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.widgets.check_delegate import VisibleCheckDelegate
from storybook.gui.widgets.clean_inputs import CleanLineEdit, CleanPlainTextEdit

MAX_ASK = 5
MAX_NOTES_CHARS = 100_000
ID_ROLE = Qt.ItemDataRole.UserRole
TYPED = -1  # item data of a typed question; every item gets data because PySide6 6.12 mis-counts None


class TargetEditor(QWidget):
    """GUI: edits one target; emits ``changed`` on every edit (the panel saves after a short pause)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        layout = QVBoxLayout(self)
        self.label_countdown = QLabel()
        font = QFont(self.label_countdown.font())  # a font, not a style sheet: it follows palette changes
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.label_countdown.setFont(font)
        layout.addWidget(self.label_countdown)
        self.label_notice = QLabel()
        self.label_notice.setWordWrap(True)
        self.label_notice.setVisible(False)
        layout.addWidget(self.label_notice)
        layout.addWidget(self._build_details())
        layout.addWidget(self._build_questions())
        layout.addWidget(self._build_competencies())
        layout.addWidget(self._build_stories())
        layout.addWidget(self._build_asks())
        layout.addStretch(1)

    # ---- building ------------------------------------------------------------------------
    def _build_details(self) -> QGroupBox:
        box = QGroupBox("Interview")
        form = QFormLayout(box)
        self.edit_company, self.edit_role, self.edit_interviewers = CleanLineEdit(), CleanLineEdit(), CleanLineEdit()
        for edit, hint in ((self.edit_company, "Company"), (self.edit_role, "Role"),
                           (self.edit_interviewers, "Names and roles of the people you will meet")):
            edit.setPlaceholderText(hint)
            edit.setMaxLength(500)
            edit.textEdited.connect(self._emit)
            edit.notice.connect(self.show_notice)
        self.check_date = QCheckBox("Date set")
        self.edit_date = QDateTimeEdit()
        self.edit_date.setCalendarPopup(True)
        self.edit_date.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.check_date.toggled.connect(self.edit_date.setEnabled)
        self.check_date.toggled.connect(self._emit)
        self.edit_date.dateTimeChanged.connect(self._emit)
        row = QHBoxLayout()
        row.addWidget(self.check_date)
        row.addWidget(self.edit_date, 1)
        self.edit_notes = CleanPlainTextEdit(max_chars=MAX_NOTES_CHARS)
        self.edit_notes.notice.connect(self.show_notice)
        self.edit_notes.setPlaceholderText("Notes: the format, what they care about, what to bring")
        self.edit_notes.setFixedHeight(80)
        self.edit_notes.textChanged.connect(self._emit)
        form.addRow("Company:", self.edit_company)
        form.addRow("Role:", self.edit_role)
        form.addRow("When:", row)
        form.addRow("Interviewers:", self.edit_interviewers)
        form.addRow("Notes:", self.edit_notes)
        return box

    def _build_questions(self) -> QGroupBox:
        box = QGroupBox("Questions they are likely to ask")
        layout = QVBoxLayout(box)
        self.list_questions = QListWidget()
        self.list_questions.setWordWrap(True)
        self.list_questions.setMaximumHeight(130)
        self.combo_question = QComboBox()
        self.combo_question.setEditable(True)
        self.combo_question.setLineEdit(CleanLineEdit(max_chars=1000))
        self.combo_question.lineEdit().notice.connect(self.show_notice)
        self.combo_question.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo_question.lineEdit().setPlaceholderText("Pick a bank question or type your own")
        completer = QCompleter(self.combo_question.model(), self.combo_question)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo_question.setCompleter(completer)
        self.btn_add_question = QPushButton("Add")
        self.btn_remove_question = QPushButton("Remove")
        self.btn_add_question.clicked.connect(self.add_question)
        self.combo_question.lineEdit().returnPressed.connect(self.add_question)
        self.btn_remove_question.clicked.connect(self._remove_question)
        row = QHBoxLayout()
        row.addWidget(self.combo_question, 1)
        row.addWidget(self.btn_add_question)
        row.addWidget(self.btn_remove_question)
        layout.addWidget(self.list_questions)
        layout.addLayout(row)
        return box

    def _build_competencies(self) -> QGroupBox:
        box = QGroupBox("Competencies they weigh most (weight 1-5)")
        layout = QVBoxLayout(box)
        self.table_competencies = QTableWidget(0, 2)
        self.table_competencies.setHorizontalHeaderLabels(["Competency", "Weight"])
        self.table_competencies.verticalHeader().setVisible(False)
        self.table_competencies.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table_competencies.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table_competencies.setMinimumHeight(160)
        self.table_competencies.setItemDelegate(VisibleCheckDelegate(self.table_competencies))
        self.table_competencies.itemChanged.connect(self._emit)
        layout.addWidget(self.table_competencies)
        return box

    def _build_stories(self) -> QGroupBox:
        box = QGroupBox("Stories to take (none ticked: all stories)")
        layout = QVBoxLayout(box)
        self.list_stories = QListWidget()
        self.list_stories.setMinimumHeight(140)
        self.list_stories.setItemDelegate(VisibleCheckDelegate(self.list_stories))
        self.list_stories.itemChanged.connect(self._emit)
        layout.addWidget(self.list_stories)
        return box

    def _build_asks(self) -> QGroupBox:
        box = QGroupBox("Questions to ask them (three to five)")
        layout = QVBoxLayout(box)
        self.edits_ask: list[CleanLineEdit] = []
        for number in range(1, MAX_ASK + 1):
            edit = CleanLineEdit()
            edit.notice.connect(self.show_notice)
            edit.setPlaceholderText(f"Question {number}")
            edit.setMaxLength(1000)
            edit.textEdited.connect(self._emit)
            self.edits_ask.append(edit)
            layout.addWidget(edit)
        return box

    # ---- loading and reading -------------------------------------------------------------
    def set_choices(self, questions: list[Any], competencies: list[Any], stories: list[Any]) -> None:
        """The bank's questions, competencies and stories to choose from."""
        self._loading = True
        self.combo_question.clear()
        for question in questions:
            self.combo_question.addItem(question.text, question.id)
        self.combo_question.setCurrentIndex(-1)
        self.table_competencies.setRowCount(len(competencies))
        for row, comp in enumerate(competencies):
            item = QTableWidgetItem(comp.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(ID_ROLE, comp.key)
            self.table_competencies.setItem(row, 0, item)
            spin = QSpinBox()
            spin.setRange(1, 5)
            spin.setAccessibleName(f"{comp.name} weight")
            spin.setValue(3)
            spin.valueChanged.connect(self._emit)
            self.table_competencies.setCellWidget(row, 1, spin)
        self.list_stories.clear()
        for story in stories:
            item = QListWidgetItem(story.title or "Untitled story")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(ID_ROLE, story.id)
            self.list_stories.addItem(item)
        self._loading = False

    def show_notice(self, text: str) -> None:
        """A paste was cleaned or shortened: say so above the form until the next target is loaded."""
        self.label_notice.setText(text)
        self.label_notice.setVisible(bool(text))

    def load(self, target: Any, countdown: str) -> None:
        self._loading = True
        self.show_notice("")
        self.label_countdown.setText(countdown)
        self.edit_company.setText(target.company)
        self.edit_role.setText(target.role)
        self.edit_interviewers.setText(target.interviewers)
        self.edit_notes.setPlainText(target.notes)
        self.check_date.setChecked(target.interview_at is not None)
        self.edit_date.setEnabled(target.interview_at is not None)
        when = target.interview_at or datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
        self.edit_date.setDateTime(QDateTime(when.date(), QTime(when.hour, when.minute)))
        self.list_questions.clear()
        for question in target.questions:
            self._append_question(question.text, question.id)
        for row in range(self.table_competencies.rowCount()):
            item = self.table_competencies.item(row, 0)
            key = item.data(ID_ROLE)
            item.setCheckState(Qt.CheckState.Checked if key in target.competencies else Qt.CheckState.Unchecked)
            self.table_competencies.cellWidget(row, 1).setValue(target.competencies.get(key, 3))
        chosen = set(target.story_ids)
        for row in range(self.list_stories.count()):
            item = self.list_stories.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in chosen else Qt.CheckState.Unchecked)
        asks = list(target.questions_to_ask) + [""] * MAX_ASK
        for edit, text in zip(self.edits_ask, asks, strict=False):
            edit.setText(text)
        self._loading = False

    def values(self) -> dict[str, Any]:
        """The fields for ``bank.targets.update``."""
        when = None
        if self.check_date.isChecked():
            qdt = self.edit_date.dateTime()
            d, t = qdt.date(), qdt.time()
            when = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        weights = {}
        for row in range(self.table_competencies.rowCount()):
            item = self.table_competencies.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                weights[item.data(ID_ROLE)] = self.table_competencies.cellWidget(row, 1).value()
        stories = [self.list_stories.item(r).data(ID_ROLE) for r in range(self.list_stories.count())
                   if self.list_stories.item(r).checkState() == Qt.CheckState.Checked]
        questions = []
        for row in range(self.list_questions.count()):
            item = self.list_questions.item(row)
            questions.append(item.text() if item.data(ID_ROLE) == TYPED else item.data(ID_ROLE))
        return {
            "company": self.edit_company.text(), "role": self.edit_role.text(), "interview_at": when,
            "interviewers": self.edit_interviewers.text(), "notes": self.edit_notes.toPlainText(),
            "questions": questions, "competencies": weights, "story_ids": stories,
            "questions_to_ask": [e.text() for e in self.edits_ask if e.text().strip()],
        }

    # ---- questions -----------------------------------------------------------------------
    def _append_question(self, text: str, question_id: int | None) -> None:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, TYPED if question_id is None else question_id)
        item.setToolTip("Your own question" if question_id is None else text)
        self.list_questions.addItem(item)

    def add_question(self) -> None:
        """Add the picked bank question, or the typed text as a question of your own."""
        text = " ".join(self.combo_question.currentText().split())
        if not text:
            return
        index = self.combo_question.findText(text, Qt.MatchFlag.MatchFixedString)
        question_id = self.combo_question.itemData(index) if index >= 0 else None
        present = {self.list_questions.item(r).text().casefold() for r in range(self.list_questions.count())}
        if text.casefold() not in present:
            self._append_question(self.combo_question.itemText(index) if index >= 0 else text, question_id)
            self._emit()
        self.combo_question.setCurrentIndex(-1)
        self.combo_question.clearEditText()

    def sync_questions(self, target: Any) -> None:
        """After a save, typed questions have become bank questions: remember their ids."""
        ids = {q.text.strip().casefold(): q.id for q in target.questions}
        for row in range(self.list_questions.count()):
            item = self.list_questions.item(row)
            if item.data(ID_ROLE) == TYPED and item.text().strip().casefold() in ids:
                item.setData(ID_ROLE, ids[item.text().strip().casefold()])

    def _remove_question(self) -> None:
        row = self.list_questions.currentRow()
        if row >= 0:
            self.list_questions.takeItem(row)
            self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()
