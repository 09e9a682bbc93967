"""GUI: ties story-question matching to the story screen: suggestions, key-point coverage, findings, gaps.

Ranking runs on the app's thread pool (the first run parses the question bank, later ones take
milliseconds); each request carries an id and only the newest result is shown. Nothing is linked or
tagged unless the user clicks.
"""

from __future__ import annotations

import itertools
import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from storybook.gui.coverage.gap_hints import GapHints, apply_gap_hints, gap_hints
from storybook.gui.stories.suggested_questions import SuggestedQuestionsPanel
from storybook.gui.workers import run_in_pool
from storybook.model.values import LinkedQuestion, QuestionRecord, StoryRecord

if TYPE_CHECKING:
    from storybook.bank import ChangeSet
    from storybook.bank.matching import StoryMatch
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)
EDIT_DEBOUNCE_MS = 1500  # re-rank a while after typing stops; ranking is cheap but not free
GAPS_DELAY_MS = 300  # gap hints read every story's text: after the grid has painted, once per burst of refills
SUGGEST_MIN_SCORE = 0.25  # competencies below this are not offered


class MatchingLink(QObject):
    """GUI: requests matching for the open story and shows the results where the user works."""

    matched = Signal(object)  # the StoryMatch now on show (the question prompts tick covered key points)

    def __init__(self, win: AppWindow) -> None:
        super().__init__(win)
        self.win = win
        self.ctx = win.ctx
        self.bank = win.bank
        self.workspace = win.workspace
        self._ids = itertools.count(1)
        self._latest = 0
        self._latest_gaps = 0
        self.last: StoryMatch | None = None
        self._closed = False
        self.panel = SuggestedQuestionsPanel()
        self.workspace.side_splitter.insertWidget(1, self.panel)
        sizes = self.workspace.side_splitter.sizes()
        if len(sizes) == 3:  # linked questions, suggestions, findings
            self.workspace.side_splitter.setSizes([260, 260, 360])
        self.workspace.question_fits = {}
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(EDIT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.request_current)
        self._gaps_timer = QTimer(self)
        self._gaps_timer.setSingleShot(True)
        self._gaps_timer.setInterval(GAPS_DELAY_MS)
        self._gaps_timer.timeout.connect(self.request_gaps)
        self._connect()

    def _connect(self) -> None:
        # ranking reads the question bank and the engine: after the first paint (the start-up shows the window first)
        self.workspace.story_loaded.connect(lambda _r: self.win.after_first_paint(self.request_current))
        self.workspace.editor.edited.connect(self._debounce.start)
        self.workspace.editor.links_changed.connect(self._debounce.start)
        self.win.bank_changes.changed.connect(self._on_bank_changes)
        self.panel.link_requested.connect(self.link_question)
        self.win.when_built("grid", lambda grid: grid.gaps_filled.connect(self._gaps_timer.start))  # the tab is lazy
        analysis = self.win.checks
        if analysis is not None:
            analysis.worker.report_ready.connect(lambda *_: self._merge_findings())

    def _on_bank_changes(self, change: ChangeSet) -> None:
        """Suggest again when the open story, its links or the question bank changed (not for other stories)."""
        if change.questions or change.story_list or self.workspace.current_story_id in change.stories:
            self._debounce.start()

    # ---- the open story ---------------------------------------------------------------------------
    def current_story(self) -> SimpleNamespace | None:
        story_id = self.workspace.current_story_id
        if story_id is None:
            return None
        links = [LinkedQuestion(q, "") for q in sorted(self.workspace.links_panel.linked_ids())]
        return SimpleNamespace(id=story_id, questions=links, **self.workspace.editor.values())

    def request_current(self) -> None:
        self._debounce.stop()
        story = self.current_story()
        if story is None or self._closed:
            self.last = None
            self.workspace.question_fits = {}
            self.panel.clear()
            return
        questions = self.bank.questions.list()
        competencies = self.bank.questions.competencies()
        wanted = {q.question_id for q in story.questions}
        linked = [q for q in self.bank.questions.list(include_hidden=True) if q.id in wanted]
        self.panel.set_busy()
        request_id = self._latest = next(self._ids)
        remote = self._checks_process()  # the checks process ranks too: no spaCy parse in the app
        fn, args = (remote.match, ()) if remote is not None else (_match_story, (self.bank.matching, self.ctx.engines))
        run_in_pool(self.ctx.pool, fn, *args, questions, competencies,
                    story, linked, on_done=lambda _w, result: self._on_match(request_id, result),
                    on_failed=lambda _w, message: self._on_failed(request_id, message), owner=self.panel)

    def _checks_process(self) -> Any:
        checks = getattr(getattr(self.win.checks, "worker", None), "checks", None)
        return checks if checks is not None and hasattr(checks, "match") and not checks.in_process else None

    def _on_match(self, request_id: int, result: object) -> None:
        from storybook.bank.matching import StoryMatch  # imported on first use: not needed for the first screen

        if request_id != self._latest or not isinstance(result, StoryMatch):
            return  # a newer request is on its way
        if result.story_id != self.workspace.current_story_id:
            return
        self.last = result
        self.workspace.question_fits = {s.id: s for s in result.questions}
        self.panel.set_suggestions(result.questions)
        self.workspace.links_panel.set_coverage(result.coverage)
        self.matched.emit(result)
        offered = [(s.id, "; ".join(s.reasons[:2])) for s in result.competencies if s.score >= SUGGEST_MIN_SCORE]
        self.workspace.editor.chips_competencies.set_suggestions(offered)
        self._merge_findings()

    def _on_failed(self, request_id: int, message: str) -> None:
        if request_id == self._latest:
            log.warning("Matching failed: %s", message)
            self.panel.clear("Suggestions are not available right now.")

    def _merge_findings(self) -> None:
        """Add "the question asks for …" notes to the findings on show (they do not change the score)."""
        analysis = self.win.checks
        report = getattr(getattr(analysis, "panel", None), "report", None)
        if report is None or self.last is None or getattr(report, "story_id", None) not in (None, self.last.story_id):
            return
        from storybook.analysis.matching import KEY_POINT_CODE

        kept = [f for f in report.findings if f.code != KEY_POINT_CODE]
        if kept + self.last.findings != report.findings:
            report.findings = kept + self.last.findings
            analysis.panel.set_report(report)

    def link_question(self, question_id: int) -> None:
        """The user clicked Link on a suggestion."""
        story_id = self.workspace.current_story_id
        if story_id is None:
            return
        self.workspace._change_link(lambda: self.bank.stories.link_question(story_id, question_id))
        self.request_current()

    # ---- coverage gaps ------------------------------------------------------------------------------
    def request_gaps(self) -> None:
        grid = self.win.grid
        summary = getattr(grid, "summary", None)
        if summary is None or self._closed:
            return
        stories = self.bank.stories.list()
        questions = self.bank.questions.list()
        competencies = self.bank.questions.competencies()
        request_id = self._latest_gaps = next(self._ids)
        run_in_pool(self.ctx.pool, _gap_hints, self.bank.matching, self.ctx.engines, questions, competencies,
                    stories, summary, on_done=lambda _w, result: self._on_gaps(request_id, result),
                    owner=grid.list_gaps)

    def _on_gaps(self, request_id: int, hints: object) -> None:
        if request_id == self._latest_gaps and isinstance(hints, GapHints):
            apply_gap_hints(self.win.grid.list_gaps, hints)

    def shutdown(self) -> None:
        self._closed = True
        self._debounce.stop()
        self._gaps_timer.stop()


