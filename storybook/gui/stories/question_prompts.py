"""GUI: "Prompts from: <question>": a linked question's key points shown beside the editor, never in the text.

The panel shows the key points of one question the open story is linked to (the first with key points, or
the one the user picks when there are several), ticks those the matching engine finds in the text, and folds
to a single line.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from storybook.model.values import QuestionRecord

TITLE_CHARS = 70
MAX_HEIGHT = 320  # beyond this the prompts scroll with the side column instead of pushing it away


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class QuestionPromptsPanel(QFrame):
    """GUI: the key points of a linked question as prompts, with which ones the story already covers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionPrompts")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.questions: list[QuestionRecord] = []
        self.coverage: dict[int, list[Any]] = {}  # question id -> KeyPointCoverage list
        self._build()
        self.setVisible(False)

    def _build(self) -> None:
        self.btn_toggle = QToolButton()
        self.btn_toggle.setCheckable(True)
        self.btn_toggle.setChecked(True)
        self.btn_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.btn_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.btn_toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.btn_toggle.setAccessibleName("Show or hide the question prompts")
        self.btn_toggle.toggled.connect(self.set_expanded)
        self.combo_question = QComboBox()
        self.combo_question.setAccessibleName("Prompts from question")
        self.combo_question.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo_question.setMinimumContentsLength(20)
        self.combo_question.currentIndexChanged.connect(lambda _i: self._show_points())
        self.lbl_points = QLabel()
        self.lbl_points.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_points.setWordWrap(True)
        self.lbl_points.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lbl_points.setAccessibleName("Key points to cover")
        self.lbl_points.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(4, 0, 4, 4)
        body.addWidget(self.combo_question)
        body.addWidget(self.lbl_points, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.btn_toggle)
        layout.addWidget(self.body, 1)

    # ---- data ---------------------------------------------------------------------------
    def set_questions(self, questions: list[QuestionRecord]) -> None:
        """The open story's linked questions; only those with key points are offered."""
        keep = self.current_question_id()
        self.questions = [q for q in questions if q.key_points]
        self.combo_question.blockSignals(True)
        self.combo_question.clear()
        for question in self.questions:
            self.combo_question.addItem(_short(question.text), question.id)
            self.combo_question.setItemData(self.combo_question.count() - 1, question.text, Qt.ItemDataRole.ToolTipRole)
        index = self.combo_question.findData(keep) if keep is not None else -1
        self.combo_question.setCurrentIndex(max(0, index) if self.questions else -1)
        self.combo_question.blockSignals(False)
        self.combo_question.setVisible(len(self.questions) > 1)
        self.setVisible(bool(self.questions))
        self._show_points()

    def set_coverage(self, coverage: dict[int, list[Any]]) -> None:
        self.coverage = dict(coverage)
        self._show_points()

    def current_question(self) -> QuestionRecord | None:
        index = self.combo_question.currentIndex()
        return self.questions[index] if 0 <= index < len(self.questions) else None

    def current_question_id(self) -> int | None:
        question = self.current_question()
        return question.id if question is not None else None

    def covered_points(self) -> list[str]:
        question = self.current_question()
        if question is None:
            return []
        return [k.text for k in self.coverage.get(question.id, []) if k.covered]

    # ---- showing ------------------------------------------------------------------------
    def set_expanded(self, expanded: bool) -> None:
        self.btn_toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self.setMaximumHeight(16_777_215 if expanded else self.btn_toggle.sizeHint().height() + 12)
        self._fit()

    def _fit(self) -> None:
        """Ask the side column for room for every prompt (up to a limit), or for one line when folded."""
        if not self.is_expanded():
            self.setMinimumHeight(0)
            return
        width = max(200, self.lbl_points.width())
        needed = self.btn_toggle.sizeHint().height() + self.lbl_points.heightForWidth(width) + 24
        if self.combo_question.isVisibleTo(self):
            needed += self.combo_question.sizeHint().height()
        self.setMinimumHeight(min(needed, MAX_HEIGHT))

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        self._fit()

    def is_expanded(self) -> bool:
        return self.btn_toggle.isChecked()

    def _show_points(self) -> None:
        question = self.current_question()
        if question is None:
            self.btn_toggle.setText("Prompts")
            self.lbl_points.setText("")
            return
        self.btn_toggle.setText(f"Prompts from: {_short(question.text, 48)}")
        self.btn_toggle.setToolTip(question.text)
        covered = {k.text: k for k in self.coverage.get(question.id, [])}
        lines = []
        for point in question.key_points:
            found = covered.get(point)
            if found is not None and found.covered:
                where = f" <i>({escape(found.section)})</i>" if found.section else ""
                lines.append(f"<p style='margin:2px 0'>✓ {escape(point)} — <i>in your text</i>{where}</p>")
            else:
                lines.append(f"<p style='margin:2px 0'>○ {escape(point)}</p>")
        known = question.id in self.coverage
        done = sum(1 for p in question.key_points if getattr(covered.get(p), "covered", False))
        note = (f"{done} of {len(question.key_points)} already in your text." if known
                else "Cover these in your own words.")
        self.lbl_points.setText("".join(lines) + f"<p style='margin-top:4px'><i>{note} "
                                "These prompts are never added to the story.</i></p>")
        self._fit()
