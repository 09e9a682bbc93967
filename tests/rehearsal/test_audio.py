"""Audio analysis on WAVs made in the test: tone bursts with known silences, and espeak-ng speech."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from storybook.rehearsal.audio import AudioError, analyze_samples, analyze_wav, read_wav, soft_chime, write_wav

from .wavs import RATE, burst_wav, bursts, float_stereo_wav

# 0.7 s lead-in, then speech 1.0 / pause 2.5 / speech 1.5 / gap 0.8 / speech 1.0 / pause 3.0 / speech 0.5, tail 1.0
PLAN = [(False, 0.7), (True, 1.0), (False, 2.5), (True, 1.5), (False, 0.8), (True, 1.0), (False, 3.0),
        (True, 0.5), (False, 1.0)]
SPEECH = 4.0
DURATION = 12.0

STORY = (
    "When our payments team missed its second release in a row, I offered to lead the recovery. "
    "I interviewed every engineer, mapped the blocked work, and found that reviews waited three days on average. "
    "I set up a daily review rotation and paired new people with senior reviewers. "
    "Within six weeks we shipped on time again, and review waits fell to under a day. "
    "I learned that a slow process hurts a team more than a slow person does."
)


def test_tone_bursts_speech_and_pauses_within_a_tenth(tmp_path: Path) -> None:
    stats = analyze_wav(burst_wav(tmp_path / "bursts.wav", PLAN))
    assert stats.duration_s == pytest.approx(DURATION, abs=0.02)
    assert stats.speech_s == pytest.approx(SPEECH, abs=0.1)
    assert stats.silence_s == pytest.approx(DURATION - SPEECH, abs=0.1)
    assert len(stats.pauses) == 2  # the 0.8 s gap is not a long pause; lead-in and tail are not pauses
    (p1, p2) = stats.pauses
    assert (p1.start_s, p1.end_s) == (pytest.approx(1.7, abs=0.1), pytest.approx(4.2, abs=0.1))
    assert (p2.start_s, p2.end_s) == (pytest.approx(7.5, abs=0.1), pytest.approx(10.5, abs=0.1))
    assert stats.wpm is None


def test_words_give_the_pace(tmp_path: Path) -> None:
    stats = analyze_wav(burst_wav(tmp_path / "b.wav", PLAN), words=10)
    assert stats.wpm == pytest.approx(10 / SPEECH * 60, rel=0.03)
    assert stats.to_json()["wpm"] == pytest.approx(150, abs=5)


def test_json_shape(tmp_path: Path) -> None:
    data = analyze_wav(burst_wav(tmp_path / "b.wav", PLAN)).to_json()
    assert set(data) == {"duration_s", "speech_s", "silence_s", "pauses"}
    assert set(data["pauses"][0]) == {"start_s", "end_s"}


def test_loud_room_noise_is_not_speech(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    signal = bursts(PLAN) + rng.normal(0, 0.02, int(DURATION * RATE))  # a fan, about -34 dB
    stats = analyze_samples(signal, RATE)
    assert stats.speech_s == pytest.approx(SPEECH, abs=0.15)


def test_float_stereo_extensible_wav_reads_the_same(tmp_path: Path) -> None:
    samples = bursts(PLAN, rate=22050)
    stats = analyze_wav(float_stereo_wav(tmp_path / "f.wav", samples, 22050))
    assert stats.speech_s == pytest.approx(SPEECH, abs=0.1)
    assert len(stats.pauses) == 2


@pytest.mark.parametrize("width", [1, 3, 4])
def test_other_pcm_widths(tmp_path: Path, width: int) -> None:
    samples = bursts(PLAN)
    ints = np.round(np.clip(samples, -1, 1) * (2 ** (8 * width - 1) - 1)).astype(np.int64)
    if width == 1:
        raw = (ints + 128).astype(np.uint8).tobytes()
    else:
        raw = b"".join(int(v).to_bytes(width, "little", signed=True) for v in ints)
    with wave.open(str(tmp_path / "w.wav"), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(width)
        handle.setframerate(RATE)
        handle.writeframes(raw)
    assert analyze_wav(tmp_path / "w.wav").speech_s == pytest.approx(SPEECH, abs=0.1)


def test_silence_only_and_empty_files(tmp_path: Path) -> None:
    quiet = analyze_wav(write_wav(tmp_path / "q.wav", np.zeros(RATE * 3), RATE), words=50)
    assert quiet.speech_s == 0
    assert quiet.silence_s == pytest.approx(3)
    assert quiet.wpm is None
    empty = analyze_wav(write_wav(tmp_path / "e.wav", np.zeros(0), RATE))
    assert empty.duration_s == 0
    assert empty.pauses == []


@pytest.mark.parametrize("content", [b"", b"not a wav at all", b"RIFF\x00\x00\x00\x00WAVEfmt "])
def test_bad_files_give_a_clear_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError):
        analyze_wav(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="no file"):
        analyze_wav(tmp_path / "nope.wav")


def test_chime_is_soft_and_round_trips(tmp_path: Path) -> None:
    chime = soft_chime()
    assert 0 < np.abs(chime).max() <= 0.25
    samples, rate = read_wav(write_wav(tmp_path / "c.wav", chime, 22050))
    assert rate == 22050
    assert len(samples) == len(chime)


def _espeak(tmp_path: Path, rate: int) -> Path:
    out = tmp_path / f"speech-{rate}.wav"
    subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(out), STORY], check=True, capture_output=True, timeout=60)
    return out


def _sox_trimmed_seconds(path: Path) -> float:
    """Length of the speech with leading and trailing silence cut by sox, an independent tool."""
    trimmed = path.with_name("trimmed.wav")
    subprocess.run(["sox", str(path), str(trimmed), "silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02",
                    "1%", "reverse"], check=True, capture_output=True, timeout=60)
    with wave.open(str(trimmed)) as handle:
        return handle.getnframes() / handle.getframerate()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_speech_pace_is_within_15_percent(tmp_path: Path) -> None:
    words = len(STORY.split())
    if shutil.which("sox") is None:
        pytest.skip("sox is not installed")
    wav = _espeak(tmp_path, 140)
    truth = words / _sox_trimmed_seconds(wav) * 60
    stats = analyze_wav(wav, words=words)
    assert stats.wpm == pytest.approx(truth, rel=0.15)
    assert stats.pauses == []  # fluent speech has no two-second pause


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_twice_as_fast_measures_about_twice_the_pace(tmp_path: Path) -> None:
    words = len(STORY.split())
    slow = analyze_wav(_espeak(tmp_path, 100), words=words).wpm
    fast = analyze_wav(_espeak(tmp_path, 200), words=words).wpm
    assert slow is not None
    assert fast is not None
    assert fast / slow == pytest.approx(2.0, rel=0.15)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_with_a_long_pause(tmp_path: Path) -> None:
    first = _espeak(tmp_path, 160)
    samples, rate = read_wav(first)
    gap = np.zeros(int(rate * 3.0))
    joined = write_wav(tmp_path / "joined.wav", np.concatenate([samples, gap, samples]), rate)
    alone = analyze_wav(first)
    both = analyze_wav(joined)
    assert both.speech_s == pytest.approx(2 * alone.speech_s, rel=0.02)
    assert len(both.pauses) == 1
    assert both.pauses[0].duration_s >= 3.0
