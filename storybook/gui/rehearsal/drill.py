"""GUI: the question drill: a random question, stories ranked by fit (with reasons), a timed answer, a self-check.

Without an engine (``engines=None``) the stories are listed linked first, then by title. With one, the
ranking runs on a worker thread and replaces the list when it arrives (only the newest request counts).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

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

from storybook.gui.workers import run_in_pool

from .controls import LINKED_MARK, NO_STORY
from .media import Recorder
from .view import RehearsalView

if TYPE_CHECKING:
    from storybook.bank import StoryBank

Source = tuple[str, Any]  # ("all", None) | ("competency", key) | ("target", [question ids])


def target_sources(bank: StoryBank) -> list[tuple[str, Source]]:
    """The interview targets that have questions, as drill sources, in the order the Targets tab lists them."""
    out: list[tuple[str, Source]] = []
    for target in bank.targets.list():
        ids = [q.id for q in target.questions]
        if ids:
            name = " - ".join(x for x in (target.company, target.role) if x)
            out.append((f"Interview: {name or target.id}", ("target", ids)))
    return out


class DrillWindow(QWidget):
    """GUI: pick a question at random, choose a story, answer against the clock; each answer is logged."""

    answered = Signal(int)  # rehearsal id
    write_story_requested = Signal(int)  # question id: the user wants to write a new story for it

    def __init__(self, bank: StoryBank, *, rng: random.Random | None = None, clock: Callable[[], float] = time.monotonic,
                 recorder: Recorder | None = None, pool: QThreadPool, engines: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.engines = engines
        self.match_pool = pool  # the app context's pool, drained when the window closes
        self.fits: dict[int, Any] = {}  # story id -> Suggestion for the current question
        self._rank_request = 0
        self._answered_story: int | None = None
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
        self.lbl_selfcheck = QLabel()
        self.lbl_selfcheck.setWordWrap(True)
        self.lbl_selfcheck.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_selfcheck.setAccessibleName("Self-check")
        self.lbl_selfcheck.setVisible(False)
        self.answer_layout.addWidget(self.lbl_selfcheck)
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
        self.lbl_answer_with = QLabel("Answer with (stories linked to this question come first):")
        col.addWidget(self.lbl_answer_with)
        self.list_stories = QListWidget()
        self.list_stories.setWordWrap(True)
        self.list_stories.itemActivated.connect(lambda _item: self.answer())
        self.list_stories.currentItemChanged.connect(lambda *_: self._show_why())
        col.addWidget(self.list_stories, 1)
        self.lbl_why = QLabel()
        self.lbl_why.setWordWrap(True)
        self.lbl_why.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_why.setAccessibleName("Why this story")
        col.addWidget(self.lbl_why)
        self.btn_answer = QPushButton("Answer now (Space)")
        self.btn_answer.clicked.connect(self.answer)
        self.btn_write = QPushButton("Write a story for this question")
        self.btn_write.setToolTip("No story fits? Start a new draft linked to this question")
        self.btn_write.clicked.connect(self.write_story)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_answer)
        buttons.addWidget(self.btn_write)
        buttons.addStretch(1)
        col.addLayout(buttons)
        return pick

    def write_story(self) -> None:
        if self.question is not None:
            self.write_story_requested.emit(self.question.id)

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

    def _fill_stories(self, ranked: list[Any] | None = None) -> None:
        self.list_stories.clear()
        linked = set(self.question.story_ids) if self.question is not None else set()
        stories = sorted(self.bank.stories.list(), key=lambda s: (s.id not in linked, (s.title or "").casefold()))
        if ranked is None:
            self.fits = {}
            self._request_ranking(stories)
        else:
            order = {s.id: i for i, s in enumerate(ranked)}
            stories.sort(key=lambda s: order.get(s.id, len(order)))
        for story in stories:
            fit = self.fits.get(story.id)
            text = f"{LINKED_MARK if story.id in linked else ''}{story.title or 'Untitled'}"
            item = QListWidgetItem(f"{text}  ·  {round(fit.score * 100):d}% fit" if fit else text)
            item.setData(Qt.ItemDataRole.UserRole, story.id)
            if fit is not None:
                item.setToolTip("\n".join(f"• {r}" for r in fit.reasons))
            self.list_stories.addItem(item)
        none_item = QListWidgetItem(NO_STORY)
        none_item.setData(Qt.ItemDataRole.UserRole, None)
        self.list_stories.addItem(none_item)
        self.list_stories.setCurrentRow(0)
        self.btn_answer.setEnabled(self.question is not None)
        self.btn_write.setEnabled(self.question is not None)

    # ---- ranking by fit ---------------------------------------------------------------------------
    def _request_ranking(self, stories: list[Any]) -> None:
        self._rank_request += 1
        if self.engines is None or self.question is None or not stories:
            return
        request_id = self._rank_request
        question = self.question
        questions, comps = self.bank.questions.list(), self.bank.questions.competencies()
        run_in_pool(self.match_pool, _rank_stories, self.bank.matching, self.engines, questions, comps, question,
                    stories, on_done=lambda _w, result: self._on_ranked(request_id, question.id, result),
                    owner=self.list_stories)

    def _on_ranked(self, request_id: int, question_id: int, ranked: object) -> None:
        if request_id != self._rank_request or self.question is None or self.question.id != question_id:
            return  # the user moved on to another question
        if not isinstance(ranked, list):
            return
        self.fits = {s.id: s for s in ranked}
        self.lbl_answer_with.setText("Answer with (best fit first; linked stories are marked):")
        self._fill_stories(ranked)

    def _show_why(self) -> None:
        fit = self.fits.get(self.chosen_story())
        if fit is None:
            self.lbl_why.setText("")
            return
        self.lbl_why.setText(f"<b>{round(fit.score * 100):d}% fit</b> — " + "; ".join(escape(r) for r in fit.reasons))

    def self_check_html(self, story_id: int | None) -> str:
        """What the question assesses and its key points, ticked where the chosen story covers them."""
        q = self.question
        if q is None:
            return ""
        fit = self.fits.get(story_id) if story_id is not None else None
        covered = {k.text: k for k in fit.key_points} if fit is not None else {}
        lines = ["<b>Self-check</b>"]
        if q.assesses:
            lines.append(f"<i>The interviewer assesses:</i> {escape(q.assesses)}")
        lines.append("<i>Did your answer cover these key points?</i>")
        for point in q.key_points:
            k = covered.get(point)
            note = "" if k is None else (" — in your story" if k.covered else " — not in your written story")
            lines.append(f"☐ {escape(point)}{note}")
        return "<br>".join(lines)

    def _on_answered(self, rehearsal_id: int) -> None:
        self.lbl_selfcheck.setText(self.self_check_html(self._answered_story))
        self.lbl_selfcheck.setVisible(True)
        self.answered.emit(rehearsal_id)

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
        self._answered_story = story_id
        self.lbl_selfcheck.setVisible(False)
        self.view.saved.connect(self._on_answered)
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


def _rank_stories(service: Any, engines: Any, questions: list[Any], comps: list[Any], question: Any,
                  stories: list[Any]) -> list[Any]:
    from storybook.bank.matching import readiness

    matcher = service.matcher(engines, questions, comps)
    return matcher.stories_for_question(question, stories, readiness={s.id: readiness(s) for s in stories})
