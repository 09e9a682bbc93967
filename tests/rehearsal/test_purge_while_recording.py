"""Deleting a story for good while a take of it is being recorded stops the recording first and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from storybook.bank import StoryBank
from storybook.gui.context import AppContext
from storybook.gui.dialogs.confirm import ConfirmDialog
from storybook.gui.rehearsal.media import WavFileRecorder
from storybook.gui.rehearsal.view import RehearsalView
from storybook.gui.stories.trash_view import TrashView
from storybook.gui.workers import WorkerPool

from .wavs import burst_wav


@pytest.mark.parametrize("how", ["delete forever", "empty trash"])
def test_purging_a_story_being_recorded_stops_the_recording_first(qtbot, worker_pool, bank: StoryBank, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    story_id = bank.stories.create(title="Being recorded", action="I spoke.").id
    recorder = WavFileRecorder(burst_wav(tmp_path / "take.wav", [(True, 1.0)]))
    view = RehearsalView(bank, story_id, recorder=recorder, clock=lambda: 10.0, pool=worker_pool)
    qtbot.addWidget(view)
    view.show()
    view.controls.check_record.setChecked(True)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.recording_story_id() == story_id
    bank.stories.trash(story_id)
    trash = TrashView(AppContext(bank=bank, ui_settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                                 pool=WorkerPool(), features=frozenset()))
    qtbot.addWidget(trash)
    trash.refresh()
    trash.list_trash.setCurrentIndex(trash.model.index(0, 0))
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
    messages: list[str] = []
    trash.message.connect(messages.append)
    trash.purge_selected() if how == "delete forever" else trash.empty_trash()
    assert recorder.calls[-1] == "discard"
    assert view.recording_story_id() is None
    assert "Recording stopped" in view.label_status.text()
    assert "stopped first" in messages[-1]
    assert not any(bank.recordings_dir.glob("*.wav"))
