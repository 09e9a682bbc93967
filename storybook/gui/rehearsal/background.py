"""GUI: a rehearsal window's background work, on the pool the app context owns.

The pool (``storybook.gui.workers.WorkerPool``) keeps each job alive until it reports; this only hands the
result (or the error text) to the window and says whether anything is still running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from storybook.gui.workers import run_in_pool


class Background:
    """GUI: runs functions on the given pool for one window and knows which of them still run."""

    def __init__(self, pool: QThreadPool, owner: QObject | None = None) -> None:
        self.pool = pool
        self.owner = owner  # results for a deleted window are dropped
        self._running: set[int] = set()

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
            on_failed: Callable[[str], None]) -> int:
        def done(request_id: int, result: object) -> None:
            self._running.discard(request_id)
            on_done(result)

        def failed(request_id: int, text: str) -> None:
            self._running.discard(request_id)
            on_failed(text)

        job = run_in_pool(self.pool, fn, *args, on_done=done, on_failed=failed, owner=self.owner,
                          on_cancelled=self._running.discard)
        self._running.add(job.request_id)
        return job.request_id

    @property
    def busy(self) -> bool:
        return bool(self._running)
