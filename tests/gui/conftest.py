"""GUI test fixtures: window-state settings under tmp_path and a main window over a tmp database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal dialog a test did not patch would block the run: record it and answer "cancel" instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    shown: list[str] = []

    def refuse(self) -> int:  # noqa: ANN001
        shown.append(f"{type(self).__name__}: {self.windowTitle()}")
        return 0

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    return shown


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    """Window state goes to tmp_path, never to the user's real configuration."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    return QSettings(str(tmp_path / "qsettings" / "storybook-test.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_ctx(ui_settings: QSettings) -> Iterator[Callable[[StoryBank], AppContext]]:
    made: list[AppContext] = []

    def make(bank: StoryBank, features: frozenset[str] = frozenset()) -> AppContext:
        ctx = AppContext(bank=bank, ui_settings=ui_settings, pool=WorkerPool(), features=features)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.pool.waitForDone(5000)


@pytest.fixture
def make_window(qtbot, make_ctx):  # noqa: ANN001, ANN201 - pytest-qt fixtures
    from storybook.gui.main_window import MainWindow

    def make(bank: StoryBank, features: frozenset[str] = frozenset()) -> MainWindow:
        """A window without the optional features unless asked: they have their own tests."""
        window = MainWindow(make_ctx(bank, features))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window, sample_bank):  # noqa: ANN001, ANN201
    return make_window(sample_bank)
