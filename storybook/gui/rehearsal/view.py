"""GUI: the rehearsal view: a large clock, section bars, the story in three modes, keys, summary, recording.

Keys: Space start/pause (on the last section it finishes), Right or Enter next section, P pause, Esc stop,
R restart, F11 full screen. The timer is the pure RehearsalTimer; a QTimer only calls its ``tick``.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from storybook.bank import NotFoundError
from storybook.model.measures import LengthBand, format_seconds, length_verdict, story_words
from storybook.model.values import SECTION_TITLES, SECTIONS
from storybook.rehearsal.audio import AudioStats, analyze_wav
from storybook.rehearsal.summary import summarize
from storybook.rehearsal.timer import EventKind, RehearsalTimer, TimerEvent, TimerState, Zone

from .background import Background
from .controls import RunControls
from .media import Chime, QtRecorder, Recorder
from .summary_panel import SummaryPanel
from .widgets import ClockLabel, SectionBars

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)

TICK_MS = 100
MIN_SAVED_SECONDS = 5.0  # a stopped run shorter than this was a false start
MODE_PAGES = {"full": 0, "cue": 1, "blind": 2}


class RehearsalView(QWidget):
    """GUI: one timed rehearsal of a story (or a drill answer without one), then its summary."""

    saved = Signal(int)  # rehearsal id, once the run is in the database
    analysed = Signal(int)  # rehearsal id, once its recording has been measured
    history_requested = Signal(object)  # story id

    def __init__(self, bank: StoryBank, story_id: int | None = None, question_id: int | None = None, *,
                 clock: Callable[[], float] = time.monotonic, recorder: Recorder | None = None,
                 pool: QThreadPool, improvise: bool = False, mode: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.question_id = question_id
        self.settings, self.pace_source = bank.effective_settings()
        self.timer = RehearsalTimer.from_settings(self.settings, clock=clock)
        self.timer.add_listener(self._on_event)
        self.background = Background(pool, self)
        self.recorder = recorder if recorder is not None else QtRecorder(self)
        self.recorder.setParent(self)
        self.recorder.saved.connect(self._on_recording_saved)
        self.recorder.failed.connect(self._set_status)
        self.chime = Chime(self)
        self.chime.enabled = self.settings.rehearsal_sound
        self.record_id: int | None = None
        self._recording = False
        self._started_at: datetime | None = None
        self._analysis_request = 0
        self.story: Any = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWindowTitle("Rehearsal")
        self._build()
        self.qtimer = QTimer(self)
        self.qtimer.setInterval(TICK_MS)
        self.qtimer.timeout.connect(self._tick)
        if mode:
            self.controls.set_mode(mode)
        self.controls.load_stories(story_id, question_id, improvise)
        self._refresh()

    # ---- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        run_page = QWidget()
        run = QVBoxLayout(run_page)
        self.controls = RunControls(self.bank, self.recorder, self.chime, self.question_id)
        self.controls.story_changed.connect(self._load_story)
        self.controls.mode_changed.connect(self._show_mode)
        self.controls.cue_cards_changed.connect(lambda: self._load_story(self.controls.story_id()))
        run.addWidget(self.controls)
        self.clock = ClockLabel()
        run.addWidget(self.clock)
        self.label_section = QLabel()
        self.label_section.setAlignment(Qt.AlignmentFlag.AlignCenter)
        run.addWidget(self.label_section)
        self.bars = SectionBars(self.timer.budgets)
        run.addWidget(self.bars)
        self._build_text(run)
        self.label_hint = QLabel()
        self.label_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        run.addWidget(self.label_hint)
        self.label_status = QLabel()
        self.label_status.setWordWrap(True)
        run.addWidget(self.label_status)
        self.pages.addWidget(run_page)
        self.summary = SummaryPanel()
        self.summary.save_requested.connect(self.save_rating)
        self.summary.rating_changed.connect(lambda _v: self.save_rating())
        self.summary.again_requested.connect(self.restart)
        self.summary.history_requested.connect(lambda: self.history_requested.emit(self.controls.story_id()))
        self.pages.addWidget(self.summary)

    def _build_text(self, layout: QVBoxLayout) -> None:
        self.text_stack = QStackedWidget()
        self.text_full = QTextBrowser()
        self.text_full.setAccessibleName("Story text")
        self.text_full.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_cue = QLabel()
        self.text_cue.setWordWrap(True)
        self.text_cue.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        font = self.text_cue.font()
        font.setPointSize(font.pointSize() + 8)
        self.text_cue.setFont(font)
        self.text_blind = QLabel("Blind: no text. Tell it from memory.")
        self.text_blind.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.text_full, self.text_cue, self.text_blind):
            self.text_stack.addWidget(widget)
        layout.addWidget(self.text_stack, 1)

    # ---- story and modes -------------------------------------------------------------------------
    def _load_story(self, story_id: int | None) -> None:
        self.story = self.bank.stories.get(story_id) if story_id is not None else None
        self.text_cue.setText(self._cue_text())
        self._render_full_text()
        self._refresh_status()

    def _cue_text(self) -> str:
        if self.story is None:
            return "No story picked: answer as well as you can, then write the story down afterwards."
        cards = self.story.cue_cards
        if not cards:
            return "This story has no cue card yet. Use “Cue card…” to write three to five anchors."
        return "\n\n".join(f"•  {card}" for card in cards)

    def _render_full_text(self) -> None:
        if self.story is None:
            self.text_full.setPlainText(self._cue_text())
            return
        current = self.timer.section if self.timer.is_active else None
        pal = self.palette()
        mark = (f' style="background-color: {pal.color(QPalette.ColorRole.Highlight).name()}; '
                f'color: {pal.color(QPalette.ColorRole.HighlightedText).name()};"')
        parts = []
        for section in SECTIONS:
            body = html.escape(self.story.section_text(section)).replace("\n", "<br>") or "<i>(empty)</i>"
            style = mark if section == current else ""
            parts.append(f'<a name="{section}"></a><h3{style}>{SECTION_TITLES[section]}</h3><p>{body}</p>')
        self.text_full.setHtml("".join(parts))
        if current:
            self.text_full.scrollToAnchor(current)

    def _show_mode(self, mode: str) -> None:
        self.text_stack.setCurrentIndex(MODE_PAGES.get(mode, 0))

    @property
    def mode(self) -> str:
        return self.controls.mode()

    # ---- keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif self.pages.currentWidget() is self.summary:
            self._summary_key(event)
        elif key == Qt.Key.Key_Space:
            self.space()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_section()
        elif key == Qt.Key.Key_P and self.timer.is_active:
            self._apply(self.timer.toggle())
        elif key == Qt.Key.Key_Escape:
            self.stop()
        elif key == Qt.Key.Key_R:
            self.restart()
        else:
            super().keyPressEvent(event)

    def _summary_key(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and self.summary.btn_save.isEnabled():
            self.summary.set_rating(key - Qt.Key.Key_0)
            self.save_rating()
        elif key == Qt.Key.Key_R:
            self.restart()
        elif key == Qt.Key.Key_Escape and self.window().isFullScreen():
            self.toggle_full_screen()
        else:
            super().keyPressEvent(event)

    # ---- actions -------------------------------------------------------------------------------
    def space(self) -> None:
        """Start, pause or resume; on the last section a running timer finishes instead."""
        if self.timer.state is TimerState.READY and not self.controls.can_start():
            self._set_status("Pick a story with some text first.")
            return
        if self.timer.state is TimerState.RUNNING and self.timer.is_last_section:
            self._apply(self.timer.finish())
        else:
            self._apply(self.timer.toggle())

    def next_section(self) -> None:
        if self.timer.is_active:
            self._apply(self.timer.next_section())

    def stop(self) -> None:
        if self.timer.is_active:
            self._apply(self.timer.abort())
        elif self.window().isFullScreen():
            self.toggle_full_screen()

    def restart(self) -> None:
        if self._recording:
            self.recorder.discard()
            self._recording = False
        self.save_rating()
        self.record_id = None
        self._apply(self.timer.restart())
        self.pages.setCurrentIndex(0)
        self.setFocus()

    def toggle_full_screen(self) -> None:
        window = self.window()
        window.showNormal() if window.isFullScreen() else window.showFullScreen()

    def _apply(self, events: list[TimerEvent]) -> None:
        """Events already reached the listener; this only redraws."""
        self._refresh()

    # ---- timer events --------------------------------------------------------------------------
    def _on_event(self, event: TimerEvent) -> None:
        if event.kind is EventKind.STATE:
            self._on_state(event.state)
        elif event.kind is EventKind.ZONE and event.zone in (Zone.BETWEEN, Zone.OVER):
            self.chime.play()
        elif event.kind is EventKind.SECTION:
            self._render_full_text()

    def _on_state(self, state: TimerState | None) -> None:
        if state is TimerState.RUNNING:
            if self._started_at is None:
                self._started_at = datetime.now(UTC)
                self._start_recording()
            elif self._recording:
                self.recorder.resume()
            self.qtimer.start()
        elif state is TimerState.PAUSED:
            self.qtimer.stop()
            if self._recording:
                self.recorder.pause()
        elif state in (TimerState.FINISHED, TimerState.ABORTED):
            self.qtimer.stop()
            self._run_over(state)
        elif state is TimerState.READY:
            self.qtimer.stop()
            self._started_at = None
        self.controls.set_running(self.timer.is_active)

    def _tick(self) -> None:
        self.timer.tick()
        self._refresh()

    def _start_recording(self) -> None:
        self._recording = False
        if self.controls.wants_recording():
            path = self.bank.rehearsals.new_recording_path(self.controls.story_id())
            self._recording = self.recorder.start(path)

    # ---- after the run ---------------------------------------------------------------------------
    def _run_over(self, state: TimerState) -> None:
        finished = state is TimerState.FINISHED
        seconds = self.timer.section_seconds()
        keep = finished or self.timer.total() >= MIN_SAVED_SECONDS
        self.record_id = None
        problem = ""
        if keep:
            try:
                self.record_id = self._save_run(seconds, finished)
            except NotFoundError as exc:  # the story was deleted for good while the clock ran
                log.warning("Rehearsal not saved: %s", exc)
                keep, problem = False, "Not saved: the story is no longer in your bank."
            except ValueError as exc:
                log.warning("Rehearsal not saved: %s", exc)
                keep, problem = False, f"Not saved: {exc}"
        summary = summarize(seconds, self.settings.target_seconds, self.settings.limit_seconds, self.settings.split,
                            finished)
        self.summary.show_summary(summary, keep)
        if problem:
            self.summary.label_saved.setText(problem)
        self.pages.setCurrentWidget(self.summary)
        if self._recording:
            self._recording = False
            self.summary.show_audio(None, "Saving the recording…")
            self.recorder.stop() if keep else self.recorder.discard()
        if self.record_id is not None:
            self.saved.emit(self.record_id)

    def _save_run(self, seconds: list[float], finished: bool) -> int | None:
        record = self.bank.rehearsals.record(
            self.controls.story_id(), seconds, question_id=self.question_id, started_at=self._started_at,
            target_seconds=self.settings.target_seconds, limit_seconds=self.settings.limit_seconds,
            mode=self.mode, outcome="finished" if finished else "aborted",
            had_story=self.controls.story_id() is not None)
        return record.id

    def _on_recording_saved(self, path: str) -> None:
        if self.record_id is None:
            Path(path).unlink(missing_ok=True)
            return
        record = self.bank.rehearsals.attach_recording(self.record_id, path, analyze=False)
        self.summary.show_audio(None, "Measuring the recording…")
        self._analysis_request += 1
        request, record_id = self._analysis_request, record.id
        self.background.run(analyze_wav, record.recording_path, record.words,
                            on_done=lambda stats: self._on_analysed(request, record_id, stats),
                            on_failed=lambda text: self.summary.show_audio(None, f"Could not measure it: {text}"))

    def _on_analysed(self, request: int, record_id: int, stats: AudioStats) -> None:
        if request != self._analysis_request:
            return  # a newer run replaced this one
        try:
            self.bank.rehearsals.set_audio_stats(record_id, stats)
        except Exception as exc:  # the run may have been deleted meanwhile
            log.warning("Could not store audio figures for %s: %s", record_id, exc)
            return
        if record_id == self.record_id:
            self.summary.show_audio(stats)
        self.analysed.emit(record_id)

    def save_rating(self) -> None:
        if self.record_id is None:
            return
        try:
            self.bank.rehearsals.update_rating(self.record_id, self.summary.rating(), self.summary.note())
        except ValueError as exc:
            self.summary.label_saved.setText(str(exc))
            return
        self.summary.label_saved.setText("Saved to your history.")

    # ---- display -------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.clock.show_time(self.timer.total(), self.timer.zone())
        self.bars.set_progress(self.timer.section_seconds(), self.timer.section_index if self.timer.is_active else -1)
        index = self.timer.section_index
        state = self.timer.state
        where = f"{SECTION_TITLES[SECTIONS[index]]}  ({index + 1} of {len(SECTIONS)})"
        self.label_section.setText({TimerState.READY: "Ready", TimerState.PAUSED: f"Paused: {where}"}.get(state, where))
        self.label_hint.setText(self._hint())

    def _hint(self) -> str:
        if self.timer.state is TimerState.READY:
            return "Space start   ·   F11 full screen"
        if self.timer.is_last_section:
            return "Space or → finish   ·   P pause   ·   Esc stop   ·   R restart"
        toggle = "Space resume" if self.timer.state is TimerState.PAUSED else "Space pause"
        return f"{toggle}   ·   → or Enter next section   ·   Esc stop   ·   R restart   ·   F11 full screen"

    def _refresh_status(self) -> None:
        parts = [self.recorder.message if not self.recorder.available else ""]
        if self.story is not None:
            words = story_words(self.story)
            band = replace(LengthBand.from_settings(self.settings), pace_source=self.pace_source)
            where = {"measured": "your measured pace", "settings": "your set pace"}.get(self.pace_source,
                                                                                        "the default pace")
            verdict = length_verdict(words, band)
            parts.append(f"{words} words: about {format_seconds(verdict.seconds)} at {band.pace_wpm:.0f} words per "
                         f"minute ({where}), {verdict.sentence()}.")
        self._set_status("   ·   ".join(p for p in parts if p))

    def _set_status(self, text: str) -> None:
        self.label_status.setText(text)

    def recording_story_id(self) -> int | None:
        """The story whose take is being recorded right now, if any."""
        return self.controls.story_id() if self._recording else None

    def stop_recording(self, reason: str) -> bool:
        """Stop and throw away the take being recorded (its story is being deleted); say why in the view."""
        if not self._recording:
            return False
        self._recording = False
        self.recorder.discard()
        self._set_status(reason)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.timer.is_active:
            self._apply(self.timer.abort())
        self.save_rating()
        self.qtimer.stop()
        super().closeEvent(event)
