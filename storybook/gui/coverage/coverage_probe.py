"""GUI: ``STORYBOOK_PROBE=coverage``: open the Coverage tab, time it to its first paint, print one line, quit.

The line is JSON on standard output: ``{"coverage_ms": N, "rows": R, "columns": C}``, where N is the time
from asking for the tab (which reads the bank and fills the grid) until the grid's first paint has
finished. ``make bench`` runs the app this way on generated banks.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from storybook.gui.main_window import MainWindow

PROBE_ENV = "STORYBOOK_PROBE"
GIVE_UP_MS = 600_000  # a probe that never sees a paint still ends the process


class CoverageProbe(QObject):
    """GUI: measures one opening of the Coverage tab and quits the application."""

    def __init__(self, window: MainWindow, out: TextIO | None = None, quit_after: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.out = out or sys.stdout
        self.quit_after = quit_after
        self.result: dict[str, int] | None = None
        self._start = 0.0
        self._watched = None

    def start(self) -> None:
        """Open the tab on the next turn of the event loop (after the window's own first paint)."""
        QTimer.singleShot(0, self._open)
        QTimer.singleShot(GIVE_UP_MS, self._finish)

    def _open(self) -> None:
        grid = self.window.grid
        self._start = time.perf_counter()
        if self.window.current_tab() == "grid":  # restored from the last session: read the bank again
            grid.refresh()
        else:
            self.window.show_tab("grid")  # refreshes the grid from the bank
        stack = grid.table_stack
        self._watched = grid.table.viewport() if stack.currentWidget() is grid.table else stack.currentWidget()
        self._watched.installEventFilter(self)
        self._watched.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._watched and event.type() == QEvent.Type.Paint and self.result is None:
            QTimer.singleShot(0, self._finish)  # runs once the paint is done
        return False

    def _finish(self) -> None:
        if self.result is not None:
            return
        model = self.window.grid.model
        self.result = {"coverage_ms": round((time.perf_counter() - self._start) * 1000),
                       "rows": model.rowCount(), "columns": model.columnCount()}
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self.out.write(json.dumps(self.result) + "\n")
        self.out.flush()
        if self.quit_after:
            QApplication.quit()


def install_coverage_probe(window: MainWindow, out: TextIO | None = None, quit_after: bool = True) -> CoverageProbe:
    probe = CoverageProbe(window, out, quit_after)
    probe.start()
    return probe
