"""Scoring every story in the background: live checks go first, Check all shows progress and can be cancelled.

The spaCy checks are replaced by fakes that take a little time and record the order in which work finishes
on the checks' thread, so these tests are fast and their outcome does not depend on the machine's speed.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QPushButton

import storybook.analysis
from storybook.bank import StoryBank
from storybook.gui.checks import CheckAllDialog
from storybook.gui.context import AppContext
from storybook.model.values import SECTIONS, StoryReport

N_STORIES = 40
SECONDS_PER_STORY = 0.01  # a chunk of 8 takes about 80 ms: long enough to be caught mid-batch
MAX_CHUNK = 10  # stories per job at most: a live check never waits for more than two such jobs


class FakeEngines:
    """The engine cache, without spaCy: loading is instant."""

    def get(self, *_args: object) -> SimpleNamespace:
        return SimpleNamespace(info={"name": "fake", "version": "0", "full": True})

    def peek(self) -> None:
        return None


def _report(story: Any) -> StoryReport:
    return StoryReport(engine={"name": "fake", "version": "0", "full": True}, words={s: 0 for s in (*SECTIONS, "total")},
                       spoken_seconds=0.0, quantified=False, metrics=[], i_we={"i": 0, "we": 0}, findings=[],
                       score=40 + (story.id or 0) % 50, title=story.title or "", story_id=story.id)


class Recorder:
    """Fake checks; ``events`` lists what finished on the checks' thread, in order: ("live", id) or ("batch", n)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def analyze_story(self, story: Any, _settings: Any = None, _engine: Any = None) -> StoryReport:
        time.sleep(SECONDS_PER_STORY)
        with self.lock:
            self.events.append(("live", story.id))
        return _report(story)

    def analyze_stories(self, stories: Any, _settings: Any = None, _engine: Any = None) -> list[StoryReport]:
        stories = list(stories)
        time.sleep(SECONDS_PER_STORY * len(stories))
        with self.lock:
            self.events.append(("batch", len(stories)))
        return [_report(s) for s in stories]

    def batch_stories(self) -> int:
        with self.lock:
            return sum(n for kind, n in self.events if kind == "batch")

    def batch_events(self) -> list[tuple[str, int]]:
        with self.lock:
            return [e for e in self.events if e[0] == "batch"]


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    rec = Recorder()
    monkeypatch.setattr(storybook.analysis, "analyze_story", rec.analyze_story)
    monkeypatch.setattr(storybook.analysis, "analyze_stories", rec.analyze_stories)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    return rec


@pytest.fixture
def big_bank(tmp_path: Path) -> Iterator[StoryBank]:
    with StoryBank.open(tmp_path / "big.sqlite") as bank:
        for i in range(N_STORIES):
            bank.stories.create(title=f"Story {i + 1}", situation="The nightly import failed.", task="Fix it.",
                                action="I read the logs and rewrote the parser.", result="It ran again.")
        yield bank


@pytest.fixture
def window(qtbot, tmp_path: Path, big_bank: StoryBank, recorder: Recorder):  # noqa: ANN201
    from storybook.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=big_bank, ui_settings=settings, pool=QThreadPool(), features=frozenset({"analysis"}),
                     engines=FakeEngines())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    link = win.checks
    if link is not None:
        link.shutdown()
    ctx.pool.waitForDone(5000)


def _link(win):  # noqa: ANN001, ANN202
    return win.checks


def _badges(win) -> int:  # noqa: ANN001
    model = win.workspace.list_panel.model
    return sum(1 for story in win.bank.stories.list() if model.score(story.id) is not None)


def _wait_idle(qtbot, link) -> None:  # noqa: ANN001
    """Let the checks' thread run dry, and the GUI take in everything it reported."""
    for _ in range(10):
        assert link.worker.pool.waitForDone(10000)
        QApplication.processEvents()
        qtbot.wait(20)


def _wait_for_startup_scores(qtbot, win, recorder: Recorder, keep_reports: bool = False) -> None:  # noqa: ANN001
    """Let the start-up scoring finish; then (unless ``keep_reports``) forget the reports it stored, as if
    every story had changed since, so that Check all has them all to check."""
    qtbot.waitUntil(lambda: recorder.batch_stories() >= N_STORIES and _badges(win) == N_STORIES, timeout=20000)
    _wait_idle(qtbot, _link(win))
    if not keep_reports:
        win.bank.reports.forget()


