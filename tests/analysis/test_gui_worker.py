"""GUI: the background checker delivers only the newest report, on the GUI thread, without blocking it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from storybook.analysis import EngineCache, load_engine
from storybook.gui.checks import DEBOUNCE_MS, AnalysisWorker, Debouncer
from storybook.model.values import Settings, StoryReport


def collect(worker: AnalysisWorker) -> list[tuple[int, object, bool]]:
    got: list[tuple[int, object, bool]] = []
    app_thread = QApplication.instance().thread()
    worker.report_ready.connect(lambda rid, rep: got.append((rid, rep, QThread.currentThread() is app_thread)))
    return got


def test_a_slow_old_result_is_dropped(qtbot) -> None:
    release = threading.Event()

    def analyze(story, settings):
        if story.action == "old":
            release.wait(5)
        return f"report for {story.action}"

    pool = QThreadPool()
    pool.setMaxThreadCount(2)  # let the newer request finish first, as it can in real life
    worker = AnalysisWorker(pool=pool, analyze=analyze)
    got = collect(worker)
    old = worker.request(type("S", (), {"action": "old"})(), Settings())
    new = worker.request(type("S", (), {"action": "new"})(), Settings())
    qtbot.waitUntil(lambda: len(got) == 1, timeout=3000)
    release.set()
    assert pool.waitForDone(3000)
    qtbot.wait(50)  # let the old job's queued signal arrive
    assert new > old
    assert got == [(new, "report for new", True)]


def test_queued_requests_that_became_stale_are_skipped(qtbot) -> None:
    started: list[str] = []
    gate = threading.Event()

    def analyze(story, settings):
        started.append(story.action)
        gate.wait(5)
        return story.action

    worker = AnalysisWorker(analyze=analyze)  # its own pool: one job at a time
    got = collect(worker)
    worker.request(type("S", (), {"action": "a"})(), Settings())
    qtbot.waitUntil(lambda: started == ["a"], timeout=3000)  # "a" is running; the rest wait in the queue
    for text in ("ab", "abc", "abcd"):
        worker.request(type("S", (), {"action": text})(), Settings())
    gate.set()
    qtbot.waitUntil(lambda: len(got) == 1, timeout=3000)
    assert worker.shutdown(3000)
    assert [rep for _, rep, _ in got] == ["abcd"]
    assert started == ["a", "abcd"]  # "ab" and "abc" were never computed


def test_the_story_is_copied_when_the_request_is_made(qtbot, good_story) -> None:
    story = good_story()
    worker = AnalysisWorker(analyze=lambda s, settings: s.action)
    got = collect(worker)
    worker.request(story, Settings())
    story.action = "changed while the check was queued"
    qtbot.waitUntil(lambda: len(got) == 1, timeout=3000)
    assert got[0][1] == good_story().action


def test_real_check_loads_the_engine_off_the_gui_thread(qtbot, good_story) -> None:
    threads: list[bool] = []

    def spy(prefer):
        threads.append(threading.current_thread() is threading.main_thread())
        return load_engine(prefer)

    engines = EngineCache(loader=spy)
    worker = AnalysisWorker(engines=engines)
    with qtbot.waitSignal(worker.engine_ready, timeout=30000) as ready:
        worker.preload()
    assert set(ready.args[0]) == {"name", "version", "full"}
    got = collect(worker)
    with qtbot.waitSignal(worker.busy_changed, timeout=30000, check_params_cb=lambda busy: not busy):
        request_id = worker.request(good_story(), Settings())
    assert got[0][0] == request_id
    assert isinstance(got[0][1], StoryReport)
    assert got[0][1].score == 98  # every point but two for delivery: 1:26 is a short version
    assert threads == [False]  # loaded once, on a worker thread, and reused for the check
    assert engines.peek() is not None
    assert engines.info() == ready.args[0]


def test_a_failing_check_reports_failure(qtbot) -> None:
    def analyze(story, settings):
        raise RuntimeError("model exploded")

    worker = AnalysisWorker(analyze=analyze)
    with qtbot.waitSignal(worker.failed, timeout=3000) as failed:
        request_id = worker.request(object(), Settings())
    assert failed.args == [request_id, "model exploded"]


def test_debouncer_fires_once_after_typing_stops(qtbot) -> None:
    calls: list[int] = []
    debounce = Debouncer(lambda: calls.append(1))
    assert 300 <= DEBOUNCE_MS <= 500
    for _ in range(5):
        debounce.trigger()
        qtbot.wait(20)
    assert calls == []
    assert debounce.pending
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    qtbot.wait(DEBOUNCE_MS // 2)
    assert calls == [1]
    debounce.trigger()
    debounce.flush()
    assert calls == [1, 1]
    debounce.trigger()
    debounce.cancel()
    qtbot.wait(DEBOUNCE_MS + 100)
    assert calls == [1, 1]


@pytest.fixture(autouse=True)
def _no_leftover_jobs():
    yield
    QThreadPool.globalInstance().waitForDone(3000)
