"""Matching in the app: suggestions with reasons, one-click linking, coverage, picker, drill and gaps."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from storybook.analysis import Engine, EngineCache
from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool

WAIT_MS = 60_000


@pytest.fixture
def engines(full_engine: Engine) -> EngineCache:
    return EngineCache(loader=lambda _prefer: full_engine)


def _window(qtbot, bank: StoryBank, engines: EngineCache, tmp_path: Path, features: frozenset[str]):  # noqa: ANN001, ANN202
    from storybook.gui.main_window import MainWindow

    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=bank, ui_settings=ui, pool=WorkerPool(), features=features, engines=engines)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, sample_bank: StoryBank, engines: EngineCache, tmp_path: Path):  # noqa: ANN001, ANN201
    win = _window(qtbot, sample_bank, engines, tmp_path, frozenset({"matching"}))
    yield win
    win.ctx.pool.waitForDone(10_000)


def test_missing_key_points_join_the_findings(qtbot, sample_bank: StoryBank, engines: EngineCache,
                                              tmp_path: Path) -> None:
    from storybook.analysis.matching import KEY_POINT_CODE

    win = _window(qtbot, sample_bank, engines, tmp_path, frozenset({"matching", "analysis"}))
    story = next(s for s in sample_bank.stories.list() if s.title.startswith("Missing the deadline"))
    win.workspace.open_story(story.id)
    panel = win.checks.panel

    def notes() -> list[str]:
        report = panel.report
        return [f.message for f in report.findings if f.code == KEY_POINT_CODE] if report is not None else []

    qtbot.waitUntil(lambda: bool(notes()), timeout=WAIT_MS)
    assert any("“Tell me about a deadline you missed.” asks for" in n for n in notes())
    assert all(n.endswith("your story does not say it.") for n in notes())
    win.ctx.pool.waitForDone(10_000)


def test_suggested_questions_link_only_on_click(qtbot, window, sample_bank: StoryBank) -> None:  # noqa: ANN001
    link = window.matching
    panel = link.panel
    qtbot.waitUntil(lambda: len(panel.rows) > 0, timeout=WAIT_MS)
    story_id = window.workspace.current_story_id
    before = {q.question_id for q in sample_bank.stories.get(story_id).questions}
    assert all(row.question_id not in before for row in panel.rows)
    assert all("% fit" in row.lbl_fit.text() for row in panel.rows)
    assert all(row.lbl_reasons.text() for row in panel.rows)
    assert {q.question_id for q in sample_bank.stories.get(story_id).questions} == before  # nothing linked yet
    chosen = panel.rows[0].question_id
    qtbot.mouseClick(panel.rows[0].btn_link, Qt.MouseButton.LeftButton)
    assert chosen in {q.question_id for q in sample_bank.stories.get(story_id).questions}
    qtbot.waitUntil(lambda: panel.rows and chosen not in {r.question_id for r in panel.rows}, timeout=WAIT_MS)
    row = next(r for r in window.workspace.links_panel.rows if r.question_id == chosen)
    qtbot.waitUntil(lambda: not row.lbl_points.isHidden(), timeout=WAIT_MS)
    assert "Key points:" in row.lbl_points.text()
    assert "covered" in row.lbl_points.text()


def test_competency_suggestions_tag_only_on_click(qtbot, window, sample_bank: StoryBank) -> None:  # noqa: ANN001
    chips = window.workspace.editor.chips_competencies
    qtbot.waitUntil(lambda: bool(chips.suggestion_buttons), timeout=WAIT_MS)
    story_id = window.workspace.current_story_id
    tagged = set(sample_bank.stories.get(story_id).competencies)
    button = chips.suggestion_buttons[0]
    key = button.property("key")
    assert key not in tagged
    assert button.toolTip().startswith("Suggested:")
    assert set(sample_bank.stories.get(story_id).competencies) == tagged
    button.click()
    assert window.workspace.flush()
    assert key in sample_bank.stories.get(story_id).competencies


def test_picker_sorted_by_fit_with_reasons(qtbot, window) -> None:  # noqa: ANN001
    from storybook.gui.questions.question_picker import QuestionPickerDialog

    workspace = window.workspace
    qtbot.waitUntil(lambda: bool(workspace.question_fits), timeout=WAIT_MS)
    dialog = window.hooks.screenshots["question-picker.png"]()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QuestionPickerDialog)
    scores = [dialog.proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(dialog.proxy.rowCount())]
    percents = [int(text.split("%")[0]) for text in scores]
    assert percents == sorted(percents, reverse=True)
    dialog.list_questions.setCurrentIndex(dialog.proxy.index(0, 0))
    assert "fit for this story" in dialog.lbl_fit.text()
    assert "•" in dialog.lbl_fit.text()


def test_add_question_opens_the_picker_sorted_by_fit(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from storybook.gui.questions.question_picker import QuestionPickerDialog

    workspace = window.workspace
    qtbot.waitUntil(lambda: bool(workspace.question_fits), timeout=WAIT_MS)
    seen: list[list[str]] = []

    def fake_exec(dialog: QuestionPickerDialog) -> int:
        seen.append([dialog.proxy.index(r, 0).data() for r in range(3)])
        return 0

    monkeypatch.setattr(QuestionPickerDialog, "exec", fake_exec)
    workspace.links_panel.btn_add.click()
    assert seen
    assert all("% · " in text for text in seen[0])


def test_gaps_propose_the_closest_story(qtbot, window) -> None:  # noqa: ANN001
    grid = window.grid
    grid.refresh()
    gaps = grid.list_gaps

    def hinted() -> bool:
        return any("Closest:" in gaps.item(r).text() for r in range(gaps.count()))

    qtbot.waitUntil(hinted, timeout=WAIT_MS)
    text = next(gaps.item(r).text() for r in range(gaps.count()) if "Closest:" in gaps.item(r).text())
    assert "%" in text
    assert "%)" in text


def test_drill_ranks_by_fit_and_shows_a_self_check(qtbot, worker_pool, sample_bank: StoryBank,
                                                   engines: EngineCache) -> None:
    from storybook.gui.rehearsal.drill import DrillWindow

    now = [10.0]
    drill = DrillWindow(sample_bank, rng=random.Random(3), clock=lambda: now[0], engines=engines, pool=worker_pool)
    qtbot.addWidget(drill)
    qtbot.waitUntil(lambda: bool(drill.fits), timeout=WAIT_MS)
    ranked = [drill.fits[drill.list_stories.item(r).data(Qt.ItemDataRole.UserRole)].score
              for r in range(drill.list_stories.count() - 1)]
    assert ranked == sorted(ranked, reverse=True)
    assert "% fit" in drill.list_stories.item(0).text()
    drill.list_stories.setCurrentRow(0)
    assert "fit" in drill.lbl_why.text()
    with qtbot.waitSignal(drill.answered):
        qtbot.keyClick(drill, Qt.Key.Key_Space)
        assert drill.lbl_selfcheck.isHidden()  # no hints while answering
        now[0] += 90
        drill.view.next_section()
        drill.view.space()
        for _ in range(3):
            drill.view.next_section()
    text = drill.lbl_selfcheck.text()
    assert not drill.lbl_selfcheck.isHidden()
    assert "Self-check" in text
    assert drill.question.key_points[0].split()[0] in text
    assert "in your story" in text
