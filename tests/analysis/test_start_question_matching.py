"""Start from a question with the real matching engine: the prompts tick the key points the text covers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from storybook.analysis import Engine, EngineCache
from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool

WAIT_MS = 60_000


@pytest.fixture
def win(qtbot, bank: StoryBank, full_engine: Engine, tmp_path: Path):  # noqa: ANN001, ANN201
    from storybook.gui.main_window import MainWindow

    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=bank, ui_settings=ui, pool=WorkerPool(), features=frozenset({"matching", "start_question"}),
                     engines=EngineCache(loader=lambda _prefer: full_engine))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.ctx.pool.waitForDone(10_000)


def test_typing_a_key_point_ticks_its_prompt_and_leaves_the_rest_open(qtbot, win) -> None:  # noqa: ANN001
    question = next(q for q in win.bank.questions.list() if q.key_points and "led a project" in q.text)
    story_id = win.start_question.write_story_for(question.id)
    prompts = win.start_question.prompts
    qtbot.waitUntil(prompts.isVisible, timeout=WAIT_MS)
    assert prompts.covered_points() == []
    action = win.workspace.editor.sections["action"].edit
    action.setPlainText("I wrote a one-page plan with three milestones for the rewrite.")
    assert win.workspace.flush()
    win.matching.request_current()
    qtbot.waitUntil(lambda: bool(prompts.covered_points()), timeout=WAIT_MS)
    covered = prompts.covered_points()
    assert any("plan" in point for point in covered)
    assert len(covered) < len(question.key_points)
    assert "in your text" in prompts.lbl_points.text()
    stored = win.bank.stories.get(story_id)
    assert not any(point in stored.action for point in question.key_points)
