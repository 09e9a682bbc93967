"""RehearsalService on a real database: saving runs, recordings, ratings, pace, stats and purges."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.rehearsal.schedule import local_day
from storybook.store.errors import NotFoundError

from .wavs import burst_wav

PLAN = [(False, 0.5), (True, 2.0), (False, 0.6), (True, 2.0), (False, 0.5)]  # 4.0 s of "speech"


@pytest.fixture
def story_id(bank: StoryBank) -> int:
    words = " ".join(["word"] * 10)
    return bank.stories.create(title="Release rescue", situation=words, task=words, action=words, result=words).id


def test_record_and_read_back(bank: StoryBank, story_id: int) -> None:
    started = datetime(2024, 5, 1, 9, 30)
    saved = bank.rehearsals.record(story_id, [10, 8, 70.5, 20], started_at=started, mode="cue", rating=4, note="good")
    again = bank.rehearsals.get(saved.id)
    assert again.section_seconds == [10, 8, 70.5, 20]
    assert again.total_seconds == pytest.approx(108.5)
    assert (again.target_seconds, again.limit_seconds) == (120, 180)  # from the settings
    assert again.started_at == started.astimezone()  # naive means local; it comes back aware
    assert (again.mode, again.rating, again.note, again.outcome) == ("cue", 4, "good", "finished")
    assert again.story_title == "Release rescue"
    assert again.words == 40
    assert again.had_story


def test_record_is_in_the_table_as_the_schema_says(bank: StoryBank, story_id: int) -> None:
    saved = bank.rehearsals.record(story_id, [1, 2, 3, 4])
    con = sqlite3.connect(bank.path)
    row = con.execute("SELECT section_seconds, total_seconds, mode FROM rehearsal WHERE id=?", (saved.id,)).fetchone()
    con.close()
    assert row == ("[1.0, 2.0, 3.0, 4.0]", 10.0, "full")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"section_seconds": [1, 2, 3]}, "four|4 section"),
    ({"section_seconds": [1, 2, 3, -4]}, "between"),
    ({"mode": "karaoke"}, "mode"),
    ({"outcome": "won"}, "outcome"),
    ({"rating": 6}, "1 to 5"),
    ({"rating": 2.5}, "1 to 5"),
])
def test_bad_input_is_refused_with_a_message(bank: StoryBank, story_id: int, kwargs: dict, message: str) -> None:
    args = {"section_seconds": [1, 2, 3, 4], **kwargs}
    with pytest.raises(ValueError, match=message):
        bank.rehearsals.record(story_id, args.pop("section_seconds"), **args)
    assert bank.rehearsals.list() == []


def test_unknown_story_or_question(bank: StoryBank) -> None:
    with pytest.raises(NotFoundError):
        bank.rehearsals.record(999, [1, 1, 1, 1])
    with pytest.raises(NotFoundError):
        bank.rehearsals.get(42)


def test_note_with_anything_in_it(bank: StoryBank, story_id: int) -> None:
    note = "Bien ✅ \u202eRTL\u202c שלום \x00\x07 " + "x" * 20_000
    saved = bank.rehearsals.record(story_id, [1, 1, 1, 1])
    updated = bank.rehearsals.update_rating(saved.id, 5, note)
    assert updated.rating == 5
    assert updated.note.startswith("Bien ✅")
    assert "\x00" not in updated.note
    assert len(updated.note) == 10_000


def test_drill_without_a_story(bank: StoryBank) -> None:
    question = bank.questions.list()[0]
    saved = bank.rehearsals.record(None, [0, 0, 30, 0], question_id=question.id, mode="blind")
    assert saved.story_id is None
    assert not saved.had_story
    assert saved.question_text == question.text


def test_recording_is_moved_measured_and_private(bank: StoryBank, story_id: int, tmp_path: Path) -> None:
    wav = burst_wav(tmp_path / "take.wav", PLAN)
    saved = bank.rehearsals.record(story_id, [5, 5, 20, 5], recording=wav)
    path = Path(saved.recording_path)
    assert path.parent == bank.recordings_dir
    assert path.is_file()
    assert not wav.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(bank.recordings_dir.stat().st_mode) == 0o700
    assert saved.speech_seconds == pytest.approx(4.0, abs=0.1)
    assert saved.wpm == pytest.approx(40 / 4.0 * 60, rel=0.03)


def test_delete_removes_the_recording(bank: StoryBank, story_id: int, tmp_path: Path) -> None:
    saved = bank.rehearsals.record(story_id, [1, 1, 1, 1], recording=burst_wav(tmp_path / "a.wav", PLAN))
    path = Path(saved.recording_path)
    bank.rehearsals.delete(saved.id)
    assert not path.exists()
    assert bank.rehearsals.list() == []
    with pytest.raises(NotFoundError):
        bank.rehearsals.delete(saved.id)


def test_purged_story_loses_runs_and_recordings(bank: StoryBank, story_id: int, tmp_path: Path) -> None:
    other = bank.stories.create(title="Other", action="I did it").id
    mine = bank.rehearsals.record(story_id, [1, 1, 1, 1], recording=burst_wav(tmp_path / "a.wav", PLAN))
    kept = bank.rehearsals.record(other, [1, 1, 1, 1], recording=burst_wav(tmp_path / "b.wav", PLAN))
    bank.stories.trash(story_id)
    assert Path(mine.recording_path).exists()  # the trash can be restored: the recording stays
    bank.stories.purge(story_id)
    assert not Path(mine.recording_path).exists()
    assert Path(kept.recording_path).exists()
    assert [r.id for r in bank.rehearsals.list()] == [kept.id]


def test_emptying_the_trash_removes_recordings(bank: StoryBank, story_id: int, tmp_path: Path) -> None:
    mine = bank.rehearsals.record(story_id, [1, 1, 1, 1], recording=burst_wav(tmp_path / "a.wav", PLAN))
    bank.stories.trash(story_id)
    assert bank.stories.empty_trash() == 1
    assert not Path(mine.recording_path).exists()
    assert bank.rehearsals.list() == []


def test_a_purge_spares_a_take_still_being_recorded(bank: StoryBank, story_id: int) -> None:
    other = bank.stories.create(title="Other", action="I did it").id
    recording_now = bank.rehearsals.new_recording_path(other)  # the recorder writes here; no row points at it yet
    recording_now.write_bytes(b"RIFF")
    bank.stories.trash(story_id)
    bank.stories.purge(story_id)
    assert recording_now.exists()


def test_orphan_files_are_pruned(bank: StoryBank, story_id: int, tmp_path: Path) -> None:
    saved = bank.rehearsals.record(story_id, [1, 1, 1, 1], recording=burst_wav(tmp_path / "a.wav", PLAN))
    stray = bank.rehearsals.new_recording_path(story_id)
    stray.write_bytes(b"left by a crash")
    assert bank.rehearsals.prune_orphans() == 1
    assert not stray.exists()
    assert Path(saved.recording_path).exists()


def _paced_run(bank: StoryBank, story_id: int, wpm: float, when: datetime) -> None:
    saved = bank.rehearsals.record(story_id, [10, 10, 60, 10], started_at=when)
    path = bank.rehearsals.new_recording_path(story_id)
    path.write_bytes(b"RIFF")
    bank.rehearsals.attach_recording(saved.id, path, analyze=False)
    from storybook.rehearsal.audio import AudioStats

    bank.rehearsals.set_audio_stats(saved.id, AudioStats(60, 30, 30, wpm=wpm))


def test_personal_pace_needs_three_recorded_runs(bank: StoryBank, story_id: int) -> None:
    start = datetime(2024, 5, 1)
    assert bank.rehearsals.personal_pace() is None
    bank.rehearsals.record(story_id, [1, 1, 1, 1])  # no recording: does not count
    _paced_run(bank, story_id, 130, start)
    _paced_run(bank, story_id, 140, start + timedelta(days=1))
    assert bank.rehearsals.personal_pace() is None
    _paced_run(bank, story_id, 170, start + timedelta(days=2))
    assert bank.rehearsals.personal_pace() == 140
    settings, source = bank.effective_settings()
    assert (settings.pace_wpm, source) == (140, "measured")


def test_personal_pace_ignores_nonsense_and_old_runs(bank: StoryBank, story_id: int) -> None:
    start = datetime(2024, 1, 1)
    for day in range(10):
        _paced_run(bank, story_id, 100, start + timedelta(days=day))
    for day in range(10, 20):
        _paced_run(bank, story_id, 160, start + timedelta(days=day))
    _paced_run(bank, story_id, 900, start + timedelta(days=30))  # a recording of silence and a cough
    assert bank.rehearsals.personal_pace() == 160


def test_stats_for_story(bank: StoryBank, story_id: int) -> None:
    assert bank.rehearsals.stats_for_story(story_id).runs == 0
    day = datetime(2024, 5, 1)
    bank.rehearsals.record(story_id, [20, 20, 100, 50], started_at=day)  # 190 s: over the limit
    near = bank.rehearsals.record(story_id, [18, 12, 75, 20], started_at=day + timedelta(days=1))  # 125 s
    last = bank.rehearsals.record(story_id, [10, 10, 50, 10], started_at=day + timedelta(days=2))  # 80 s
    bank.rehearsals.record(story_id, [5, 0, 0, 0], started_at=day + timedelta(days=3), outcome="aborted")
    stats = bank.rehearsals.stats_for_story(story_id)
    assert stats.runs == 4
    assert stats.last.outcome == "aborted"
    assert stats.best.id == near.id
    assert stats.average == pytest.approx((190 + 125 + 80) / 3)
    assert last.id in [r.id for r in bank.rehearsals.list(story_id)]
    assert [local_day(r.started_at).day for r in bank.rehearsals.list(story_id)] == [4, 3, 2, 1]
