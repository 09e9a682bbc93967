"""GUI: ``STORYBOOK_PROBE=startup``: print when the main window first painted, and how many rows it shows, then quit.

``make bench`` and its tests start the app with this variable to time start-up against a bare Qt window.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV_VAR = "STORYBOOK_PROBE"


def probe_requested() -> bool:
    return os.environ.get(PROBE_ENV_VAR, "").strip().lower() == "startup"


def ms_since_process_start() -> float:
    """Milliseconds since this process started (Linux: from /proc; elsewhere: since Python started timing)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        started = int(fields[19]) / ticks  # field 22 of stat: start time in clock ticks after boot
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, (uptime - started) * 1000)
    except (OSError, ValueError, IndexError):
        return time.process_time() * 1000


class FirstPaintProbe(QObject):
    """Waits for the window's first paint, then prints ``{"shown_ms": N, "rows": M}`` and quits the app."""

    def __init__(self, window: QWidget, rows: Callable[[], int]) -> None:
        super().__init__(window)
        self._rows = rows
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            shown = ms_since_process_start()
            QTimer.singleShot(0, lambda: self._report(shown))
        return False

    def _report(self, shown_ms: float) -> None:
        sys.stdout.write(json.dumps({"shown_ms": round(shown_ms), "rows": int(self._rows())}) + "\n")
        sys.stdout.flush()
        app = QApplication.instance()
        if app is not None:
            app.closeAllWindows()
            app.quit()