def test_a_live_check_is_answered_before_the_start_up_scoring_finishes(qtbot, window, recorder) -> None:
    link = _link(window)
    qtbot.waitUntil(lambda: bool(recorder.batch_events()), timeout=20000)  # the list's scoring is under way
    live_before = sum(1 for kind, _ in recorder.events if kind == "live")
    link.request_current()  # as if the user had typed in the open story

    qtbot.waitUntil(lambda: sum(1 for kind, _ in recorder.events if kind == "live") > live_before, timeout=20000)
    with recorder.lock:
        events = list(recorder.events)
    live_at = [i for i, (kind, _) in enumerate(events) if kind == "live"][live_before]
    scored_first = sum(n for kind, n in events[:live_at] if kind == "batch")
    # at most the chunk that was running and the one that may have just started went first
    assert scored_first <= 2 * MAX_CHUNK < N_STORIES

    qtbot.waitUntil(lambda: _badges(window) == N_STORIES, timeout=20000)  # and the scoring still completes
    assert recorder.batch_stories() == N_STORIES
    assert all(n <= MAX_CHUNK for _, n in recorder.batch_events())


def test_badges_fill_in_while_the_scoring_runs(qtbot, window, recorder) -> None:
    seen: set[int] = set()
    model = window.workspace.list_panel.model
    model.dataChanged.connect(lambda *_: seen.add(_badges(window)))
    qtbot.waitUntil(lambda: _badges(window) == N_STORIES, timeout=20000)
    assert any(0 < n < N_STORIES - 1 for n in seen)  # some badges were there before the last chunk


def test_check_all_shows_progress_and_then_the_summary(qtbot, window, recorder, monkeypatch) -> None:
    _wait_for_startup_scores(qtbot, window, recorder)
    labels: list[str] = []
    original = QProgressDialog.setLabelText
    monkeypatch.setattr(QProgressDialog, "setLabelText", lambda self, text: labels.append(text) or original(self, text))
    shown: list[tuple[list, list[str]]] = []

    def show_for(cls, parent, rows, on_chosen=None):  # noqa: ANN001, ANN202
        dialogs = parent.findChildren(QProgressDialog)
        shown.append((list(rows), [d.isVisible() for d in dialogs]))
        return None, False

    monkeypatch.setattr(CheckAllDialog, "show_for", classmethod(show_for))
    window.actions["check_all"].trigger()
    progress = window.findChildren(QProgressDialog)
    assert len(progress) == 1
    assert progress[0].isVisible()
    assert progress[0].labelText() == f"Checked 0 of {N_STORIES} stories"

    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    rows, dialogs_then = shown[0]
    assert len(rows) == N_STORIES
    assert [story.id for story, _ in rows] == [s.id for s in window.bank.stories.list()]
    assert True not in dialogs_then  # the progress closed before the summary opened
    assert labels[-1] == f"Checked {N_STORIES} of {N_STORIES} stories"
    counts = [int(re.match(r"Checked (\d+) of", text).group(1)) for text in labels]
    assert counts == sorted(counts)
    assert len(counts) >= N_STORIES // MAX_CHUNK  # it moved step by step


def test_cancelling_check_all_drops_the_summary_and_scores_the_rest_quietly(qtbot, window, recorder,
                                                                            monkeypatch) -> None:
    _wait_for_startup_scores(qtbot, window, recorder)
    shown: list[object] = []
    link = _link(window)
    monkeypatch.setattr(CheckAllDialog, "show_for",
                        classmethod(lambda cls, parent, rows, on_chosen=None: shown.append(rows) or (None, False)))
    window.workspace.list_panel.model.clear_scores()  # the badges below must come from this Check all
    before = recorder.batch_stories()
    window.actions["check_all"].trigger()
    dialogs = window.findChildren(QProgressDialog)
    assert len(dialogs) == 1, "Check all shows no progress"
    progress = dialogs[0]
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=20000)
    model = window.workspace.list_panel.model
    progress.findChild(QPushButton).click()  # Cancel
    assert not progress.isVisible()
    badges_at_cancel = _badges(window)
    assert badges_at_cancel < N_STORIES - 1  # stories were left that the cancelled run had not reached
    message = window.statusBar().currentMessage()
    match = re.search(rf"cancelled: checked (\d+) of {N_STORIES} stories; no summary was made\. "
                      r"The other stories are scored in the background\.", message)
    assert match, message
    assert 0 < int(match.group(1)) < N_STORIES
    shows: list[bool] = []
    monkeypatch.setattr(QProgressDialog, "show", lambda self: shows.append(True))
    _wait_idle(qtbot, link)

    assert shown == []  # no summary
    assert shows == []  # and no progress came back
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    # every story has its badge again (the open story's comes from its live check of the editor instead)
    missing = [s.id for s in window.bank.stories.list() if model.score(s.id) is None]
    assert missing in ([], [window.workspace.current_story_id])
    assert recorder.batch_stories() - before == N_STORIES  # the rest was scored once; nothing twice


