"""Uncaught errors in the GUI: logged with their traceback, told to the user, and the app keeps running."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from storybook.gui.dialogs.unexpected_error import MAX_DIALOGS, ErrorGuard, UnexpectedErrorDialog
from storybook.logs import ErrorSummary, setup_logging


@pytest.fixture
def guarded(qtbot, tmp_path: Path):
    root = logging.getLogger()
    level = root.level
    setup = setup_logging(tmp_path / "logs", crash_file=False)
    told: list[tuple[ErrorSummary, Path | None]] = []
    guard = ErrorGuard(QApplication.instance(), setup.log_file, show=lambda _p, s, f: told.append((s, f))).install()
    yield guard, told, setup
    guard.uninstall()
    setup.close()
    root.setLevel(level)


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_shown_and_the_app_lives_on(qtbot, guarded) -> None:
    guard, told, setup = guarded
    clicks: list[int] = []

    def on_click() -> None:
        clicks.append(1)
        if len(clicks) == 1:
            raise RuntimeError("the export folder vanished")

    button = QPushButton("Export")
    qtbot.addWidget(button)
    button.clicked.connect(on_click)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=3000)
    summary, log_file = told[0]
    assert summary.headline == "RuntimeError: the export folder vanished"
    assert "on_click" in summary.where
    assert log_file == setup.log_file
    setup.handler.flush()
    text = setup.log_file.read_text(encoding="utf-8")
    assert "Uncaught error" in text
    assert "RuntimeError: the export folder vanished" in text
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the app still answers
    assert len(clicks) == 2


@pytest.mark.qt_no_exception_capture
def test_error_in_a_thread_reaches_the_gui_thread(qtbot, guarded) -> None:
    _guard, told, _setup = guarded

    def work() -> None:
        raise OSError("disk full")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(told), timeout=3000)
    assert told[0][0].headline == "OSError: disk full"


def test_a_storm_of_errors_opens_only_a_few_dialogs(qtbot, guarded) -> None:
    guard, told, _setup = guarded
    for n in range(MAX_DIALOGS + 5):
        try:
            raise ValueError(f"failure {n}")
        except ValueError as exc:
            guard.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(guard.seen) == MAX_DIALOGS + 5)
    qtbot.wait(50)
    assert len(told) == MAX_DIALOGS


def test_dialog_says_what_and_where_the_log_is(qtbot, tmp_path: Path) -> None:
    summary = ErrorSummary("KeyError: 'title'", "stories.py, line 12, in save", "Traceback (most recent call last):\n...")
    dialog = UnexpectedErrorDialog(summary, tmp_path / "storybook.log")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.label_message.text()
    assert "KeyError: 'title'" in text
    assert "stories.py, line 12" in text
    assert str(tmp_path / "storybook.log") in text
    assert not dialog.text_details.isVisible()
    dialog.btn_details.click()
    assert dialog.text_details.isVisible()
    assert dialog.text_details.toPlainText().startswith("Traceback")
    dialog.btn_copy.click()
    assert QApplication.clipboard().text().startswith("Traceback")