def _match_story(service: Any, engines: Any, questions: list[QuestionRecord], competencies: list[Any],
                 story: Any, linked: list[QuestionRecord]) -> StoryMatch:
    from storybook.bank.matching import story_match

    matcher = service.matcher(engines, questions, competencies)
    return story_match(matcher, story, linked)


def _gap_hints(service: Any, engines: Any, questions: list[QuestionRecord], competencies: list[Any],
               stories: list[StoryRecord], summary: Any) -> GapHints:
    matcher = service.matcher(engines, questions, competencies)
    return gap_hints(matcher, stories, questions, summary)


def install(win: AppWindow, ctx: AppContext) -> MatchingLink:
    """Add suggestions to the story screen and the gaps list; returns the link (kept by the window)."""
    link = MatchingLink(win)
    win.hooks.on_close.append(link.shutdown)
    win.hooks.screenshots["question-picker.png"] = lambda: _picker_for_screenshot(win)
    return link


def _picker_for_screenshot(win: AppWindow) -> Any:
    from storybook.gui.questions.question_picker import QuestionPickerDialog

    workspace = win.workspace
    questions = win.bank.questions.list()
    return QuestionPickerDialog(questions, win.bank.questions.competency_names(), workspace.links_panel.linked_ids(),
                                win, fits=getattr(workspace, "question_fits", None))
