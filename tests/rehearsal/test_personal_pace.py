"""Personal pace end to end: three recorded rehearsals replace 150 wpm in the length check and the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool

from storybook.analysis import analyze_story, build_basic_engine
from storybook.bank import StoryBank
from storybook.gui.rehearsal.media import WavFileRecorder
from storybook.gui.rehearsal.view import RehearsalView

from .wavs import burst_wav

# 25 words spoken in 15 s of speech (with pauses between): 100 words per minute.
SHORT = {"situation": "Our team missed two releases.", "task": "I had to get us shipping again.",
         "action": "I mapped the blocked work and set up reviews.", "result": "We shipped on time."}
TAKE = [(False, 0.5), (True, 6.0), (False, 0.8), (True, 5.0), (False, 2.5), (True, 4.0), (False, 0.4)]
MEASURED = 100.0


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _long_story(bank: StoryBank) -> int:
    """About 330 words: 2:12 at 150 wpm (inside the 2:00-3:00 band), 3:18 at 100 wpm (over the limit)."""
    sentence = "I checked each failing job and wrote down what broke and why it broke. "  # 14 words
    return bank.stories.create(title="Long one", situation=sentence * 3, task=sentence * 2, action=sentence * 15,
                               result=sentence * 3 + "Failures fell by 40 percent.").id


def _rehearse_with_recording(qtbot, bank: StoryBank, story_id: int, wav: Path, clock: Clock) -> int:
    view = RehearsalView(bank, story_id, clock=clock, recorder=WavFileRecorder(wav), pool=QThreadPool())
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.analysed, timeout=20_000) as analysed:
        qtbot.keyClick(view, Qt.Key.Key_Space)
        for _ in range(4):
            clock.now += 4
            qtbot.keyClick(view, Qt.Key.Key_Right)
    view.close()
    return analysed.args[0]


def test_three_recorded_runs_set_the_pace_for_checks_and_estimates(qtbot, bank: StoryBank, tmp_path: Path) -> None:
    short_id = bank.stories.create(title="Short one", **SHORT).id
    long_id = _long_story(bank)
    engine = build_basic_engine()
    before = analyze_story(bank.stories.get(long_id), bank.effective_settings()[0], engine)
    assert not [f for f in before.findings if f.code == "too-long"]
    assert before.length == "on target"
    assert bank.effective_settings()[1] == "default"

    clock = Clock()
    for n in range(3):
        assert bank.rehearsals.personal_pace() is None  # fewer than three recorded runs: still 150
        record = bank.rehearsals.get(
            _rehearse_with_recording(qtbot, bank, short_id, burst_wav(tmp_path / f"take{n}.wav", TAKE), clock))
        assert record.words == 25
        assert record.wpm == pytest.approx(MEASURED, rel=0.03)

    settings, source = bank.effective_settings()
    assert source == "measured"
    assert settings.pace_wpm == pytest.approx(MEASURED, rel=0.03)

    # the length check now uses the measured pace, and says which pace it used
    after = analyze_story(bank.stories.get(long_id), settings, engine)
    (too_long,) = [f for f in after.findings if f.code == "too-long"]
    assert f"at your measured pace of {settings.pace_wpm:g} wpm" in too_long.message
    assert "3:1" in too_long.message  # about 3:18 rather than 2:12
    assert after.length == "over the limit"

    # a new rehearsal says so next to its estimate
    view = RehearsalView(bank, long_id, clock=clock, pool=QThreadPool())
    qtbot.addWidget(view)
    assert f"at {settings.pace_wpm:.0f} words per minute (your measured pace)" in view.label_status.text()


def test_the_editor_estimate_uses_the_measured_pace(qtbot, bank: StoryBank, tmp_path: Path) -> None:
    from storybook.gui.context import AppContext
    from storybook.gui.main_window import MainWindow

    short_id = bank.stories.create(title="Short one", **SHORT).id
    for n in range(3):
        bank.rehearsals.record(short_id, [3, 3, 6, 3], recording=burst_wav(tmp_path / f"t{n}.wav", TAKE))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    ui = QSettings(str(tmp_path / "qsettings" / "test.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=bank, ui_settings=ui, pool=QThreadPool(), features=frozenset({"rehearsal"}))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.workspace.open_story(short_id)
    pace = bank.effective_settings()[0].pace_wpm
    assert pace == pytest.approx(MEASURED, rel=0.03)
    assert window.lbl_pace.text() == f"Pace {pace:g} wpm (measured)"
    qtbot.waitUntil(lambda: "your measured pace" in window.workspace.editor.lbl_total.text(), timeout=5000)
    assert f"{pace:g} wpm, your measured pace" in window.workspace.editor.lbl_total.text()
    ctx.pool.waitForDone(5000)
