"""Start-up reads the story list no more often than it needs, and the Targets tab reads only titles."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings, QThreadPool

import storybook.analysis
from storybook.bank import StoryBank
from storybook.bank.stories import StoryService
from storybook.gui.context import AppContext
from storybook.model.values import SECTIONS, StoryReport

INFO = {"name": "fake", "version": "0", "full": True}


class FakeEngines:
    """The engine cache without spaCy: loading is instant."""

    def get(self, *_args: object) -> SimpleNamespace:
        return SimpleNamespace(info=INFO)

    def peek(self) -> None:
        return None


def _fake_analyze(stories, _settings=None, _engine=None) -> list[StoryReport]:  # noqa: ANN001
    return [StoryReport(engine=INFO, words={s: 0 for s in (*SECTIONS, "total")}, spoken_seconds=0.0,
                        quantified=False, metrics=[], i_we={"i": 0, "we": 0}, findings=[], score=70,
                        title=s.title, story_id=s.id) for s in stories]


def test_start_up_reads_the_full_story_list_twice_at_most(qtbot, tmp_path: Path, sample_bank: StoryBank,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from storybook.gui.main_window import MainWindow

    monkeypatch.setattr(storybook.analysis, "analyze_stories", _fake_analyze)
    calls: list[str] = []
    original = StoryService.list

    def counting(self: StoryService, flt=None):  # noqa: ANN001, ANN202
        calls.append("trash" if flt is not None and flt.trashed else "stories")
        return original(self, flt)

    monkeypatch.setattr(StoryService, "list", counting)
    ctx = AppContext(bank=sample_bank, ui_settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                     pool=QThreadPool(), features=frozenset({"analysis", "dossier"}), engines=FakeEngines())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    link = win.checks
    model = win.workspace.list_panel.model
    qtbot.waitUntil(lambda: all(model.score(s.id) is not None for s in sample_bank.stories.titles()), timeout=20000)
    assert link.worker.pool.waitForDone(10000)
    qtbot.wait(50)
    # the story list itself and the scoring; the Targets tab, the grid and the engine's arrival read none
    assert calls.count("stories") <= 2, calls
    chooser = win.targets.panel().editor.list_stories
    titles = [chooser.item(row).text() for row in range(chooser.count())]
    assert sorted(titles) == sorted(t.title for t in sample_bank.stories.titles())
    link.shutdown()
    ctx.pool.waitForDone(5000)