def _drain(qtbot) -> None:  # noqa: ANN001
    for _ in range(5):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QApplication.processEvents()
        qtbot.wait(20)


def test_closing_the_window_mid_batch_stops_it_quietly(qtbot, tmp_path, big_bank, recorder, monkeypatch,
                                                       caplog, capfd) -> None:
    from storybook.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "ui2.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=big_bank, ui_settings=settings, pool=QThreadPool(), features=frozenset({"analysis"}),
                     engines=FakeEngines())
    win = MainWindow(ctx)
    win.show()
    qtbot.waitExposed(win)
    link = _link(win)
    shown: list[object] = []
    monkeypatch.setattr(CheckAllDialog, "show_for",
                        classmethod(lambda cls, parent, rows, on_chosen=None: shown.append(rows) or (None, False)))
    _wait_for_startup_scores(qtbot, win, recorder)
    before = recorder.batch_stories()
    caplog.set_level(logging.DEBUG)
    win.actions["check_all"].trigger()
    qtbot.waitUntil(lambda: recorder.batch_stories() > before, timeout=20000)

    assert win.close()
    pool = link.worker.pool
    win.deleteLater()
    _drain(qtbot)
    gc.collect()
    if shiboken6.isValid(pool):  # the checks' thread outlived the window: let it run dry
        assert pool.waitForDone(10000)
    _drain(qtbot)
    ctx.close()
    assert not shiboken6.isValid(win)

    assert recorder.batch_stories() - before <= 2 * MAX_CHUNK < N_STORIES  # no chunk after the close
    assert shown == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "Signal source has been deleted" not in err


def test_unchanged_stories_are_not_checked_again(qtbot, window, recorder, monkeypatch) -> None:
    """Check all and the next start-up reuse the stored reports; only the edited story is checked."""
    _wait_for_startup_scores(qtbot, window, recorder, keep_reports=True)
    shown: list[list] = []
    link = _link(window)
    monkeypatch.setattr(CheckAllDialog, "show_for",
                        classmethod(lambda cls, parent, rows, on_chosen=None: shown.append(list(rows)) or (None, False)))
    stories = window.bank.stories.list()
    edited = next(s for s in stories if s.id != window.workspace.current_story_id)
    window.bank.stories.update(edited.id, action="I read the logs, rewrote the parser and added a test.")
    before = recorder.batch_stories()
    window.actions["check_all"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)

    assert recorder.batch_stories() - before == 1  # only the edited story
    assert len(shown[0]) == N_STORIES  # yet the summary has every story
    scores = {story.id: report.score for story, report in shown[0]}
    assert scores == {s.id: 40 + s.id % 50 for s in stories}
    assert window.bank.reports.stale(window.bank.stories.list(), window.bank.effective_settings()[0],
                                     link.store.info()) == []


def test_the_next_start_up_scores_nothing_when_nothing_changed(qtbot, tmp_path, big_bank, recorder) -> None:
    from storybook.gui.main_window import MainWindow

    def open_window(name: str) -> MainWindow:
        ctx = AppContext(bank=big_bank, ui_settings=QSettings(str(tmp_path / name), QSettings.Format.IniFormat),
                         pool=QThreadPool(), features=frozenset({"analysis"}), engines=FakeEngines())
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        return win

    first = open_window("ui1.ini")
    _wait_for_startup_scores(qtbot, first, recorder, keep_reports=True)
    _link(first).shutdown()
    first.close()
    before = recorder.batch_stories()

    second = open_window("ui2.ini")
    qtbot.waitUntil(lambda: _badges(second) >= N_STORIES - 1, timeout=20000)  # the stored scores, at once
    _wait_idle(qtbot, _link(second))
    assert recorder.batch_stories() == before  # no story was checked again
    _link(second).shutdown()


def test_no_chunk_starts_while_the_user_types(qtbot, big_bank, recorder) -> None:
    from storybook.gui.checks import AnalysisWorker, BatchCheck

    worker = AnalysisWorker(engines=FakeEngines())
    typing = [True]
    batch = BatchCheck(worker, big_bank.stories.list(), None, chunk_size=4, paused=lambda: typing[0])
    batch.start()
    qtbot.wait(700)  # a few retries' worth
    assert recorder.batch_stories() == 0
    typing[0] = False  # the user paused
    qtbot.waitUntil(lambda: batch.done, timeout=20000)
    assert recorder.batch_stories() == N_STORIES
    assert worker.shutdown(5000)
