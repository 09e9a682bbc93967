"""GUI: the one way to run background work: a ``Job`` on the pool the app context owns.

A job calls a plain function off the GUI thread and reports on the GUI thread, tagged with its request id:
``done(id, result)``, ``failed(id, message)`` or, once ``cancel()`` was called, ``cancelled(id)``. A function
that wants to report progress or notice a cancel is handed a ``JobControl`` (``Job(..., control=True)``).
The pool (``WorkerPool``, ``ctx.pool``) keeps each job alive until it has reported; without that, Python
would collect the job's signal object while the function still runs, and the result would be lost.

At exit the window stops the pool taking new work and waits a short while for what still runs. A job that
outlives its window must not crash or log errors: a result for a deleted owner is dropped, and a signal
object that has gone away is skipped quietly.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
_ids = itertools.count(1)
CLOSE_WAIT_MS = 3000  # how long closing the window waits for running jobs before it goes on


class JobCancelled(Exception):
    """Raised inside a job's function (by ``JobControl``) once the job was cancelled."""


class JobSignals(QObject):
    """GUI: what a Job reports; connected slots run on the GUI thread (the object lives there)."""

    done = Signal(int, object)  # request id, result
    failed = Signal(int, str)  # request id, message for the user
    cancelled = Signal(int)  # request id
    progress = Signal(int, int)  # done, total
    label = Signal(str)  # what the job is doing now


class JobControl:
    """Handed to a job's function: the cancel flag, progress and a line saying what it is doing."""

    def __init__(self, signals: JobSignals, event: threading.Event) -> None:
        self._signals = signals
        self._event = event

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Stop here (raise ``JobCancelled``) if the job was cancelled."""
        if self._event.is_set():
            raise JobCancelled

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; stops the job if it was cancelled before the last step."""
        if self._event.is_set() and done < total:  # at done == total the work is complete: keep it
            raise JobCancelled
        _emit(self._signals.progress, done, total)

    def label(self, text: str) -> None:
        _emit(self._signals.label, text)


def _emit(signal: Any, *args: object) -> bool:
    try:
        signal.emit(*args)
    except RuntimeError:  # the app is closing and the signal object is gone: nobody is waiting
        return False
    return True


class Job(QRunnable):
    """GUI: calls ``fn(*args)`` off the GUI thread and emits ``done``, ``failed`` or ``cancelled``.

    With ``control=True`` the function gets a ``JobControl`` as its ``control`` keyword. Exceptions of the
    ``expected`` types are reported with their message and logged without a traceback (a full disk is
    not a bug); any other exception is logged with its traceback and reported too.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, request_id: int | None = None, control: bool = False,
                 expected: tuple[type[Exception], ...] = ()) -> None:
        super().__init__()
        self.request_id = request_id if request_id is not None else next(_ids)
        self.fn = fn
        self.args = args
        self.expected = expected
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.control = JobControl(self.signals, self._cancel) if control else None

    @property
    def name(self) -> str:
        return str(getattr(self.fn, "__name__", self.fn))

    def cancel(self) -> None:
        """Ask the job to stop: a queued job does not start; a running one stops at its next check."""
        self._cancel.set()

    def run(self) -> None:
        if self._cancel.is_set():
            self._report(self.signals.cancelled)
            return
        try:
            result = self.fn(*self.args, control=self.control) if self.control else self.fn(*self.args)
        except JobCancelled:
            self._report(self.signals.cancelled)
        except self.expected as exc:
            log.info("Background task %s stopped: %s", self.name, exc)
            self._report(self.signals.failed, str(exc) or type(exc).__name__)
        except Exception as exc:  # reported to the GUI, which decides what to show
            log.exception("Background task %s failed", self.name)
            self._report(self.signals.failed, str(exc) or type(exc).__name__)
        else:
            self._report(self.signals.done, result)

    def _report(self, signal: Any, *value: object) -> None:
        if not _emit(signal, self.request_id, *value):
            log.debug("Background task %s finished after its receiver was deleted", self.request_id)


FunctionWorker = Job  # the name the first callers used


class WorkerPool(QThreadPool):
    """GUI: the app's thread pool; it keeps its jobs alive until they report, and once ``shutdown`` is
    called it takes no new work."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.closed = False
        self.jobs: set[Job] = set()  # started and not reported yet

    def submit(self, job: Job) -> bool:
        """Start ``job`` and hold it until it reports; False (not started) once the pool is closed."""
        if self.closed:
            log.debug("Not starting %s: the app is closing", job.name)
            return False
        self.jobs.add(job)
        for signal in (job.signals.done, job.signals.failed, job.signals.cancelled):
            signal.connect(lambda *_: self.jobs.discard(job))
        self.start(job)
        return True

    def shutdown(self, timeout_ms: int = CLOSE_WAIT_MS) -> bool:
        """Refuse new jobs, cancel queued and running ones and wait up to ``timeout_ms`` (True: all done)."""
        self.closed = True
        self.clear()
        for job in list(self.jobs):
            job.cancel()
        return self.waitForDone(timeout_ms)


# A plain QThreadPool (some tests build the context with one) has no job list: its jobs are held here.
_held: set[Job] = set()


def submit(pool: QThreadPool, job: Job) -> bool:
    """Start ``job`` on ``pool``, kept alive until it reports (by the pool when it is a WorkerPool)."""
    if isinstance(pool, WorkerPool):
        return pool.submit(job)
    _held.add(job)
    for signal in (job.signals.done, job.signals.failed, job.signals.cancelled):
        signal.connect(lambda *_: _held.discard(job))
    pool.start(job)
    return True


def _guarded(callback: Callable[..., None], owner: QObject | None) -> Callable[..., None]:
    """``callback``, skipped once ``owner`` (the widget the result is for) has been deleted."""
    if owner is None:
        return callback

    def deliver(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)
        else:
            log.debug("Dropped a background result: its window is closed")

    return deliver


def run_in_pool(pool: QThreadPool, fn: Callable[..., Any], *args: Any,
                on_done: Callable[[int, object], None] | None = None,
                on_failed: Callable[[int, str], None] | None = None,
                on_cancelled: Callable[[int], None] | None = None,
                owner: QObject | None = None, control: bool = False,
                expected: tuple[type[Exception], ...] = ()) -> Job:
    """Start ``fn(*args)`` on ``pool`` as a Job and connect the callbacks; returns the job (its id, ``cancel``).

    With ``owner``, the callbacks are skipped if that object has been deleted by the time the result
    arrives. A closed ``WorkerPool`` does not start the job (its callbacks never run).
    """
    job = Job(fn, *args, control=control, expected=expected)
    for signal, callback in ((job.signals.done, on_done), (job.signals.failed, on_failed),
                             (job.signals.cancelled, on_cancelled)):
        if callback is not None:
            signal.connect(_guarded(callback, owner))
    submit(pool, job)
    return job


def progress_dialog(parent: QWidget | None, title: str, label: str, maximum: int = 100) -> QProgressDialog:
    """A window-modal progress dialog with Cancel for a long background job, shown at once.

    It stays open at 100% (the caller closes it when the result is in) and its ``canceled`` signal is
    the caller's cue to stop the job.
    """
    dialog = QProgressDialog(label, "Cancel", 0, maximum, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog
