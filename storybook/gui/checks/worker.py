"""GUI: run the story checks off the GUI thread; only the newest request's report is delivered.

Typing produces many requests. Each gets an increasing id; a job that starts after a newer request
was made skips its work, and a result that arrives after a newer request is dropped. The spaCy engine
loads inside the first job (or ``preload``), never on the GUI thread.

Checks of many stories (``submit_batch``, driven by ``BatchCheck``) share the same single thread but
queue at a lower priority: a live check of the story being edited runs before the next queued chunk.

With ``checks`` (a ``ProcessChecks`` from ``process_client``), that thread only hands the plain records to
the checks process and waits on its pipe, so the parse never holds this process's interpreter lock.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from storybook.gui.workers import Job

log = logging.getLogger(__name__)

STORY_FIELDS = ("id", "title", "situation", "task", "action", "result", "reflection", "tags", "competencies")
DEBOUNCE_MS = 400
LIVE_PRIORITY = 1  # the open story and the engine loading: ahead of any queued batch chunk
BATCH_PRIORITY = 0


def snapshot(story: Any) -> SimpleNamespace:
    """A frozen copy of the fields the checks read, so the editor can keep changing the original."""
    values = {}
    for name in STORY_FIELDS:
        value = getattr(story, name, None)
        values[name] = list(value) if isinstance(value, list | tuple) else value
    return SimpleNamespace(**values)


def _new_engine_cache() -> Any:
    from storybook.analysis import EngineCache

    return EngineCache()


def _unless_stale(fn: Callable[[], Any], wanted: Callable[[], bool]) -> Callable[[], Any]:
    """``fn``, skipped (result None) when ``wanted()`` says no just before it would run on the worker thread."""

    def run() -> Any:
        return fn() if wanted() else None

    return run


class AnalysisWorker(QObject):
    """GUI: asynchronous ``analyze_story`` with request ids; emits ``report_ready`` for the newest only."""

    report_ready = Signal(int, object)
    failed = Signal(int, str)
    engine_ready = Signal(object)
    busy_changed = Signal(bool)
    batch_done = Signal(int, object)  # (job id, result or None when the job was no longer wanted)
    batch_failed = Signal(int, str)

    def __init__(
        self,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
        analyze: Callable[[Any, Any], Any] | None = None,
        load_engine: Callable[[], Any] | None = None,
        engines: Any = None,
        checks: Any = None,
    ) -> None:
        """``engines`` is the app context's EngineCache (a new one when None); ``checks`` runs the checks
        instead of ``engines`` (the checks process); ``analyze`` and ``load_engine`` replace the real check
        and the engine loading in tests."""
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)  # one spaCy pipeline, used by one thread at a time
        self.pool = pool
        self.engines = engines if engines is not None else _new_engine_cache()
        self.checks = checks
        self._analyze = analyze or self._analyze_with_engine
        self._load_engine = load_engine or self._load_with_engine
        self._ids = itertools.count(1)
        self._preload_ids = itertools.count(1)
        self._latest = 0
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}
        self._batch_ids = itertools.count(1)
        self._batch_jobs: dict[int, Job] = {}

    def _analyze_with_engine(self, story: Any, settings: Any) -> Any:
        if self.checks is not None:
            return self.checks.analyze([story], settings)[0]
        from storybook.analysis import analyze_story

        return analyze_story(story, settings, self.engines)

    def _load_with_engine(self) -> Any:
        if self.checks is not None:
            return self.checks.load()
        return self.engines.get().info

    def loaded_info(self) -> dict[str, Any] | None:
        """The engine the checks use once it is loaded (in whichever process), else None."""
        if self.checks is not None:
            return self.checks.loaded_info()
        loaded = self.engines.peek()
        return dict(loaded.info) if loaded is not None else None

    @property
    def latest_id(self) -> int:
        return self._latest

    def is_current(self, request_id: int) -> bool:
        with self._lock:
            return request_id == self._latest

    def request(self, story: Any, settings: Any) -> int:
        """Queue a check of ``story``; returns its request id. Older pending requests become stale."""
        frozen = snapshot(story)
        with self._lock:
            request_id = next(self._ids)
            self._latest = request_id
        self._start(Job(_unless_stale(lambda: self._analyze(frozen, settings), lambda: self.is_current(request_id)),
                        request_id=request_id))
        self.busy_changed.emit(True)
        return request_id

    def preload(self) -> None:
        """Load the engine in the background; ``engine_ready(info)`` follows."""
        self._start(Job(self._load_engine, request_id=-next(self._preload_ids)))

    def submit_batch(self, fn: Callable[[], Any], wanted: Callable[[], bool]) -> int:
        """Queue ``fn()`` behind any live check; returns the job id that ``batch_done`` reports with.

        ``wanted()`` is asked on the worker thread just before the job runs: when it says no (the batch
        was cancelled or replaced), the job skips its work and reports ``None``.
        """
        job = Job(_unless_stale(fn, wanted), request_id=next(self._batch_ids))
        job.setAutoDelete(False)  # Python owns it: the worker drops its reference once it reports
        self._batch_jobs[job.request_id] = job  # alive until it reports, even if its batch is gone
        job.signals.done.connect(self._on_batch_done)
        job.signals.failed.connect(self._on_batch_failed)
        self.pool.start(job, BATCH_PRIORITY)
        return job.request_id

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Drop queued jobs and wait for the running one (call before the app quits)."""
        with self._lock:
            self._latest = -1
        self.pool.clear()
        if self.checks is not None:
            self.checks.close()  # a job waiting on the checks process ends at once
        return self.pool.waitForDone(timeout_ms)

    def _start(self, job: Job) -> None:
        job.setAutoDelete(False)  # Python owns it: the worker drops its reference once it reports
        self._jobs[job.request_id] = job  # keep the runnable and its signals alive until it reports
        # Slots of this GUI-thread object: Qt queues the call, so it runs on the GUI thread.
        job.signals.done.connect(self._on_job_done)
        job.signals.failed.connect(self._on_job_failed)
        self.pool.start(job, LIVE_PRIORITY)

    @Slot(int, object)
    def _on_job_done(self, request_id: int, result: object) -> None:
        self._jobs.pop(request_id, None)
        if request_id < 0:
            self.engine_ready.emit(result)
            return
        if request_id != self._latest or result is None:
            log.debug("dropping stale story check %s (newest is %s)", request_id, self._latest)
            return
        self.busy_changed.emit(False)
        self.report_ready.emit(request_id, result)

    @Slot(int, object)
    def _on_batch_done(self, job_id: int, result: object) -> None:
        self._batch_jobs.pop(job_id, None)
        self.batch_done.emit(job_id, result)

    @Slot(int, str)
    def _on_batch_failed(self, job_id: int, message: str) -> None:
        self._batch_jobs.pop(job_id, None)
        self.batch_failed.emit(job_id, message)

    @Slot(int, str)
    def _on_job_failed(self, request_id: int, message: str) -> None:
        self._jobs.pop(request_id, None)
        if request_id == self._latest or request_id < 0:
            self.busy_changed.emit(False)
            self.failed.emit(request_id, message)


class Debouncer(QObject):
    """GUI: calls back once, ``delay_ms`` after the last ``trigger()`` (typing pauses)."""

    fired = Signal()

    def __init__(
        self, callback: Callable[[], None] | None = None, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.fired.emit)
        if callback is not None:
            self.fired.connect(callback)

    def trigger(self) -> None:
        self.timer.start()  # restarts a running timer

    def cancel(self) -> None:
        self.timer.stop()

    def flush(self) -> None:
        """Fire now if a call is pending (for example before switching stories)."""
        if self.timer.isActive():
            self.timer.stop()
            self.fired.emit()

    @property
    def pending(self) -> bool:
        return self.timer.isActive()
