"""GUI: screens refresh from the bank's change sets; an autosave touches only what it changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QTextCursor

from storybook.analysis import EngineCache
from storybook.analysis.nlp import build_basic_engine
from storybook.bank import ChangeSet, StoryBank
from storybook.gui.context import AppContext
from storybook.model.measures import word_count


class Spy:
    """Counts calls to one bank method and passes them on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.calls: list[tuple[Any, ...]] = []
        original = getattr(owner, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(args + tuple(kwargs.items()))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)


def _type(qtbot, edit, text: str) -> None:  # noqa: ANN001
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def test_autosave_does_not_read_the_trash(qtbot, monkeypatch, window, sample_bank: StoryBank) -> None:
    workspace = window.workspace
    seen: list[ChangeSet] = []
    sample_bank.changes.subscribe(seen.append)
    lists, counts = Spy(monkeypatch, sample_bank.stories, "list"), Spy(monkeypatch, sample_bank.stories, "count")
    _type(qtbot, workspace.editor.section_edit("action"), " AUTOSAVED")
    qtbot.waitUntil(lambda: not workspace.autosaver.dirty, timeout=3000)
    assert seen == [ChangeSet(stories=frozenset({workspace.current_story_id}))]
    assert lists.calls == []
    assert counts.calls == []
    assert sample_bank.stories.get(workspace.current_story_id).action.endswith(" AUTOSAVED")


def test_the_trash_title_follows_trash_changes(qtbot, window, sample_bank: StoryBank) -> None:
    index = window._tab_keys.index("trash")
    assert window.tabs.tabText(index) == "Trash"
    window.workspace.trash_current()
    assert window.tabs.tabText(index) == "Trash (1)"
    sample_bank.stories.empty_trash()  # any writer, not only this window, moves the count
    assert window.tabs.tabText(index) == "Trash"


@pytest.fixture
def checked_window(qtbot, tmp_path: Path, sample_bank: StoryBank):  # noqa: ANN201
    from storybook.gui.main_window import MainWindow

    basic = build_basic_engine()
    engines = EngineCache(loader=lambda prefer: basic)
    ctx = AppContext(bank=sample_bank, ui_settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                     pool=QThreadPool(), features=frozenset({"analysis"}), engines=engines)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.checks.shutdown()
    ctx.pool.waitForDone(5000)


def test_live_checks_use_the_pushed_settings_without_reading_the_bank(qtbot, monkeypatch, checked_window,
                                                                    sample_bank: StoryBank) -> None:
    link = checked_window.checks
    gets = Spy(monkeypatch, sample_bank.settings, "get")
    paces = Spy(monkeypatch, sample_bank.rehearsals, "personal_pace")
    edit = checked_window.workspace.editor.section_edit("action")
    typed = word_count(edit.toPlainText() + " More detail.")
    with qtbot.waitSignal(link.worker.report_ready, timeout=20000,
                          check_params_cb=lambda _rid, report: report.words["action"] == typed) as got:
        _type(qtbot, edit, " More detail.")
    assert gets.calls == []
    assert paces.calls == []
    words = got.args[1].words["total"]
    assert got.args[1].spoken_seconds == pytest.approx(words / 150 * 60, abs=0.1)
    # a new pace is pushed once by the window, and the next live check uses it
    sample_bank.settings.update(pace_wpm=100.0)
    with qtbot.waitSignal(link.worker.report_ready, timeout=20000) as got:
        checked_window.reload_settings()
    words = got.args[1].words["total"]
    assert got.args[1].spoken_seconds == pytest.approx(words / 100 * 60, abs=0.1)
