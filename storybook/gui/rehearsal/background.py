"""GUI: start a background function and keep its worker alive until it reports back.

``storybook.gui.workers.run_in_pool`` returns the worker; if nobody holds it, Python may collect its
signal object while the function still runs, and the result is silently lost. This keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThreadPool

from storybook.gui.workers import FunctionWorker, run_in_pool


class Background:
    """GUI: runs functions on a pool and holds each worker until its result or error arrives."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._alive: dict[int, FunctionWorker] = {}

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
            on_failed: Callable[[str], None]) -> int:
        def done(request_id: int, result: object) -> None:
            self._alive.pop(request_id, None)
            on_done(result)

        def failed(request_id: int, text: str) -> None:
            self._alive.pop(request_id, None)
            on_failed(text)

        worker = run_in_pool(self.pool, fn, *args, on_done=done, on_failed=failed)
        self._alive[worker.request_id] = worker
        return worker.request_id

    @property
    def busy(self) -> bool:
        return bool(self._alive)
