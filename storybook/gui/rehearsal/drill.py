"""GUI: the question drill: a random question, a story to answer with (linked ones first), a timed answer."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .controls import LINKED_MARK, NO_STORY
from .media import Recorder
from .view import RehearsalView

log = logging.getLogger(__name__)

Source = tuple[str, Any]  # ("all", None) | ("competency", key) | ("target", [question ids])


def target_sources(bank: Any) -> list[tuple[str, Source]]:
    """Interview targets with questions, once the dossier feature provides ``bank.targets.list()``."""
    try:
        lister = getattr(bank.targets, "list", None)
    except (ImportError, AttributeError):
        return []
    if not callable(lister):
        return []
    try:
        targets = lister()
    except Exception as exc:  # a feature still being built must not break the drill
        log.info("Interview targets unavailable: %s", exc)
        return []
    out: list[tuple[str, Source]] = []
    for target in targets:
        ids = _target_question_ids(target)
        if ids:
            name = " - ".join(x for x in (getattr(target, "company", ""), getattr(target, "role", "")) if x)
            out.append((f"Interview: {name or getattr(target, 'id', '')}", ("target", ids)))
    return out


def _target_question_ids(target: Any) -> list[int]:
    ids = getattr(target, "question_ids", None)
    if ids is None:
        ids = [q if isinstance(q, int) else getattr(q, "question_id", getattr(q, "id", None))
               for q in getattr(target, "questions", []) or []]
    return [int(i) for i in ids if i is not None]


class DrillWindow(QWidget):
    """GUI: pick a question at random, choose a story, answer against the clock; each answer is logged."""

    answered = Signal(int)  # rehearsal id

    def __init__(self, bank: Any, *, rng: random.Random | None = None, clock: Callable[[], float] = time.monotonic,
                 recorder: Recorder | None = None, pool: QThreadPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.rng = rng or random.Random()
        self._view_args: dict[str, Any] = {"clock": clock, "recorder": recorder, "pool": pool}
        self.question: Any = None
        self.view: RehearsalView | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.new_question()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._build_pick_page())
        self.answer_page = QWidget()
        self.answer_layout = QVBoxLayout(self.answer_page)
        self.btn_next = QPushButton("Next question")
        self.btn_next.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.btn_next.clicked.connect(self.next_question)
        self.answer_layout.addWidget(self.btn_next, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(self.answer_page)

    def _build_pick_page(self) -> QWidget:
        pick = QWidget()
        col = QVBoxLayout(pick)
        row = QHBoxLayout()
        self.combo_source = QComboBox()
        self.combo_source.addItem("Whole question bank", ("all", None))
        for comp in self.bank.questions.competencies():
            self.combo_source.addItem(f"Competency: {comp.name}", ("competency", comp.key))
        for label, source in target_sources(self.bank):
            self.combo_source.addItem(label, source)
        self.combo_source.currentIndexChanged.connect(lambda _i: self.new_question())
        self.btn_new = QPushButton("Another question (N)")
        self.btn_new.clicked.connect(self.new_question)
        for widget in (QLabel("Questions from"), self.combo_source, self.btn_new):
            row.addWidget(widget)
        row.addStretch(1)
        col.addLayout(row)
        self.label_question = QLabel()
        self.label_question.setWordWrap(True)
        font = self.label_question.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.label_question.setFont(font)
        col.addWidget(self.label_question)
        col.addWidget(QLabel("Answer with (stories linked to this question come first):"))
        self.list_stories = QListWidget()
        self.list_stories.itemActivated.connect(lambda _item: self.answer())
        col.addWidget(self.list_stories, 1)
        self.btn_answer = QPushButton("Answer now (Space)")
        self.btn_answer.clicked.connect(self.answer)
        col.addWidget(self.btn_answer, 0, Qt.AlignmentFlag.AlignLeft)
        return pick

    # ---- questions -----------------------------------------------------------------------------
    def questions(self) -> list[Any]:
        kind, value = self.combo_source.currentData() or ("all", None)
        if kind == "competency":
            return self.bank.questions.list(competency=value)
        everything = self.bank.questions.list()
        if kind == "target":
            wanted = set(value)
            return [q for q in everything if q.id in wanted]
        return everything

    def new_question(self) -> None:
        pool = self.questions()
        previous = self.question.id if self.question is not None else None
        if len(pool) > 1:
            pool = [q for q in pool if q.id != previous]
        self.question = self.rng.choice(pool) if pool else None
        self.label_question.setText(self.question.text if self.question else "No questions here. Pick another source.")
        self._fill_stories()

    def _fill_stories(self) -> None:
        self.list_stories.clear()
        linked = set(self.question.story_ids) if self.question is not None else set()
        stories = sorted(self.bank.stories.list(), key=lambda s: (s.id not in linked, (s.title or "").casefold()))
        for story in stories:
            item = QListWidgetItem(f"{LINKED_MARK if story.id in linked else ''}{story.title or 'Untitled'}")
            item.setData(Qt.ItemDataRole.UserRole, story.id)
            self.list_stories.addItem(item)
        none_item = QListWidgetItem(NO_STORY)
        none_item.setData(Qt.ItemDataRole.UserRole, None)
        self.list_stories.addItem(none_item)
        self.list_stories.setCurrentRow(0)
        self.btn_answer.setEnabled(self.question is not None)

    def chosen_story(self) -> int | None:
        item = self.list_stories.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # ---- answering -----------------------------------------------------------------------------
    def answer(self) -> None:
        """Open the timed answer for the chosen story (or none) and start the clock at once."""
        if self.question is None:
            return
        story_id = self.chosen_story()
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
        self.view = RehearsalView(self.bank, story_id, self.question.id, improvise=story_id is None, mode="blind",
                                  **self._view_args)
        self.view.saved.connect(self.answered.emit)
        self.answer_layout.addWidget(self.view, 1)
        self.pages.setCurrentWidget(self.answer_page)
        self.view.setFocus()
        self.view.space()

    def next_question(self) -> None:
        if self.view is not None:
            self.view.close()
        self.pages.setCurrentIndex(0)
        self.new_question()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.pages.currentIndex() == 0 and event.key() == Qt.Key.Key_Space:
            self.answer()
        elif self.pages.currentIndex() == 0 and event.key() == Qt.Key.Key_N:
            self.new_question()
        else:
            super().keyPressEvent(event)
