"""The rehearsal view driven with key presses, offscreen, with a fake clock and an injected recording."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool

from storybook.bank import StoryBank
from storybook.gui.rehearsal import open_rehearsal_window
from storybook.gui.rehearsal.media import NO_MICROPHONE, WavFileRecorder, missing_library_message, recording_status
from storybook.gui.rehearsal.view import RehearsalView
from storybook.gui.rehearsal.widgets import ZONE_COLOURS
from storybook.rehearsal.timer import TimerState, Zone

from .wavs import burst_wav


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def story_id(bank: StoryBank) -> int:
    return bank.stories.create(
        title="Release rescue", situation="Our team missed two releases.", task="I had to get us shipping again.",
        action="I mapped the blocked work. I set up a review rotation.", result="We shipped on time for 6 months.",
    ).id


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_view(qtbot, bank: StoryBank, story_id: int | None, clock: FakeClock, **kwargs) -> RehearsalView:
    kwargs.setdefault("pool", QThreadPool.globalInstance())  # the app hands its context's pool
    view = RehearsalView(bank, story_id, clock=clock, **kwargs)
    qtbot.addWidget(view)
    view.show()
    return view


def press(qtbot, view: RehearsalView, key: Qt.Key, clock: FakeClock | None = None, after: float = 0.0) -> None:
    qtbot.keyClick(view, key)
    if clock is not None:
        clock.now += after


def test_space_right_x3_space_gives_summary_and_saved_record(qtbot, bank: StoryBank, story_id: int,
                                                              clock: FakeClock) -> None:
    view = make_view(qtbot, bank, story_id, clock)
    assert view.recorder.available is False  # offscreen has no microphone
    assert NO_MICROPHONE in view.label_status.text()
    with qtbot.waitSignal(view.saved, timeout=2000) as saved:
        press(qtbot, view, Qt.Key.Key_Space, clock, after=20)  # situation 20 s
        assert view.timer.state is TimerState.RUNNING
        press(qtbot, view, Qt.Key.Key_Right, clock, after=10)  # task 10 s
        press(qtbot, view, Qt.Key.Key_Right, clock, after=100)  # action 100 s
        press(qtbot, view, Qt.Key.Key_Right, clock, after=15)  # result 15 s
        assert "Result" in view.label_section.text()
        assert "finish" in view.label_hint.text()
        press(qtbot, view, Qt.Key.Key_Space)
    assert view.timer.state is TimerState.FINISHED
    assert view.pages.currentWidget() is view.summary
    assert view.summary.label_headline.text() == "2:25: on target (2:00\u20133:00)."
    assert "Action ran over the most" in view.summary.label_worst.text()
    assert "Action: 1:40 of 1:12" in view.summary.label_sections.text()
    record = bank.rehearsals.get(saved.args[0])
    assert record.section_seconds == [20, 10, 100, 15]
    assert (record.story_id, record.outcome, record.mode, record.rating) == (story_id, "finished", "full", None)
    qtbot.keyClick(view, Qt.Key.Key_4)
    view.summary.edit_note.setPlainText("Cut the action: two steps, not four.")
    view.summary.btn_save.click()
    record = bank.rehearsals.get(record.id)
    assert record.rating == 4
    assert record.note == "Cut the action: two steps, not four."


def test_clock_changes_colour_past_two_minutes(qtbot, bank: StoryBank, story_id: int, clock: FakeClock) -> None:
    view = make_view(qtbot, bank, story_id, clock)
    plays = []
    view.chime.play = lambda: plays.append(1) or True
    press(qtbot, view, Qt.Key.Key_Space)
    clock.now += 119
    view._tick()
    assert view.clock.zone is Zone.UNDER
    assert view.clock.text() == "1:59"
    clock.now += 2
    view._tick()
    assert view.clock.zone is Zone.BETWEEN
    assert ZONE_COLOURS[Zone.BETWEEN][0] in view.clock.styleSheet()
    clock.now += 60
    view._tick()
    assert view.clock.zone is Zone.OVER
    assert view.clock.background().name().upper() == ZONE_COLOURS[Zone.OVER][0]
    assert len(plays) == 2  # one soft chime at the target, one at the limit
    assert view.bars.over_budget()[0]  # three minutes in the situation is far past its budget


def test_pause_escape_and_restart(qtbot, bank: StoryBank, story_id: int, clock: FakeClock) -> None:
    view = make_view(qtbot, bank, story_id, clock)
    press(qtbot, view, Qt.Key.Key_Space, clock, after=3)
    press(qtbot, view, Qt.Key.Key_Space, clock, after=100)  # paused: these 100 s do not count
    assert view.timer.state is TimerState.PAUSED
    assert view.label_section.text().startswith("Paused")
    press(qtbot, view, Qt.Key.Key_Space, clock, after=1)
    press(qtbot, view, Qt.Key.Key_R)
    assert view.timer.state is TimerState.READY
    assert view.clock.text() == "0:00"
    assert bank.rehearsals.list() == []  # a restarted run is not kept
    press(qtbot, view, Qt.Key.Key_Space, clock, after=2)
    press(qtbot, view, Qt.Key.Key_Escape)
    assert view.timer.state is TimerState.ABORTED
    assert "not saved" in view.summary.label_saved.text()  # two seconds is a false start
    assert bank.rehearsals.list() == []
    press(qtbot, view, Qt.Key.Key_R)
    press(qtbot, view, Qt.Key.Key_Space, clock, after=30)
    press(qtbot, view, Qt.Key.Key_Escape)
    (record,) = bank.rehearsals.list()
    assert record.outcome == "aborted"
    assert record.total_seconds == pytest.approx(30)


def test_modes_show_text_cue_card_and_nothing(qtbot, bank: StoryBank, story_id: int, clock: FakeClock) -> None:
    bank.stories.update(story_id, cue_cards=["Two missed releases", "Review rotation", "On time for 6 months"])
    view = make_view(qtbot, bank, story_id, clock, mode="cue")
    assert view.text_stack.currentWidget() is view.text_cue
    assert "Review rotation" in view.text_cue.text()
    view.controls.set_mode("full")
    assert "review rotation" in view.text_full.toPlainText()
    view.controls.set_mode("blind")
    assert view.text_stack.currentWidget() is view.text_blind
    press(qtbot, view, Qt.Key.Key_Space, clock, after=5)
    press(qtbot, view, Qt.Key.Key_Enter, clock, after=5)
    press(qtbot, view, Qt.Key.Key_Return, clock, after=5)
    press(qtbot, view, Qt.Key.Key_Right, clock, after=5)
    press(qtbot, view, Qt.Key.Key_Right)  # next on the last section finishes
    (record,) = bank.rehearsals.list()
    assert record.mode == "blind"
    assert record.section_seconds == [5, 5, 5, 5]


def test_cue_card_editor_suggests_and_saves(qtbot, bank: StoryBank, story_id: int, clock: FakeClock,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from storybook.gui.rehearsal.cue_dialog import CueCardDialog

    def fake_exec(dialog: CueCardDialog) -> int:
        dialog.fill_suggestions()
        dialog.edits[0].setText("Two releases missed")
        return CueCardDialog.DialogCode.Accepted

    monkeypatch.setattr(CueCardDialog, "exec", fake_exec)
    view = make_view(qtbot, bank, story_id, clock, mode="cue")
    view.controls.btn_cues.click()
    cards = bank.stories.get(story_id).cue_cards
    assert cards[0] == "Two releases missed"
    assert 3 <= len(cards) <= 5
    assert "Two releases missed" in view.text_cue.text()


def test_recording_is_saved_with_the_run_and_measured(qtbot, bank: StoryBank, story_id: int, clock: FakeClock,
                                                      tmp_path: Path) -> None:
    wav = burst_wav(tmp_path / "take.wav", [(False, 0.3), (True, 3.0), (False, 2.5), (True, 3.0), (False, 0.2)])
    recorder = WavFileRecorder(wav)
    view = make_view(qtbot, bank, story_id, clock, recorder=recorder)
    assert view.controls.wants_recording()
    press(qtbot, view, Qt.Key.Key_Space, clock, after=4)
    press(qtbot, view, Qt.Key.Key_P, clock, after=50)
    press(qtbot, view, Qt.Key.Key_P, clock, after=5)
    with qtbot.waitSignal(view.analysed, timeout=10_000):
        for _ in range(4):
            press(qtbot, view, Qt.Key.Key_Right)
    assert recorder.calls == ["start", "pause", "resume", "stop"]
    (record,) = bank.rehearsals.list()
    assert Path(record.recording_path).parent == bank.recordings_dir
    assert record.speech_seconds == pytest.approx(6.0, abs=0.1)
    assert record.words == 30
    assert record.wpm == pytest.approx(30 / 6.0 * 60, rel=0.03)
    assert "Recording: Speaking 0:06 of 0:09" in view.summary.label_audio.text()
    assert "1 pause of 2 s or more" in view.summary.label_audio.text()


def test_restart_during_a_recording_discards_it(qtbot, bank: StoryBank, story_id: int, clock: FakeClock,
                                                tmp_path: Path) -> None:
    recorder = WavFileRecorder(burst_wav(tmp_path / "t.wav", [(True, 1.0)]))
    view = make_view(qtbot, bank, story_id, clock, recorder=recorder)
    press(qtbot, view, Qt.Key.Key_Space, clock, after=4)
    press(qtbot, view, Qt.Key.Key_R)
    assert recorder.calls == ["start", "discard"]
    assert not any(bank.recordings_dir.glob("*.wav"))


def test_no_microphone_and_missing_library_messages() -> None:
    assert recording_status(lambda: type("MM", (), {"QMediaDevices": type("D", (), {
        "audioInputs": staticmethod(lambda: [])})})) == (False, NO_MICROPHONE)

    def broken() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")

    available, message = recording_status(broken)
    assert not available
    assert message == "Recording is off: the audio library libpulse.so.0 is missing (install libpulse0)."
    assert "could not load" in missing_library_message(ImportError("no module named QtMultimedia"))


def test_empty_bank_cannot_start(qtbot, bank: StoryBank, clock: FakeClock) -> None:
    view = make_view(qtbot, bank, None, clock)
    press(qtbot, view, Qt.Key.Key_Space)
    assert view.timer.state is TimerState.READY
    assert "Pick a story" in view.label_status.text()


def test_open_rehearsal_window_and_full_screen(qtbot, worker_pool, bank: StoryBank, story_id: int) -> None:
    window = open_rehearsal_window(None, bank, story_id, pool=worker_pool)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.controls.story_id() == story_id
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()


def test_a_huge_and_odd_story_does_not_break_the_view(qtbot, bank: StoryBank, clock: FakeClock) -> None:
    text = ("שלום ✅ \u202eRTL\u202c <b>not bold</b> & " * 20_000)[:1_000_000]
    sid = bank.stories.create(title="Odd \x07 one", situation=text, action="I did it").id
    view = make_view(qtbot, bank, sid, clock)
    assert "<b>not bold</b>" in view.text_full.toPlainText()[:2000]
    press(qtbot, view, Qt.Key.Key_Space, clock, after=1)
    press(qtbot, view, Qt.Key.Key_Right, clock, after=1)
    assert view.timer.section == "task"


def _contrast(a, b) -> float:  # noqa: ANN001 - QColor
    def lum(c) -> float:  # noqa: ANN001
        parts = [v / 255 for v in (c.red(), c.green(), c.blue())]
        parts = [p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_section_bar_labels_read_on_both_sides_of_the_fill(qtbot, dark: bool) -> None:
    from PySide6.QtGui import QPalette

    from storybook.gui.rehearsal.widgets import SectionBars
    from storybook.gui.screenshots import dark_palette

    bars = SectionBars([18, 12, 72, 18])
    qtbot.addWidget(bars)
    if dark:
        bars.setPalette(dark_palette())
    bars.resize(700, bars.sizeHint().height())
    bars.set_progress([20, 10, 30, 0], 2)  # over, most of the way, under half, empty
    base = bars.palette().color(QPalette.ColorRole.Base)
    for index in range(4):
        fill, on_fill, on_empty = bars.bar_colours(index)
        assert _contrast(fill, on_fill) >= 4.5
        assert _contrast(base, on_empty) >= 4.5 or bars.over_budget()[index]
    widths = bars.bar_widths()
    assert sum(widths) <= 700
    label = bars.fontMetrics().horizontalAdvance("0:12 / 0:12")
    assert min(widths) > label  # the narrow Task bar still holds its label


def test_without_a_sound_device_the_sound_switch_is_off_and_says_why(qtbot, bank: StoryBank, story_id: int,
                                                                      clock: FakeClock) -> None:
    view = make_view(qtbot, bank, story_id, clock)
    if view.chime.ready:
        pytest.skip("this machine has a sound output")
    assert not view.controls.check_sound.isEnabled()
    assert "No sound output" in view.controls.check_sound.toolTip()
    assert view.chime.play() is False  # silently nothing, never an error


def test_a_story_purged_during_the_run_is_reported_not_a_crash(qtbot, bank: StoryBank, story_id: int,
                                                              clock: FakeClock) -> None:
    view = make_view(qtbot, bank, story_id, clock)
    press(qtbot, view, Qt.Key.Key_Space, clock, after=30)
    bank.stories.trash(story_id)
    bank.stories.purge(story_id)  # from the main window's trash while the clock runs
    press(qtbot, view, Qt.Key.Key_Escape)
    assert view.pages.currentWidget() is view.summary
    assert view.summary.label_saved.text() == "Not saved: the story is no longer in your bank."
    assert not view.summary.btn_save.isEnabled()
    assert bank.rehearsals.list() == []
