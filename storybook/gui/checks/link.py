"""GUI: ties the story checks (storybook.gui.checks) to the editor, the story list and the status bar."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog

from storybook.analysis.spans import map_span
from storybook.gui.checks import (
    DEBOUNCE_MS,
    AnalysisWorker,
    BatchCheck,
    CheckAllDialog,
    Debouncer,
    FindingsPanel,
    ReportStore,
    select_span,
)
from storybook.gui.checks.highlighter import document_highlighter
from storybook.gui.checks.process_client import ProcessChecks
from storybook.gui.workers import CLOSE_WAIT_MS, progress_dialog
from storybook.model.values import SECTIONS, Settings, StoryRecord

if TYPE_CHECKING:
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)


def _checked_text(checked: int, total: int) -> str:
    return f"Checked {checked} of {total} {'story' if total == 1 else 'stories'}"


class AnalysisLink(QObject):
    """GUI: live checks ~400 ms after typing, findings beside the editor, highlights, scores, Check all."""

    def __init__(self, win: AppWindow) -> None:
        super().__init__(win)
        self.win = win
        self.workspace = win.workspace
        engines = getattr(win.ctx, "engines", None)
        checks = ProcessChecks(engines) if getattr(win.ctx, "checks_process", False) else None
        self.worker = AnalysisWorker(self, engines=engines, checks=checks)
        self.debounce = Debouncer(self.request_current, DEBOUNCE_MS, self)
        self.panel = FindingsPanel()
        self.workspace.side_splitter.addWidget(self.panel)
        self.workspace.side_splitter.setSizes([280, 420])
        self.workspace.side_splitter.setStretchFactor(1, 1)  # a taller window gives the findings the room
        self.highlighters = {s: document_highlighter(self.workspace.editor.section_edit(s).document())
                             for s in SECTIONS}
        self._batch: Any = None  # the BatchCheck scoring every story, while one runs
        self.store = ReportStore(win.bank, self.worker.engines, self.worker.loaded_info)  # reused until stale
        self._scored_with: str | None = None  # the engine key the last scoring was made for
        self._story_by_request: dict[int, Any] = {}  # the story a pending live check reads, to store its report
        self._progress: QProgressDialog | None = None  # Check all's progress, while it runs
        self._closed = False  # the window is closing: start no more checks
        self._check_when_ready = False  # a story opened before the engine was loaded: check it once it is
        self._texts_by_request: dict[int, dict[str, str]] = {}  # the section texts each pending check reads
        self._shown_texts: dict[str, str] = {}  # the section texts the findings on show were computed from
        self._select_after: tuple[str, str, int] | None = None  # (section, code, start) once a fresh check is in
        self._settings: Settings | None = None  # the effective settings the window pushed (settings_changed)
        self._connect()
        self.workspace.list_panel.set_score_sort_available(True)
        win.engine_text = "Text checks: loading the language engine…"
        win.lbl_engine.setText("Checks: loading…")
        win.after_first_paint(self.worker.preload)  # the model loads once the window is on screen

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
        if story is not None and not self._closed:
            settings = self.settings()
            request_id = self.worker.request(story, settings)
            # only the newest check is ever shown, so only its texts are kept
            self._texts_by_request = {request_id: {s: getattr(story, s, "") or "" for s in SECTIONS}}
            self._story_by_request = {request_id: (story, settings)}

    def _on_story_loaded(self, record: StoryRecord | None) -> None:
        self.debounce.cancel()
        self._shown_texts, self._select_after = {}, None
        self.panel.set_report(None)
        for highlighter in self.highlighters.values():
            highlighter.clear()
        if record is not None and self.worker.loaded_info() is None:
            self._check_when_ready = True  # the engine loads after the first paint; the check follows it
        elif record is not None:
            self.request_current()

    def _on_report(self, _request_id: int, report: Any) -> None:
        story_id = getattr(report, "story_id", None)
        if story_id is not None:
            self.workspace.list_panel.model.set_scores({story_id: report.score})
        if story_id is not None and story_id != self.workspace.current_story_id:
            return
        self._shown_texts = self._texts_by_request.pop(_request_id, {})
        checked = self._story_by_request.pop(_request_id, None)
        if checked is not None:  # the open story is not checked again in the background while unchanged
            self.store.put([(checked[0], report)], checked[1])
        self.panel.set_report(report)
        for section, highlighter in self.highlighters.items():
            highlighter.set_report(report, section)
        self._select_pending(report)
        # the status bar names the app's engine; a story too long to parse says so in the panel instead
        self._show_engine(self.worker.loaded_info() or report.engine)

    def _on_failed(self, _request_id: int, message: str) -> None:
        self.win.statusBar().showMessage(f"The story checks failed: {message}", 10000)

    def _on_engine(self, info: Any) -> None:
        if self._check_when_ready:
            self._check_when_ready = False
            self.request_current()
        if isinstance(info, dict):
            self._show_engine(info)
            if getattr(self.worker.checks, "note", ""):  # the checks process could not start
                self.win.statusBar().showMessage(self.worker.checks.note, 15000)
            # a running batch uses this engine already; a finished one needs a rerun only when the reports
            # it reused were made by another engine than the one that loaded
            idle = self._batch is None or not self._batch.running
            if idle and self._scored_with != self.win.bank.reports.key(info):
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
        """Clicking a finding selects its span in that section's editor and scrolls it into view.

        After typing, the findings on show may be older than the text. A span the edit did not touch is
        moved with the text; one it touched is not guessed at: a fresh check runs at once ("Checking…")
        and the same kind of finding nearest to the old place is selected when it arrives.
        """
        try:
            edit = self.workspace.editor.section_edit(section)
        except KeyError:
            return
        shown = self._shown_texts.get(section)
        text = edit.toPlainText()
        span = (start, end) if shown is None else map_span(shown, text, start, end)
        if span is None:
            code = next((f.code for f in getattr(self.panel.report, "findings", [])
                         if (f.section, f.start, f.end) == (section, start, end)), "")
            self._select_after = (section, code, start)
            self.win.statusBar().showMessage("Checking… the finding is selected when the check of your edit is in.")
            self.debounce.cancel()
            self.request_current()
            return
        self._show_span(edit, *span)

    def _show_span(self, edit: Any, start: int, end: int) -> None:
        self.workspace.editor.scroll.ensureWidgetVisible(edit)
        select_span(edit, start, end)
        edit.setFocus()

    def _select_pending(self, report: Any) -> None:
        """Select the finding a click asked for while its check was running (see ``select_finding``)."""
        if self._select_after is None:
            return
        section, code, old_start = self._select_after
        edit = self.workspace.editor.section_edit(section)
        if self._shown_texts.get(section) != edit.toPlainText():
            return  # more typing since: wait for the check of that
        self._select_after = None
        same = [f for f in report.findings if f.section == section and f.code == code and f.end > f.start]
        if not same:
            self.win.statusBar().showMessage("That finding is gone after your edit.", 5000)
            return
        self.win.statusBar().clearMessage()
        found = min(same, key=lambda f: abs(f.start - old_start))
        self.panel.show_finding(found)
        self._show_span(edit, found.start, found.end)

    # ---- all stories: scores in the list, Check all ------------------------------------------
    def refresh_scores(self) -> None:
        """Give every story its list badge (and score sort value): stored scores at once, and checks in the
        background only for the stories whose stored report is stale.

        A Check all that is still running is restarted (with its progress) rather than replaced.
        """
        self._run_batch(check_all=self._batch is not None and self._batch.running and self._progress is not None)

    def _run_batch(self, check_all: bool = False) -> None:
        """Start a chunked check of every story; an older batch still running stops submitting chunks."""
        self._stop_batch()
        if self._closed:
            return
        stories = self.win.bank.stories.list()
        settings = self.settings()
        self._scored_with = self.win.bank.reports.key(self.store.info())
        if check_all:  # the summary shows every report: read the stored ones in full
            known, _stale = self.store.split(stories, settings)
            self._show_scores({story_id: report.score for story_id, report in known.items()})
        else:  # the badges need only the stored scores; only the stale stories are checked
            scores, stories = self.store.scores_and_stale(stories, settings)
            self._show_scores(scores)
            known = {}
        batch = BatchCheck(self.worker, stories, settings, parent=self, known=known, store=self.store,
                                    paused=self._typing)
        batch.chunk_ready.connect(self._on_chunk)
        batch.failed.connect(self._on_batch_failed)
        batch.finished.connect(self._on_check_all if check_all else self._on_scores_done)
        self._batch = batch
        if check_all:
            self._show_progress(batch)
        batch.start()

    def _stop_batch(self) -> None:
        if self._batch is not None:
            self._batch.cancel()
            self._batch.deleteLater()
            self._batch = None
        self._close_progress()

    def _typing(self) -> bool:
        """The user typed in the last moments: background chunks wait (a running Check all does not)."""
        return self._progress is None and self.debounce.pending

    def _on_chunk(self, rows: list[tuple[StoryRecord, Any]]) -> None:
        self._show_scores({story.id: report.score for story, report in rows})

    def _show_scores(self, scores: dict[int, int]) -> None:
        # The open story's badge comes from its live check of the editor's text, which may be newer.
        live = getattr(self.panel.report, "story_id", None)
        scores = {story_id: score for story_id, score in scores.items() if story_id != live}
        if scores:
            self.workspace.list_panel.model.set_scores(scores)

    def _resort_by_score(self) -> None:
        # once per batch, not per chunk: the rows the user is looking at do not jump every second
        if self.workspace.list_panel.proxy.sort_key == "score":
            self.workspace.list_panel.proxy.resort()

    def _on_scores_done(self, _rows: list[tuple[StoryRecord, Any]]) -> None:
        self._resort_by_score()

    def _on_batch_failed(self, message: str) -> None:
        self._close_progress()
        self._on_failed(0, message)

    def check_all(self) -> None:
        """Tools → Check all stories: check every story with progress and Cancel, then show the summary."""
        self.workspace.flush()
        self._run_batch(check_all=True)

    def _show_progress(self, batch: Any) -> None:
        self._progress = progress_dialog(self.win, "Check all stories", _checked_text(0, batch.total),
                                         max(1, batch.total))
        self._progress.canceled.connect(self._on_check_all_cancelled)
        batch.progress.connect(self._on_progress)
        self._progress.setValue(0)
        self._progress.show()

    def _on_progress(self, checked: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setLabelText(_checked_text(checked, total))
            self._progress.setValue(checked)

    def _close_progress(self) -> None:
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.canceled.disconnect(self._on_check_all_cancelled)
            progress.close()
            progress.deleteLater()

    def _on_check_all_cancelled(self) -> None:
        """Cancel drops the progress and the summary; the stories not reached yet are scored quietly.

        The batch is not stopped but handed over to the background scoring, so every story still gets its
        badge (and the score sort its value) without waiting for the next refresh, and no chunk is checked
        twice. Its chunks keep giving way to live checks of the open story.
        """
        batch = self._batch
        if batch is None:
            return
        self._close_progress()
        batch.progress.disconnect(self._on_progress)
        batch.finished.disconnect(self._on_check_all)
        batch.finished.connect(self._on_scores_done)
        rest = "" if batch.checked >= batch.total else " The other stories are scored in the background."
        self.win.statusBar().showMessage(
            f"Check all stories cancelled: {_checked_text(batch.checked, batch.total).lower()}; "
            f"no summary was made.{rest}", 10000)

    def _on_check_all(self, rows: list[tuple[StoryRecord, Any]]) -> None:
        self._close_progress()
        self._resort_by_score()
        self.win.statusBar().clearMessage()
        CheckAllDialog.show_for(self.win, rows, on_chosen=self.win.open_story)

    def settings(self) -> Settings:
        """The settings the window pushed; read from the bank only if none were pushed yet."""
        if self._settings is None:
            self._settings = self.win.bank.effective_settings()[0]
        return self._settings

    def settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        # at start-up both wait until the window is on screen (and queue behind the engine's loading)
        self.win.after_first_paint(self.request_current)
        self.win.after_first_paint(self.refresh_scores)

    def shutdown(self) -> None:
        """The window is closing: no new checks; wait briefly for a running one, else let it finish unseen."""
        self._closed = True
        self.debounce.cancel()
        self._stop_batch()
        if self.worker.shutdown(CLOSE_WAIT_MS):
            return
        # Still loading or checking: keep the worker (its jobs and their signals) alive after the window is
        # gone, so the job finishes quietly; the app context waits for it once more when it closes.
        self.worker.setParent(None)
        self.win.ctx.lingering.append(self.worker)


def install(win: AppWindow, ctx: AppContext) -> AnalysisLink:
    """Live checks beside the editor, scores in the story list and Tools → Check all stories."""
    link = AnalysisLink(win)
    win.hooks.on_settings_changed.append(link.settings_changed)
    win.hooks.on_close.append(link.shutdown)
    action = QAction("&Check all stories", win)
    action.setStatusTip("Run the checks on every story and show a summary table")
    action.triggered.connect(lambda _checked=False: link.check_all())
    win.menu_tools.insertAction(win.menu_tools.actions()[0] if win.menu_tools.actions() else None, action)
    win.actions["check_all"] = action
    return link
