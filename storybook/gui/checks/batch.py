"""GUI: check many stories a few at a time, so the live check of the open story never waits for all of them.

The checks have one thread (one spaCy pipeline). A batch submits one chunk of stories at a time, at a lower
priority than live checks, and submits the next chunk only when the previous one has reported: a live check
requested meanwhile runs before the next chunk. Inside a chunk the stories still share one ``nlp.pipe``
stream. A cancelled batch submits nothing more and drops the result of the chunk still running.

Stories whose stored report is current (``ReportStore.split``) are not checked again: the batch is handed
their reports as ``known`` and only the others go to the checks; each new chunk is stored as it arrives.
While the user types (``paused()`` says so), no new chunk starts, so the checks' thread leaves the
interpreter to the editor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)

CHUNK_SIZE = 4  # about 0.4 s of work with the full engine: the longest a live check waits
PAUSE_RETRY_MS = 250  # while the user types, look again this often whether the next chunk may start


class ReportStore:
    """GUI: the bank's stored reports for the checks: which are current, and storing new ones."""

    def __init__(self, bank: StoryBank, engines: Any, loaded_info: Callable[[], dict[str, Any] | None] | None = None) -> None:
        """``loaded_info()`` tells the engine the checks loaded (in the checks process too), else None."""
        self.bank = bank
        self.engines = engines
        self.loaded_info = loaded_info

    def info(self) -> dict[str, Any]:
        """The engine the reports are (or will be) made with; never loads it."""
        known = self.loaded_info() if self.loaded_info is not None else None
        if known is not None:
            return dict(known)
        loaded = self.engines.peek() if hasattr(self.engines, "peek") else None
        if loaded is not None:
            return dict(loaded.info)
        try:
            from storybook.analysis import engine_info

            return engine_info(self.engines)
        except Exception:  # an odd engine cache (tests): reports are then simply not reused
            return {"name": "unknown", "version": "", "full": False}

    def split(self, stories: Sequence[Any], settings: Any) -> tuple[dict[int, Any], list[Any]]:
        try:
            return self.bank.reports.split(stories, settings, self.info())
        except Exception:  # a read problem only costs checking again
            log.warning("Could not read the stored check reports", exc_info=True)
            return {}, list(stories)

    def scores_and_stale(self, stories: Sequence[Any], settings: Any) -> tuple[dict[int, int], list[Any]]:
        try:
            return self.bank.reports.scores_and_stale(stories, settings, self.info())
        except Exception:  # a read problem only costs checking again
            log.warning("Could not read the stored check scores", exc_info=True)
            return {}, list(stories)

    def put(self, rows: Sequence[tuple[Any, Any]], settings: Any) -> None:
        try:
            self.bank.reports.put(rows, settings, self.info())
        except Exception:  # the reports are a cache: failing to keep one must not disturb the user
            log.warning("Could not store %s check reports", len(rows), exc_info=True)


def check_chunk(stories: Sequence[Any], settings: Any, engines: Any) -> list[tuple[Any, Any]]:
    """Each story with its report (one nlp.pipe stream); runs on the checks' worker thread."""
    from storybook.analysis import analyze_stories

    return list(zip(stories, analyze_stories(stories, settings, engines), strict=True))


class BatchCheck(QObject):
    """GUI: checks a list of stories in chunks on an AnalysisWorker's thread; reports each chunk and the end."""

    chunk_ready = Signal(object)  # the (story, report) rows of one chunk
    progress = Signal(int, int)  # stories checked so far, stories in all
    finished = Signal(object)  # every (story, report) row, in the order given
    failed = Signal(str)

    def __init__(self, worker: Any, stories: Sequence[Any], settings: Any, chunk_size: int = CHUNK_SIZE,
                 parent: QObject | None = None, known: Mapping[int, Any] | None = None,
                 store: ReportStore | None = None, paused: Callable[[], bool] | None = None) -> None:
        """``known`` maps story ids to reports that need no check; ``store`` keeps each new chunk's reports;
        ``paused()`` says the user is typing (no new chunk starts meanwhile)."""
        super().__init__(parent)
        self.worker = worker
        self.stories = list(stories)
        self.settings = settings
        self.chunk_size = max(1, chunk_size)
        known = known or {}
        self.known = {i: known[s.id] for i, s in enumerate(self.stories) if getattr(s, "id", None) in known}
        self.todo = [i for i in range(len(self.stories)) if i not in self.known]
        self.store = store
        self.paused = paused
        self.rows: list[tuple[Any, Any]] = []  # the stories checked by this batch, with their new reports
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(PAUSE_RETRY_MS)
        self._retry.timeout.connect(self._submit_next)
        self.cancelled = False
        self.done = False
        self._job_id: int | None = None
        worker.batch_done.connect(self._on_done)
        worker.batch_failed.connect(self._on_failed)

    @property
    def total(self) -> int:
        return len(self.stories)

    @property
    def checked(self) -> int:
        """Stories with a report so far: the reused ones and the ones this batch checked."""
        return len(self.known) + len(self.rows)

    def all_rows(self) -> list[tuple[Any, Any]]:
        """Every (story, report) so far, reused or new, in the order the stories were given."""
        new = dict(zip(self.todo, (report for _story, report in self.rows), strict=False))
        reports = {**self.known, **new}
        return [(story, reports[i]) for i, story in enumerate(self.stories) if i in reports]

    @property
    def running(self) -> bool:
        return not (self.done or self.cancelled)

    def start(self) -> None:
        self._submit_next()

    def cancel(self) -> None:
        """Submit no more chunks; the chunk that is running finishes unseen."""
        if self.running:
            log.debug("story batch cancelled after %s of %s", self.checked, self.total)
        self.cancelled = True
        self._retry.stop()

    def _wanted(self) -> bool:
        return not self.cancelled

    def _submit_next(self) -> None:
        if not self.running or self._job_id is not None:
            return
        if self.checked >= self.total:
            self.done = True
            self.finished.emit(self.all_rows())
            return
        if self.paused is not None and self.paused():
            self._retry.start()
            return
        start = len(self.rows)
        chunk = [self.stories[i] for i in self.todo[start : start + self.chunk_size]]
        self._job_id = self.worker.submit_batch(self._chunk_job(chunk), self._wanted)

    def _chunk_job(self, chunk: list[Any]) -> Callable[[], list[tuple[Any, Any]]]:
        checks, engines, settings = getattr(self.worker, "checks", None), self.worker.engines, self.settings
        if checks is not None:  # the checks process: the worker's thread only waits for its answer
            return lambda: list(zip(chunk, checks.analyze(chunk, settings), strict=True))
        # check_chunk is looked up when the job runs, so tests can slow it down or record the order
        return lambda: check_chunk(chunk, settings, engines)

    @Slot(int, object)
    def _on_done(self, job_id: int, rows: object) -> None:
        if job_id != self._job_id or not self.running or rows is None:
            return
        self._job_id = None
        chunk = list(rows)  # type: ignore[call-overload]
        self.rows.extend(chunk)
        if self.store is not None:
            self.store.put(chunk, self.settings)
        self.chunk_ready.emit(chunk)
        self.progress.emit(self.checked, self.total)
        self._submit_next()

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        if job_id != self._job_id or not self.running:
            return
        self._job_id = None
        self.cancelled = True
        self.failed.emit(message)
