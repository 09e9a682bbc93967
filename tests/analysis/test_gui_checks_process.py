"""GUI: the story checks in their own process: same findings as in the app, fallback, restart, clean close."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

import storybook.gui.checks.process_client as process_client
from storybook.analysis import Engine, EngineCache, analyze_story
from storybook.bank import StoryBank
from storybook.gui.checks import AnalysisWorker
from storybook.gui.checks.process_client import ProcessChecks
from storybook.gui.context import AppContext
from storybook.model.values import Settings

ACTION = ("I basically tried to rewrite the [Company] config myself. It was rolled back twice, TODO. "
          "\U0001f680 \u05e9\u05dc\u05d5\u05dd and then I cut the build time by 40% in 3 days.")


def _children() -> list[int]:
    """Our living child processes that are checks processes (from /proc: no extra dependency)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and b"worker_process" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.fixture
def make_window(qtbot, monkeypatch, tmp_path: Path, sample_bank: StoryBank):  # noqa: ANN201
    from PySide6.QtWidgets import QDialog, QMessageBox

    from storybook.gui.main_window import MainWindow

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    made = []

    def make(features: frozenset[str] = frozenset({"analysis"})) -> MainWindow:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(bank=sample_bank, ui_settings=settings, pool=QThreadPool(),
                         features=features, checks_process=True)
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.checks.shutdown()
        win.ctx.pool.waitForDone(5000)


def _fresh_report(qtbot, link):  # noqa: ANN001, ANN202
    """The report of the editor's text as it is now (waits for that request's answer)."""
    delivered: list = []
    link.worker.report_ready.connect(lambda rid, report: delivered.append((rid, report)))
    qtbot.waitUntil(lambda: not link.debounce.pending, timeout=5000)
    link.request_current()
    qtbot.waitUntil(lambda: bool(delivered) and delivered[-1][0] == link.worker.latest_id, timeout=60000)
    return delivered[-1][1]


def test_live_findings_come_from_the_checks_process_and_match_the_app_exactly(qtbot, make_window,
                                                                            full_engine: Engine) -> None:
    win = make_window()
    link = win.checks
    assert link.worker.checks.kind == "process"
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=60000)
    win.workspace.editor.section_edit("action").setPlainText(ACTION)
    report = _fresh_report(qtbot, link)
    assert win.ctx.engines.peek() is None  # the app itself never loaded spaCy for the checks
    assert link.worker.checks.process.starts == 1
    assert not link.worker.checks.in_process
    story = link.current_story()
    assert story.action == ACTION
    assert report == analyze_story(story, link.settings(), full_engine)  # every finding, span and score
    assert {f.code for f in link.panel.report.findings} >= {"hedge", "placeholder"}
    assert win.lbl_engine.text().startswith("Checks: en_core_web_sm")


def test_question_suggestions_come_from_the_checks_process_too(qtbot, make_window, full_engine: Engine) -> None:
    from storybook.bank.matching import story_match

    win = make_window(frozenset({"analysis", "matching"}))
    link, matching = win.checks, win.matching
    qtbot.waitUntil(lambda: link.panel.report is not None and matching.last is not None, timeout=60000)
    win.workspace.editor.section_edit("action").setPlainText(ACTION + " I led the migration with the data team.")
    before = matching.last
    matching.request_current()
    qtbot.waitUntil(lambda: matching.last is not before, timeout=60000)
    assert win.ctx.engines.peek() is None  # neither the checks nor the suggestions loaded spaCy in the app
    story = matching.current_story()
    questions, competencies = win.bank.questions.list(), win.bank.questions.competencies()
    wanted = {q.question_id for q in story.questions}
    linked = [q for q in win.bank.questions.list(include_hidden=True) if q.id in wanted]
    expected = story_match(win.bank.matching.matcher(full_engine, questions, competencies), story, linked)
    assert matching.last == expected
    assert matching.panel.isVisible()
    assert expected.questions  # there is something to show


def test_closing_the_window_leaves_no_checks_process(qtbot, make_window) -> None:
    win = make_window()
    link = win.checks
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=60000)
    pid = link.worker.checks.process.pid
    assert pid in _children()
    win.close()
    qtbot.waitUntil(lambda: not _children(), timeout=10000)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone and reaped, not a zombie


def test_a_crashed_checks_process_is_restarted_and_the_pending_check_completes(
        qtbot, basic_engine: Engine, good_story, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = ProcessChecks(EngineCache(prefer="basic"))
    worker = AnalysisWorker(checks=checks)
    kills: list[int] = []
    real_write = process_client.write_frame

    def write_then_crash(stream, message) -> None:  # noqa: ANN001
        real_write(stream, message)
        if message[0] == "check" and not kills:  # the child has the request: it dies while working on it
            kills.append(checks.process.pid)
            os.kill(checks.process.pid, signal.SIGKILL)

    monkeypatch.setattr(process_client, "write_frame", write_then_crash)
    story = good_story()
    got: list = []
    worker.report_ready.connect(lambda rid, report: got.append(report))
    failures: list = []
    worker.failed.connect(lambda rid, message: failures.append(message))
    try:
        worker.request(story, Settings())
        qtbot.waitUntil(lambda: bool(got or failures), timeout=60000)
    finally:
        worker.shutdown()
    assert not failures
    assert kills
    assert checks.process.starts == 2
    assert got[0] == analyze_story(story, Settings(), basic_engine)
    assert got[0].story_id == story.id
    assert got[0].words["action"] > 50


def test_without_a_checks_process_the_checks_run_in_the_app(qtbot, basic_engine: Engine, good_story) -> None:
    engines = EngineCache(loader=lambda prefer: basic_engine)
    broken = [sys.executable, "-c", "import sys; sys.exit(3)"]  # a child that dies before it answers
    worker = AnalysisWorker(engines=engines, checks=ProcessChecks(engines, command=broken))
    ready: list = []
    got: list = []
    story = good_story(action="I basically tried to fix it. It was rolled back.")
    worker.engine_ready.connect(ready.append)
    worker.report_ready.connect(lambda rid, report: got.append(report))
    try:
        worker.preload()
        qtbot.waitUntil(lambda: bool(ready), timeout=30000)
        worker.request(story, Settings())
        qtbot.waitUntil(lambda: bool(got), timeout=30000)
    finally:
        worker.shutdown()
    assert ready[0] == basic_engine.info
    assert worker.checks.in_process
    assert "inside the app" in worker.checks.note
    assert got[0] == analyze_story(story, Settings(), basic_engine)
    assert {f.code for f in got[0].findings} >= {"hedge"}
    assert not _children()


def test_the_window_says_when_the_checks_process_cannot_start(qtbot, make_window,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_client, "CHILD_MODULE", "storybook.no_such_module")
    win = make_window()
    link = win.checks
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=60000)
    assert link.worker.checks.in_process
    assert win.ctx.engines.peek() is not None  # the engine was loaded here instead
    assert "The checks run inside the app" in win.statusBar().currentMessage()
