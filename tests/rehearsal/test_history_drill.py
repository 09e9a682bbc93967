"""History window (table, chart data, playback, delete, practise next) and the question drill."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from storybook.bank import StoryBank
from storybook.gui.rehearsal import open_drill, open_history_window
from storybook.gui.rehearsal.drill import DrillWindow, target_sources
from storybook.gui.rehearsal.history import HistoryWindow
from storybook.gui.rehearsal.runs_model import PractiseModel, RunsModel

from .wavs import burst_wav

DAY = datetime(2024, 5, 1, 9, 0)


@pytest.fixture
def runs(sample_bank: StoryBank, tmp_path: Path) -> tuple[int, list[int]]:
    story = sample_bank.stories.list()[0]
    ids = []
    for n, total in enumerate([170, 150, 130, 118]):
        rec = sample_bank.rehearsals.record(story.id, [15, 10, total - 40, 15], started_at=DAY + timedelta(days=n),
                                            rating=3 + n % 2)
        ids.append(rec.id)
    sample_bank.rehearsals.attach_recording(ids[-1], burst_wav(tmp_path / "t.wav", [(True, 1.0), (False, 0.5)]))
    sample_bank.rehearsals.record(story.id, [3, 3, 0, 0], started_at=DAY + timedelta(days=5), outcome="aborted")
    return story.id, ids


def test_models_pass_the_model_tester(qtmodeltester, sample_bank: StoryBank, runs) -> None:
    story_id, _ids = runs
    qtmodeltester.check(RunsModel(sample_bank.rehearsals.list(story_id)))
    qtmodeltester.check(PractiseModel(sample_bank.rehearsals.practise_next(date(2024, 5, 10), readiness={})))


def test_history_table_and_chart_data(qtbot, worker_pool, sample_bank: StoryBank, runs) -> None:
    story_id, ids = runs
    window = HistoryWindow(sample_bank, story_id, pool=worker_pool)
    qtbot.addWidget(window)
    assert window.runs_model.rowCount() == 5
    assert window.runs_model.index(0, 4).data() == "aborted"
    assert window.runs_model.index(1, 2).data() == "1:58"
    assert window.runs_model.index(1, 8).data() == "yes"
    points = [(p.x(), p.y()) for p in window.series["duration"].points()]
    assert [y for _x, y in points] == [170, 150, 130, 118]  # finished runs only, oldest first
    assert points[0][0] == pytest.approx(DAY.astimezone().timestamp() * 1000)
    assert {p.y() for p in window.series["target"].points()} == {120}
    assert {p.y() for p in window.series["limit"].points()} == {180}
    assert window.series["target"].points()[0].x() <= points[0][0]
    assert window.series["limit"].points()[-1].x() >= points[-1][0]
    axis_x = window.chart_view.chart().axes(Qt.Orientation.Horizontal)[0]
    axis_y = window.chart_view.chart().axes(Qt.Orientation.Vertical)[0]
    # the first and last runs sit inside the plot, not on its left and right edges
    assert axis_x.min().toMSecsSinceEpoch() < points[0][0] < points[-1][0] < axis_x.max().toMSecsSinceEpoch()
    assert axis_y.max() > 180  # the limit line is below the top edge
    text = window.label_stats.text()
    assert "5 runs" in text
    assert "best 1:58" in text
    assert "Record three runs" in text


def test_playback_and_delete(qtbot, worker_pool, sample_bank: StoryBank, runs, monkeypatch: pytest.MonkeyPatch) -> None:
    story_id, ids = runs
    window = HistoryWindow(sample_bank, story_id, pool=worker_pool)
    qtbot.addWidget(window)
    window.table_runs.selectRow(1)
    record = window.selected_record()
    assert record.id == ids[-1]
    assert window.btn_play.isEnabled()
    window.btn_play.click()
    assert window.player.source == record.recording_path
    window.player.stop()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.btn_delete.click()
    assert Path(record.recording_path).exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.btn_delete.click()
    assert not Path(record.recording_path).exists()
    assert window.runs_model.rowCount() == 4
    assert [p.y() for p in window.series["duration"].points()] == [170, 150, 130]


def test_practise_next_tab(qtbot, worker_pool, sample_bank: StoryBank, runs) -> None:
    story_id, _ids = runs
    window = HistoryWindow(sample_bank, None, today=date(2024, 5, 5), pool=worker_pool)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.practise_model.rowCount() > 0, timeout=60_000)
    items = window.practise_model.items
    assert len(items) == len(sample_bank.stories.list())
    assert items[-1].story_id == story_id  # good runs on 4 days, the last yesterday: not due for 8 days
    assert items[0].reason == "Not rehearsed yet."
    requested = []
    window.rehearse_requested.connect(requested.append)
    window.table_practise.selectRow(0)
    window.btn_practise.click()
    assert requested == [items[0].story_id]


def test_open_history_window(qtbot, worker_pool, sample_bank: StoryBank) -> None:
    window = open_history_window(None, sample_bank, pool=worker_pool)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert "No runs yet" in window.label_stats.text()
    assert window.series["duration"].count() == 0


class Clock:
    now = 10.0

    def __call__(self) -> float:
        return self.now


def test_drill_linked_stories_first_and_logs_had_story(qtbot, worker_pool, sample_bank: StoryBank) -> None:
    clock = Clock()
    drill = DrillWindow(sample_bank, rng=random.Random(1), clock=clock, pool=worker_pool)
    qtbot.addWidget(drill)
    # find a question that has linked stories
    for _ in range(200):
        if drill.question.story_ids:
            break
        drill.new_question()
    linked = set(drill.question.story_ids)
    first = drill.list_stories.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) in linked
    assert first.text().startswith("★ ")
    assert drill.list_stories.item(drill.list_stories.count() - 1).text().startswith("(no story")
    with qtbot.waitSignal(drill.answered) as answered:
        qtbot.keyClick(drill, Qt.Key.Key_Space)  # answer with the first (linked) story; the clock starts
        clock.now += 90
        drill.view.next_section()
        drill.view.space()
        for _ in range(3):
            drill.view.next_section()
    record = sample_bank.rehearsals.get(answered.args[0])
    assert (record.question_id, record.had_story, record.mode) == (drill.question.id, True, "blind")
    assert record.story_id in linked
    question = drill.question
    drill.btn_next.click()
    assert drill.pages.currentIndex() == 0
    assert drill.question.id != question.id


def test_drill_without_a_story_is_logged(qtbot, worker_pool, sample_bank: StoryBank) -> None:
    clock = Clock()
    drill = DrillWindow(sample_bank, rng=random.Random(5), clock=clock, pool=worker_pool)
    qtbot.addWidget(drill)
    index = drill.combo_source.findText("Competency: ", Qt.MatchFlag.MatchStartsWith)
    drill.combo_source.setCurrentIndex(index)
    key = drill.combo_source.currentData()[1]
    assert key in drill.question.competencies
    drill.list_stories.setCurrentRow(drill.list_stories.count() - 1)
    drill.answer()
    assert "No story picked" in drill.view.text_cue.text()
    clock.now += 40
    with qtbot.waitSignal(drill.answered) as answered:
        drill.view.stop()
    record = sample_bank.rehearsals.get(answered.args[0])
    assert record.story_id is None
    assert not record.had_story
    assert record.outcome == "aborted"


def test_targets_are_used_only_when_they_exist(qtbot, worker_pool, sample_bank: StoryBank) -> None:
    assert target_sources(sample_bank) == []
    question = sample_bank.questions.list()[3]
    target = sample_bank.targets.create("Acme", "Staff engineer")
    sample_bank.targets.create("Globex", "Analyst")  # no questions: not a drill source
    sample_bank.targets.set_questions(target.id, [question.id])
    assert target_sources(sample_bank) == [("Interview: Acme - Staff engineer", ("target", [question.id]))]
    drill = DrillWindow(sample_bank, rng=random.Random(2), pool=worker_pool)
    qtbot.addWidget(drill)
    drill.combo_source.setCurrentIndex(drill.combo_source.findText("Interview: Acme - Staff engineer"))
    assert drill.question.id == question.id


def test_open_drill(qtbot, worker_pool, sample_bank: StoryBank) -> None:
    window = open_drill(None, sample_bank, pool=worker_pool)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.question is not None
