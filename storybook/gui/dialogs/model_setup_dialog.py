"""GUI: install the English language model from inside the app (runs ``storybook setup`` and shows its progress)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

INTRO = ("Storybook is using its basic language engine, which skips the passive-voice and tense checks. "
         "Installing the English model (about 15 MB) turns them on. It needs the network once.")


def setup_command() -> list[str]:
    return [sys.executable, "-m", "storybook", "setup"]


class ModelSetupDialog(QDialog):
    """GUI: runs the model installation as a child process and shows each line it prints."""

    def __init__(self, command: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Install the English model")
        self.command = command or setup_command()
        self.succeeded: bool | None = None
        self.label_status = QLabel(INTRO)
        self.label_status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setAccessibleName("Installation progress")
        self.text_output = QPlainTextEdit()
        self.text_output.setReadOnly(True)
        self.text_output.setAccessibleName("Installation output")
        self.btn_install = QPushButton("&Install")
        self.btn_install.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.btn_install, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.label_status, self.bar, self.text_output, buttons):
            layout.addWidget(widget)
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self.resize(560, 380)

    def start(self) -> None:
        self.btn_install.setEnabled(False)
        self.bar.setRange(0, 0)  # busy: the steps do not say how far along they are
        self.label_status.setText("Installing\u2026 this can take a minute.")
        self.process.start(self.command[0], self.command[1:])

    def _read(self) -> None:
        text = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        for line in text.splitlines():
            if line.strip():
                self.text_output.appendPlainText(line.rstrip())

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._read()
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.succeeded = code == 0
        if self.succeeded:
            self.label_status.setText("The English model is installed. Restart Storybook to use the full checks.")
        else:
            self.label_status.setText("The model could not be installed (see below). Storybook keeps working with "
                                      "its basic engine; you can try again later.")
            self.btn_install.setEnabled(True)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.succeeded = False
            self.bar.setRange(0, 1)
            self.label_status.setText(f"Could not start {self.command[0]}.")
            self.btn_install.setEnabled(True)

    def reject(self) -> None:
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(3000)
        super().reject()

    @classmethod
    def run(cls, parent: QWidget | None) -> tuple[bool, bool]:
        """Show the dialog; return (installed, True)."""
        dialog = cls(parent=parent)
        dialog.exec()
        return bool(dialog.succeeded), True
