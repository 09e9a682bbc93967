"""Bank: the start-up's ``PRAGMA quick_check``, begun before the app's modules import, read when the bank opens.

The check reads the whole file (tens of milliseconds on a large bank). SQLite releases the GIL while it runs,
so a thread started first overlaps it with Python importing the window's modules. ``BankReader.open`` takes
the verdict with :func:`take_early_check`; without an early check it runs the pragma itself.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)
_started: dict[Path, QuickCheck] = {}
_lock = threading.Lock()


class QuickCheck:
    """``PRAGMA quick_check`` of one existing file on a thread of its own; ``passed()`` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ok = False
        self._thread = threading.Thread(target=self._run, name="storybook-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=5)
        except sqlite3.Error as exc:
            log.info("quick check of %s could not start: %s", self.path, exc)
            return
        try:
            conn.execute("PRAGMA query_only = ON")
            row = conn.execute("PRAGMA quick_check").fetchone()
            self._ok = row is not None and row[0] == "ok"
        except sqlite3.Error as exc:
            log.info("quick check of %s failed: %s", self.path, exc)
        finally:
            conn.close()

    def passed(self) -> bool:
        self._thread.join()
        return self._ok


def start_early_check(path: Path) -> QuickCheck | None:
    """Begin the quick check of an existing, non-empty bank file now (never creates the file)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except OSError:
        return None
    check = QuickCheck(path)
    with _lock:
        _started[path] = check
    return check


def take_early_check(path: Path) -> QuickCheck | None:
    """The check started for ``path``, once (a later open checks again itself)."""
    with _lock:
        return _started.pop(path, None)
