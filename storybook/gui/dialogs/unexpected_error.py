"""GUI: the "unexpected error" dialog and the hook that catches uncaught exceptions in the app.

An exception that escapes a slot or an event handler would otherwise only print to a terminal the user
never sees. The hook logs it with its traceback, then says what happened and where the log is; the app
keeps running because Qt returns to the event loop after the slot.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storybook.logs import ErrorSummary, LogSetup, setup_logging, summarise_error

log = logging.getLogger(__name__)
MAX_DIALOGS = 3  # after this many in one run, errors are only logged (a loop of failures must not trap the user)


class UnexpectedErrorDialog(QDialog):
    """GUI: says what went wrong, where the log is, and shows the details on request."""

    def __init__(self, summary: ErrorSummary, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Storybook: unexpected error")
        self.setAccessibleName("Unexpected error")
        self.summary = summary
        self.label_message = QLabel(self._message(summary, log_file))
        self.label_message.setWordWrap(True)
        self.label_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_details = QPlainTextEdit(summary.details)
        self.text_details.setReadOnly(True)
        self.text_details.setAccessibleName("Error details")
        self.text_details.setVisible(False)
        self.btn_details = QPushButton("Show &details")
        self.btn_details.setCheckable(True)
        self.btn_details.toggled.connect(self._toggle_details)
        self.btn_copy = QPushButton("&Copy details")
        self.btn_copy.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Keep working")
        buttons.addButton(self.btn_details, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.btn_copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label_message)
        layout.addWidget(self.text_details)
        layout.addWidget(buttons)
        self.resize(520, 200)

    @staticmethod
    def _message(summary: ErrorSummary, log_file: Path | None) -> str:
        lines = ["Something went wrong that Storybook did not expect. You can keep working: your edits are "
                 "saved as you type, but the last action may not have finished.",
                 "", f"What happened: {summary.headline}"]
        if summary.where:
            lines.append(f"Where: {summary.where}")
        lines.append("")
        lines.append(f"The full report is in the log: {log_file}" if log_file else "No log file could be written.")
        return "\n".join(lines)

    def _toggle_details(self, on: bool) -> None:
        self.text_details.setVisible(on)
        self.btn_details.setText("Hide &details" if on else "Show &details")
        self.resize(self.width(), 420 if on else 200)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.summary.details)

    @classmethod
    def report(cls, parent: QWidget | None, summary: ErrorSummary, log_file: Path | None) -> tuple[None, bool]:
        cls(summary, log_file, parent).exec()
        return None, True


class _Relay(QObject):
    """Carries errors from other threads to the GUI thread."""

    raised = Signal(object)


class ErrorGuard:
    """GUI: installed as ``sys.excepthook`` (and the threading hook): log every uncaught error, then tell the user."""

    def __init__(self, app: QApplication, log_file: Path | None,
                 show: Callable[[QWidget | None, ErrorSummary, Path | None], object] | None = None) -> None:
        self.app, self.log_file = app, log_file
        self.show = show or UnexpectedErrorDialog.report
        self.shown = 0
        self.seen: list[ErrorSummary] = []
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self._relay = _Relay()
        self._relay.raised.connect(self._tell, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ErrorGuard:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.app.closeAllWindows()  # Ctrl+C in the terminal: close normally, saving pending edits
            return
        log.error("Uncaught error", exc_info=(exc_type, exc, tb))
        summary = summarise_error(exc_type, exc, tb)
        self.seen.append(summary)
        self._relay.raised.emit(summary)  # queued: never open a dialog inside the failing handler

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _tell(self, summary: ErrorSummary) -> None:
        if self._showing or self.shown >= MAX_DIALOGS:
            return
        self._showing = True
        self.shown += 1
        try:
            self.show(self.app.activeWindow(), summary, self.log_file)
        finally:
            self._showing = False


def install_error_guard(app: QApplication, log_file: Path | None) -> ErrorGuard:
    """Install the hook for this run of the app; keep the returned guard alive as long as the app."""
    return ErrorGuard(app, log_file).install()


def start_error_reporting(app: QApplication) -> tuple[LogSetup, ErrorGuard]:
    """The desktop app's log file, crash file and error dialog, in one call from start-up."""
    setup = setup_logging()
    return setup, install_error_guard(app, setup.log_file)
