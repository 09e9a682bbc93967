"""GUI: check many stories a few at a time, so the live check of the open story never waits for all of them.

The checks have one thread (one spaCy pipeline). A batch submits one chunk of stories at a time, at a lower
priority than live checks, and submits the next chunk only when the previous one has reported: a live check
requested meanwhile runs before the next chunk. Inside a chunk the stories still share one ``nlp.pipe``
stream. A cancelled batch submits nothing more and drops the result of the chunk still running.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

CHUNK_SIZE = 8  # about 0.8 s of work with the full engine: the longest a live check waits


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
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.stories = list(stories)
        self.settings = settings
        self.chunk_size = max(1, chunk_size)
        self.rows: list[tuple[Any, Any]] = []
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
        return len(self.rows)

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

    def _wanted(self) -> bool:
        return not self.cancelled

    def _submit_next(self) -> None:
        if not self.running:
            return
        if self.checked >= self.total:
            self.done = True
            self.finished.emit(self.rows)
            return
        chunk = self.stories[self.checked : self.checked + self.chunk_size]
        engines = self.worker.engines
        # check_chunk is looked up when the job runs, so tests can slow it down or record the order
        self._job_id = self.worker.submit_batch(lambda: check_chunk(chunk, self.settings, engines), self._wanted)

    @Slot(int, object)
    def _on_done(self, job_id: int, rows: object) -> None:
        if job_id != self._job_id or not self.running or rows is None:
            return
        self._job_id = None
        chunk = list(rows)  # type: ignore[call-overload]
        self.rows.extend(chunk)
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
