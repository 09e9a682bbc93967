"""The one background runner: a Job on the context's pool reports on the GUI thread, can be cancelled, and the
pool keeps it alive until it has reported."""

from __future__ import annotations

import gc
import logging
import threading

import pytest
from PySide6.QtCore import QThread

from storybook.export.files import ExportError
from storybook.gui.workers import Job, JobControl, WorkerPool, run_in_pool


def test_a_job_reports_its_result_on_the_gui_thread(qtbot, worker_pool: WorkerPool) -> None:
    seen: list[tuple[object, bool]] = []
    gui = QThread.currentThread()
    job = run_in_pool(worker_pool, lambda a, b: (a + b, QThread.currentThread() is gui), 2, 3,
                      on_done=lambda _id, result: seen.append((result, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    (((total, ran_on_gui), delivered_on_gui),) = seen
    assert total == 5
    assert ran_on_gui is False  # the work ran off the GUI thread
    assert delivered_on_gui is True  # the result arrived on it
    assert job.request_id > 0


def test_the_pool_keeps_a_job_alive_until_it_reports(qtbot, worker_pool: WorkerPool) -> None:
    gate = threading.Event()
    got: list[object] = []
    run_in_pool(worker_pool, lambda: gate.wait(5) and "finished", on_done=lambda _id, result: got.append(result))
    gc.collect()  # nobody but the pool holds the job
    assert len(worker_pool.jobs) == 1
    gate.set()
    qtbot.waitUntil(lambda: got == ["finished"], timeout=5000)
    qtbot.waitUntil(lambda: not worker_pool.jobs, timeout=5000)


def test_cancelling_stops_a_running_job_at_its_next_step(qtbot, worker_pool: WorkerPool) -> None:
    started, gate = threading.Event(), threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def count(total: int, *, control: JobControl) -> int:
        for step in range(total):
            control.progress(step, total)
            steps.append(step)
            started.set()
            gate.wait(5)
        return total

    job = run_in_pool(worker_pool, count, 100, control=True, on_done=lambda *_: outcome.append("done"),
                      on_cancelled=lambda _id: outcome.append("cancelled"))
    assert started.wait(5)
    job.cancel()
    gate.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    assert len(steps) < 100


def test_a_job_cancelled_before_it_starts_never_runs(qtbot) -> None:
    ran: list[int] = []
    job = Job(lambda: ran.append(1))
    job.cancel()
    with qtbot.waitSignal(job.signals.cancelled, timeout=5000) as blocker:
        job.run()
    assert blocker.args == [job.request_id]
    assert ran == []


@pytest.mark.parametrize(("error", "logged"), [(ExportError("The folder does not exist"), "INFO"),
                                               (ValueError("boom"), "ERROR")])
def test_a_failure_reaches_the_gui_with_its_message(qtbot, caplog, error: Exception, logged: str) -> None:
    def fail() -> None:
        raise error

    caplog.set_level(logging.INFO, logger="storybook.gui.workers")
    job = Job(fail, expected=(ExportError,))
    with qtbot.waitSignal(job.signals.failed, timeout=5000) as blocker:
        job.run()
    assert blocker.args == [job.request_id, str(error)]
    assert [r.levelname for r in caplog.records if r.name == "storybook.gui.workers"] == [logged]


def test_shutdown_cancels_what_is_queued_or_running(qtbot) -> None:
    pool = WorkerPool()
    pool.setMaxThreadCount(1)
    started = threading.Event()
    outcome: list[str] = []

    def wait_for_cancel(*, control: JobControl) -> str:
        started.set()
        while not control.cancelled:
            threading.Event().wait(0.01)
        control.check()
        return "not cancelled"

    run_in_pool(pool, wait_for_cancel, control=True, on_cancelled=lambda _id: outcome.append("cancelled"))
    run_in_pool(pool, lambda: outcome.append("queued job ran"))
    assert started.wait(5)
    assert pool.shutdown(5000)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
