"""GUI: run a plain function on the thread pool and deliver its result, tagged with a request id.

At exit the window stops the pool taking new work and waits a short while for what still runs. A job
that outlives its window must not crash or log errors: a result for a deleted owner is dropped, and a
signal object that has gone away is skipped quietly.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
_ids = itertools.count(1)
# Workers whose signals have not fired yet.  QThreadPool owns the C++ runnable, but the Python
# wrapper (and with it the signals object) would be collected as soon as the caller drops it,
# and the result would never arrive.  Each worker removes itself once it has reported.
_pending: set[FunctionWorker] = set()
CLOSE_WAIT_MS = 3000  # how long closing the window waits for running jobs before it goes on


class WorkerPool(QThreadPool):
    """GUI: the app's thread pool; once ``shutdown`` is called it takes no new work."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.closed = False

    def shutdown(self, timeout_ms: int = CLOSE_WAIT_MS) -> bool:
        """Refuse new jobs, drop queued ones and wait up to ``timeout_ms`` for running ones (True: all done)."""
        self.closed = True
        self.clear()
        return self.waitForDone(timeout_ms)


class WorkerSignals(QObject):
    """GUI: signals a FunctionWorker emits back on the GUI thread."""

    done = Signal(int, object)
    failed = Signal(int, str)


class FunctionWorker(QRunnable):
    """GUI: calls ``fn(*args)`` off the GUI thread; emits ``done(request_id, result)`` or ``failed``."""

    def __init__(self, fn: Callable[..., Any], *args: Any, request_id: int | None = None) -> None:
        super().__init__()
        self.request_id = request_id if request_id is not None else next(_ids)
        self.fn = fn
        self.args = args
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:  # reported to the GUI, which decides what to show
            log.exception("Background task %s failed", getattr(self.fn, "__name__", self.fn))
            self._emit("failed", str(exc) or type(exc).__name__)
            return
        self._emit("done", result)

    def _emit(self, name: str, value: object) -> None:
        try:
            getattr(self.signals, name).emit(self.request_id, value)
        except RuntimeError:  # the app is closing and the signal object is gone: nobody is waiting
            log.debug("Background task %s finished after its receiver was deleted", self.request_id)
            _pending.discard(self)


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
                owner: QObject | None = None) -> FunctionWorker:
    """Start ``fn(*args)`` on ``pool`` and connect the callbacks; returns the worker (for its id).

    With ``owner``, the callbacks are skipped if that object has been deleted by the time the result
    arrives. A closed ``WorkerPool`` does not start the worker (its callbacks never run).
    """
    worker = FunctionWorker(fn, *args)
    if isinstance(pool, WorkerPool) and pool.closed:
        log.debug("Not starting %s: the app is closing", getattr(fn, "__name__", fn))
        return worker
    _pending.add(worker)
    worker.signals.done.connect(lambda *_: _pending.discard(worker))
    worker.signals.failed.connect(lambda *_: _pending.discard(worker))
    if on_done is not None:
        worker.signals.done.connect(_guarded(on_done, owner))
    if on_failed is not None:
        worker.signals.failed.connect(_guarded(on_failed, owner))
    pool.start(worker)
    return worker


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
