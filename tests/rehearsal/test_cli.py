"""The rehearsal commands: rehearsals, audio-stats and practise-next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.cli import main

from .wavs import burst_wav

PLAN = [(False, 0.5), (True, 1.5), (False, 2.5), (True, 2.5), (False, 0.4)]  # 4.0 s speech, one long pause


def test_audio_stats_json_shape_in_a_real_process(tmp_path: Path) -> None:
    wav = burst_wav(tmp_path / "take.wav", PLAN)
    out = subprocess.run([sys.executable, "-m", "storybook", "audio-stats", str(wav), "--words", "12", "--json"],
                         capture_output=True, text=True, timeout=120, env={**os.environ})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["duration_s", "speech_s", "silence_s", "pauses", "wpm"]
    assert data["duration_s"] == pytest.approx(7.4, abs=0.02)
    assert data["speech_s"] == pytest.approx(4.0, abs=0.2)
    assert data["silence_s"] == pytest.approx(3.4, abs=0.2)
    assert data["pauses"] == [{"start_s": pytest.approx(2.0, abs=0.1), "end_s": pytest.approx(4.5, abs=0.1)}]
    assert data["wpm"] == pytest.approx(180, rel=0.05)


def test_audio_stats_without_words_has_no_wpm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wav = burst_wav(tmp_path / "take.wav", PLAN)
    assert main(["audio-stats", str(wav), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["duration_s", "speech_s", "silence_s", "pauses"]
    assert list(data["pauses"][0]) == ["start_s", "end_s"]
    assert main(["audio-stats", str(wav)]) == 0
    text = capsys.readouterr().out
    assert "Speaking:" in text
    assert "Pace" not in text


def _cut_short(path: Path) -> None:
    burst_wav(path, PLAN)
    path.write_bytes(path.read_bytes()[:20_000])  # the header still promises 7.4 s


def _compressed(path: Path) -> None:
    burst_wav(path, PLAN)
    raw = bytearray(path.read_bytes())
    raw[20:22] = (0x55).to_bytes(2, "little")  # format tag: MPEG layer 3
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(("make", "args", "message"), [
    (lambda p: p.write_bytes(b"hello"), [], "not a WAV"),
    (lambda p: p.write_bytes(b"ID3\x04" + bytes(400)), [], "not a WAV"),
    (lambda p: None, [], "no file"),
    (lambda p: p.mkdir(), [], "is a folder"),
    (_cut_short, [], "cut short"),
    (_compressed, [], "WAV"),
    (lambda p: burst_wav(p, PLAN), ["--words", "-3"], "zero or more"),
])
def test_audio_stats_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], make, args, message) -> None:
    path = tmp_path / "x.wav"
    make(path)
    assert main(["audio-stats", str(path), *args]) == 1
    assert message in capsys.readouterr().err


def test_rehearsals_list(sample_bank: StoryBank, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(sample_bank.path)
    assert main(["--db", db, "rehearsals"]) == 0
    assert "No rehearsals yet" in capsys.readouterr().out
    first, second = sample_bank.stories.list()[:2]
    sample_bank.rehearsals.record(first.id, [15, 10, 70, 15], started_at=datetime(2024, 5, 1, 9), rating=4)
    sample_bank.rehearsals.record(second.id, [5, 0, 0, 0], outcome="aborted", mode="blind")
    assert main(["--db", db, "rehearsals", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["story_id"] for r in data] == [second.id, first.id]
    assert data[1]["section_seconds"] == {"situation": 15, "task": 10, "action": 70, "result": 15}
    assert data[1]["total_seconds"] == 110
    assert main(["--db", db, "rehearsals", "--story", str(first.id)]) == 0
    out = capsys.readouterr().out
    assert first.title in out
    assert "1:50" in out
    assert second.title not in out
    assert main(["--db", db, "rehearsals", "--story", "9999"]) == 1
    assert "no story 9999" in capsys.readouterr().err


def test_practise_next_command(sample_bank: StoryBank, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(sample_bank.path)
    assert main(["--db", db, "practise-next", "--date", "2024-06-10", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == len(sample_bank.stories.list())
    assert all(i["is_due"] and i["reason"] == "Not rehearsed yet." for i in items)
    assert main(["--db", db, "practise-next", "--date", "tomorrow"]) == 1
    assert "--date" in capsys.readouterr().err
