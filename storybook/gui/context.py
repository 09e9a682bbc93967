"""GUI: the application context handed to every window (no module-level singletons)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QThreadPool

from storybook.analysis.nlp import EngineCache
from storybook.bank import StoryBank

if TYPE_CHECKING:
    from storybook.gui.instance import InstanceLock

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """GUI: the open bank, the window-state settings, the worker pool, the instance lock and the checks' engine."""

    bank: StoryBank
    ui_settings: QSettings
    pool: QThreadPool = field(default_factory=QThreadPool)
    lock: InstanceLock | None = None
    note: str = ""  # shown once in the status bar, e.g. "Opened a copy of the newest backup"
    features: frozenset[str] | None = None  # optional features to load ("analysis", ...); None: all present
    engines: EngineCache = field(default_factory=EngineCache)  # the story checks' spaCy engine, loaded lazily

    def wants(self, feature: str) -> bool:
        return self.features is None or feature in self.features

    @property
    def db_path(self) -> Path:
        return self.bank.path

    def close(self) -> None:
        """Wait for workers, close the bank and release the lock (safe to call twice)."""
        self.pool.waitForDone(5000)
        self.bank.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
