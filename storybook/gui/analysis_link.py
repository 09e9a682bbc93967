"""GUI: ties the story checks (storybook.gui.analysis) to the editor, the story list and the status bar."""

from __future__ import annotations

import logging
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from storybook.gui.workers import FunctionWorker, run_in_pool
from storybook.model.values import SECTIONS, StoryRecord

if TYPE_CHECKING:
    from storybook.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def analyze_all(stories: list[StoryRecord], settings: Any, engines: Any = None) -> list[tuple[StoryRecord, Any]]:
    """Every story with its report (one nlp.pipe stream); runs on the checks' own worker thread."""
    from storybook.analysis import analyze_stories

    return list(zip(stories, analyze_stories(stories, settings, engines), strict=True))


class AnalysisLink(QObject):
    """GUI: live checks ~400 ms after typing, findings beside the editor, highlights, scores, Check all."""

    def __init__(self, win: MainWindow, module: ModuleType) -> None:
        super().__init__(win)
        self.win = win
        self.mod = module
        self.workspace = win.workspace
        self.worker = module.AnalysisWorker(self, engines=getattr(win.ctx, "engines", None))
        self.debounce = module.Debouncer(self.request_current, module.DEBOUNCE_MS, self)
        self.panel = module.FindingsPanel()
        self.workspace.side_splitter.addWidget(self.panel)
        self.workspace.side_splitter.setSizes([280, 420])
        self.workspace.side_splitter.setStretchFactor(1, 1)  # a taller window gives the findings the room
        self.highlighters = {s: module.FindingsHighlighter(self.workspace.editor.section_edit(s).document())
                             for s in SECTIONS}
        self._batch: FunctionWorker | None = None
        self._check_all_pending = False
        self._connect()
        self.workspace.list_panel.set_score_sort_available(True)
        win.engine_text = "Text checks: loading the language engine…"
        win.lbl_engine.setText("Checks: loading…")
        self.worker.preload()

    def _connect(self) -> None:
        self.workspace.editor.edited.connect(self.debounce.trigger)
        self.workspace.editor.links_changed.connect(self.debounce.trigger)
        self.workspace.story_loaded.connect(self._on_story_loaded)
        self.worker.report_ready.connect(self._on_report)
        self.worker.failed.connect(self._on_failed)
        self.worker.engine_ready.connect(self._on_engine)
        self.worker.busy_changed.connect(self.panel.set_busy)
        self.panel.finding_activated.connect(self.select_finding)

    # ---- live checks of the open story ------------------------------------------------------
    def current_story(self) -> SimpleNamespace | None:
        story_id = self.workspace.current_story_id
        if story_id is None:
            return None
        return SimpleNamespace(id=story_id, **self.workspace.editor.values())

    def request_current(self) -> None:
        story = self.current_story()
        if story is not None:
            self.worker.request(story, self.win.bank.effective_settings()[0])

    def _on_story_loaded(self, record: StoryRecord | None) -> None:
        self.debounce.cancel()
        self.panel.set_report(None)
        for highlighter in self.highlighters.values():
            highlighter.clear()
        if record is not None:
            self.request_current()

    def _on_report(self, _request_id: int, report: Any) -> None:
        story_id = getattr(report, "story_id", None)
        if story_id is not None:
            self.workspace.list_panel.model.set_scores({story_id: report.score})
        if story_id is not None and story_id != self.workspace.current_story_id:
            return
        self.panel.set_report(report)
        for section, highlighter in self.highlighters.items():
            highlighter.set_report(report, section)
        loaded = self.worker.engines.peek()
        # the status bar names the app's engine; a story too long to parse says so in the panel instead
        self._show_engine(loaded.info if loaded is not None else report.engine)

    def _on_failed(self, _request_id: int, message: str) -> None:
        self.win.statusBar().showMessage(f"The story checks failed: {message}", 10000)

    def _on_engine(self, info: Any) -> None:
        if isinstance(info, dict):
            self._show_engine(info)
            self.refresh_scores()

    def _show_engine(self, info: dict[str, Any]) -> None:
        kind = "full" if info.get("full") else "basic"
        text = f"{info.get('name', '?')} {info.get('version', '')}".strip()
        self.win.lbl_engine.setText(f"Checks: {text} ({kind})")
        self.win.lbl_engine.setToolTip("The language engine behind the story checks. The basic engine skips "
                                       "passive voice and tense." if kind == "basic" else
                                       "The language engine behind the story checks.")
        self.win.engine_text = f"{text} ({kind})"

    def select_finding(self, section: str, start: int, end: int) -> None:
        """Clicking a finding selects its span in that section's editor and scrolls it into view."""
        try:
            edit = self.workspace.editor.section_edit(section)
        except KeyError:
            return
        self.workspace.editor.scroll.ensureWidgetVisible(edit)
        self.mod.select_span(edit, start, end)
        edit.setFocus()

    # ---- all stories: scores in the list, Check all ------------------------------------------
    def refresh_scores(self) -> None:
        """Score every story in the background for the list badges and the score sort."""
        self._run_batch(self._on_scores)

    def _run_batch(self, on_done: Any) -> None:
        stories = self.win.bank.stories.list()
        settings = self.win.bank.effective_settings()[0]
        # the checks' single thread: one spaCy pipeline, used by one thread at a time
        self._batch = run_in_pool(self.worker.pool, analyze_all, stories, settings, self.worker.engines,
                                  on_done=on_done, on_failed=self._on_failed)

    def _on_scores(self, _request_id: int, rows: list[tuple[StoryRecord, Any]]) -> None:
        self.workspace.list_panel.model.set_scores({story.id: report.score for story, report in rows})
        if self.workspace.list_panel.proxy.sort_key == "score":
            self.workspace.list_panel.proxy.resort()

    def check_all(self) -> None:
        self.workspace.flush()
        self.win.statusBar().showMessage("Checking every story…")
        self._run_batch(self._on_check_all)

    def _on_check_all(self, request_id: int, rows: list[tuple[StoryRecord, Any]]) -> None:
        self._on_scores(request_id, rows)
        self.win.statusBar().clearMessage()
        self.mod.CheckAllDialog.show_for(self.win, rows, on_chosen=self.win.open_story)

    def settings_changed(self, _settings: Any) -> None:
        self.request_current()
        self.refresh_scores()

    def shutdown(self) -> None:
        self.debounce.cancel()
        self.worker.shutdown()


def install_analysis(win: MainWindow, module: ModuleType, features: Any) -> None:
    link = AnalysisLink(win, module)
    features.objects["analysis"] = link
    features.on_settings_changed.append(link.settings_changed)
    features.on_close.append(link.shutdown)
    action = QAction("&Check all stories", win)
    action.setStatusTip("Run the checks on every story and show a summary table")
    action.triggered.connect(lambda _checked=False: link.check_all())
    win.menu_tools.insertAction(win.menu_tools.actions()[0] if win.menu_tools.actions() else None, action)
    win.actions["check_all"] = action
    features.present.add("analysis")
