"""GUI: run a plain function on the thread pool and deliver its result, tagged with a request id."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_ids = itertools.count(1)
# Workers whose signals have not fired yet.  QThreadPool owns the C++ runnable, but the Python
# wrapper (and with it the signals object) would be collected as soon as the caller drops it,
# and the result would never arrive.  Each worker removes itself once it has reported.
_pending: set[FunctionWorker] = set()


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
            self.signals.failed.emit(self.request_id, str(exc) or type(exc).__name__)
            return
        self.signals.done.emit(self.request_id, result)


def run_in_pool(pool: QThreadPool, fn: Callable[..., Any], *args: Any,
                on_done: Callable[[int, object], None] | None = None,
                on_failed: Callable[[int, str], None] | None = None) -> FunctionWorker:
    """Start ``fn(*args)`` on ``pool`` and connect the callbacks; returns the worker (for its id)."""
    worker = FunctionWorker(fn, *args)
    _pending.add(worker)
    worker.signals.done.connect(lambda *_: _pending.discard(worker))
    worker.signals.failed.connect(lambda *_: _pending.discard(worker))
    if on_done is not None:
        worker.signals.done.connect(on_done)
    if on_failed is not None:
        worker.signals.failed.connect(on_failed)
    pool.start(worker)
    return worker
