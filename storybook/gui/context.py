"""GUI: the application context handed to every window (no module-level singletons)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QThreadPool

from storybook.analysis.nlp import EngineCache
from storybook.gui.workers import CLOSE_WAIT_MS, WorkerPool

if TYPE_CHECKING:
    from storybook.bank import StoryBank
    from storybook.gui.instance import InstanceLock

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """GUI: the open bank, the window-state settings, the worker pool, the instance lock and the checks' engine."""

    bank: StoryBank
    ui_settings: QSettings
    pool: QThreadPool = field(default_factory=WorkerPool)
    lock: InstanceLock | None = None
    note: str = ""  # shown once in the status bar, e.g. "Opened a copy of the newest backup"
    features: frozenset[str] | None = None  # optional features to load ("analysis", ...); None: all present
    engines: EngineCache = field(default_factory=EngineCache)  # the story checks' spaCy engine, loaded lazily
    checks_process: bool = False  # the story checks run in a process of their own (the app turns this on)
    # background workers still running when their window closed: kept (not deleted) until close()
    lingering: list[Any] = field(default_factory=list)

    def wants(self, feature: str) -> bool:
        return self.features is None or feature in self.features

    @property
    def db_path(self) -> Path:
        return self.bank.path

    def stop_workers(self, timeout_ms: int = CLOSE_WAIT_MS) -> bool:
        """The window is closing: take no new background work and wait briefly for what runs."""
        if isinstance(self.pool, WorkerPool):
            return self.pool.shutdown(timeout_ms)
        self.pool.clear()
        return self.pool.waitForDone(timeout_ms)

    def close(self) -> bool:
        """Wait for workers, close the bank and release the lock (safe to call twice).

        Returns False when background work (a long parse) was still running after the wait.
        """
        drained = bool(self.pool.waitForDone(5000))
        for worker in self.lingering:
            drained = bool(worker.shutdown(5000)) and drained
        self.lingering.clear()
        self.bank.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        return drained
