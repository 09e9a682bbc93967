"""Closing the window while background work runs: no hang, no error in the log, results dropped quietly."""

from __future__ import annotations

import gc
import logging
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from storybook.bank import StoryBank
from storybook.gui import workers
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool, run_in_pool

SHORT_WAIT_MS = 200


class SlowEngines:
    """A stand-in for the checks' engine cache whose loading blocks until the test lets it finish."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()

    def get(self, *_args: object) -> SimpleNamespace:
        self.started.set()
        self.gate.wait(20)
        return SimpleNamespace(info={"name": "fake", "version": "0", "full": False})

    def peek(self) -> None:
        return None


def _drain(qtbot) -> None:  # noqa: ANN001
    for _ in range(5):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # run deleteLater now
        QApplication.processEvents()
        qtbot.wait(20)


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing waits three seconds for running work; a blocked fake job would make every test wait that long."""
    import storybook.gui.checks.link as analysis_link

    monkeypatch.setattr(workers, "CLOSE_WAIT_MS", SHORT_WAIT_MS)
    monkeypatch.setattr(analysis_link, "CLOSE_WAIT_MS", SHORT_WAIT_MS)
    monkeypatch.setattr(AppContext.stop_workers, "__defaults__", (SHORT_WAIT_MS,))


@pytest.mark.timeout(15)  # the blocked fake job waits 20 s: a close that waited for it would fail here
def test_closing_while_the_checks_still_load_logs_no_error(qtbot, short_wait, sample_bank: StoryBank,
                                                           tmp_path: Path, caplog, capfd) -> None:
    from storybook.gui.main_window import MainWindow

    engines = SlowEngines()
    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=sample_bank, ui_settings=ui, pool=WorkerPool(), features=frozenset({"analysis"}),
                     engines=engines)
    window = MainWindow(ctx)
    window.show()
    # the window paints first; then the language engine is "loading" on the checks' thread
    qtbot.waitUntil(engines.started.is_set, timeout=10000)
    late: list[object] = []
    run_in_pool(ctx.pool, engines.gate.wait, 20, on_done=lambda *_: late.append(window.statusBar()), owner=window)
    caplog.set_level(logging.DEBUG)

    assert window.close()  # returns although both jobs are still blocked
    assert not window.isVisible()
    window.deleteLater()
    _drain(qtbot)
    gc.collect()
    assert not shiboken6.isValid(window)
    engines.gate.set()  # now the jobs finish, after their window is gone
    ctx.close()
    _drain(qtbot)

    assert late == []
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == []
    assert "Closing while background work still runs" in caplog.text
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err
    assert "Traceback" not in err


def test_a_closed_pool_takes_no_new_work(qtbot, short_wait) -> None:
    pool = WorkerPool()
    assert pool.shutdown()
    ran: list[int] = []
    run_in_pool(pool, lambda: ran.append(1), on_done=lambda *_: ran.append(2))
    pool.waitForDone(1000)
    _drain(qtbot)
    assert ran == []


def test_a_result_for_a_deleted_owner_is_dropped(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel("waiting")
    gate = threading.Event()
    pool = WorkerPool()
    got: list[object] = []
    run_in_pool(pool, gate.wait, 5, on_done=lambda _id, result: got.append(label.text()), owner=label)
    label.deleteLater()
    _drain(qtbot)
    assert not shiboken6.isValid(label)
    gate.set()
    assert pool.waitForDone(5000)
    _drain(qtbot)
    assert got == []
