"""Rehearsal: what a WAV recording says about a run (numpy and the ``wave`` module, no Qt).

Voice activity is energy based: the file is cut into 10 ms frames, a frame is speech when its level is
well above the quiet floor of the recording, gaps shorter than a breath are bridged, and clicks shorter
than a syllable are dropped. Speaking time is what the pace is measured against; pauses are the silent
gaps between speech of at least two seconds (silence before the first word and after the last is not a
pause, it is the user getting ready or reaching for the stop key).
"""

from __future__ import annotations

import logging
import struct
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from storybook.model.measures import words_per_minute

log = logging.getLogger(__name__)

FRAME_S = 0.01
BRIDGE_S = 0.35  # gaps between words and short breaths still count as speaking
MIN_SPEECH_S = 0.06  # shorter bursts are clicks or bumps
PAUSE_S = 2.0
FLOOR_DB = -60.0  # nothing quieter than this is speech, however quiet the room
BELOW_PEAK_DB = 30.0  # nor anything this far under the loud parts
ABOVE_NOISE_DB = 12.0  # and speech stands clearly above the room noise
CHUNK_FRAMES = 6000  # 60 s of audio read at a time, so an hour-long file does not fill memory
_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE
_STREAMING_SIZES = (0x7FFF0000, 0x7FFFFFFF)  # writers that cannot seek back put a placeholder size in this range,
_STREAMING_MAX = 0xFFFFFFFF  # or the largest size there is
MAX_RATE = 1_000_000  # no recorder samples faster; a bigger number is a damaged header
MAX_CHANNELS = 64


class AudioError(ValueError):
    """A file that cannot be read as a WAV recording, with a message fit for a user."""


@dataclass(frozen=True)
class Pause:
    """Rehearsal: one silent gap of at least two seconds between stretches of speech."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass
class AudioStats:
    """Rehearsal: length, speaking time, silence and long pauses of one recording."""

    duration_s: float
    speech_s: float
    silence_s: float
    pauses: list[Pause] = field(default_factory=list)
    wpm: float | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "duration_s": round(self.duration_s, 2),
            "speech_s": round(self.speech_s, 2),
            "silence_s": round(self.silence_s, 2),
            "pauses": [{"start_s": round(p.start_s, 2), "end_s": round(p.end_s, 2)} for p in self.pauses],
        }
        if self.wpm is not None:
            data["wpm"] = round(self.wpm, 1)
        return data


# ---- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Format:
    channels: int
    rate: int
    width: int  # bytes per sample
    is_float: bool
    frames: int


def _decode(raw: bytes, fmt: _Format) -> np.ndarray:
    """Bytes to mono float samples in -1..1 (a trailing partial frame is dropped)."""
    raw = raw[: len(raw) - len(raw) % (fmt.width * fmt.channels)]
    if fmt.is_float:
        data = np.frombuffer(raw, dtype="<f4" if fmt.width == 4 else "<f8").astype(np.float32)
    elif fmt.width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif fmt.width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif fmt.width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        data = ints.astype(np.float32) / float(1 << 23)
    else:
        data = np.frombuffer(raw, dtype="<i4").astype(np.float32) / float(1 << 31)
    usable = len(data) - len(data) % fmt.channels
    return data[:usable].reshape(-1, fmt.channels).mean(axis=1)


def _chunks_wave(path: Path, block: int) -> tuple[_Format, Iterator[np.ndarray]] | None:
    try:
        handle = wave.open(str(path), "rb")  # noqa: SIM115  (closed by the block generator)
    except wave.Error as exc:
        if "unknown format" in str(exc):
            return None  # float or extensible: read by hand below
        raise AudioError(f"{path.name} is not a WAV file this app can read ({exc}).") from exc
    fmt = _Format(handle.getnchannels(), handle.getframerate(), handle.getsampwidth(), False, handle.getnframes())
    chunk = getattr(handle, "_data_chunk", None)  # the wave module keeps the data chunk's declared size here
    try:
        _check_format(fmt, path.name)
        _check_data_size(int(getattr(chunk, "chunksize", 0) or 0), fmt, path.name)
    except AudioError:
        handle.close()
        raise

    def blocks() -> Iterator[np.ndarray]:
        with handle:
            while raw := handle.readframes(block):
                yield _decode(raw, fmt)

    return fmt, blocks()


def _read_fmt_chunk(body: bytes, path: Path) -> tuple[int, int, int, int]:
    tag, channels, rate, _rate_bytes, _align, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == _EXTENSIBLE and len(body) >= 26:
        tag = struct.unpack("<H", body[24:26])[0]
    if tag not in (_PCM, _FLOAT) or channels < 1 or rate < 1 or bits not in (8, 16, 24, 32, 64):
        raise AudioError(f"{path.name} holds compressed or unusual audio; record or convert it to plain PCM WAV.")
    return tag, channels, rate, bits


def _riff_format(handle: BinaryIO, path: Path) -> tuple[_Format, int]:
    """Walk the chunks up to ``data``; return the checked format and the data chunk's declared size."""
    header = handle.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        raise AudioError(f"{path.name} is not a WAV file.")
    info: tuple[int, int, int, int] | None = None
    while True:
        head = handle.read(8)
        if len(head) < 8:
            raise AudioError(f"{path.name} has no audio data.")
        name, size = head[:4], struct.unpack("<I", head[4:])[0]
        if name == b"fmt ":
            info = _read_fmt_chunk(handle.read(size + size % 2), path)
        elif name == b"data":
            break
        else:
            handle.seek(size + size % 2, 1)
    if info is None:
        raise AudioError(f"{path.name} has no format description.")
    tag, channels, rate, bits = info
    fmt = _Format(channels, rate, bits // 8, tag == _FLOAT, size // (bits // 8 * channels))
    if fmt.is_float and fmt.width not in (4, 8):
        raise AudioError(f"{path.name} holds {bits}-bit floating-point audio, which is not a standard WAV format.")
    _check_format(fmt, path.name)
    _check_data_size(size, fmt, path.name)
    return fmt, size


def _chunks_riff(path: Path, block: int) -> tuple[_Format, Iterator[np.ndarray]]:
    """A minimal RIFF reader for what Python 3.11's ``wave`` refuses: float and extensible WAVs."""
    handle: BinaryIO = path.open("rb")
    try:
        fmt, _size = _riff_format(handle, path)
    except BaseException:
        handle.close()
        raise
    width, channels = fmt.width, fmt.channels

    def blocks() -> Iterator[np.ndarray]:
        remaining = fmt.frames * width * channels
        with handle:
            while remaining > 0 and (raw := handle.read(min(remaining, block * width * channels))):
                remaining -= len(raw)
                yield _decode(raw[: len(raw) - len(raw) % (width * channels)], fmt)

    return fmt, blocks()


def _check_format(fmt: _Format, name: str) -> None:
    """Refuse header values no recording has (they would divide by zero or allocate absurd amounts)."""
    if not 1 <= fmt.rate <= MAX_RATE:
        raise AudioError(f"{name} has a sample rate of {fmt.rate} Hz in its header; the file is damaged.")
    if not 1 <= fmt.channels <= MAX_CHANNELS:
        raise AudioError(f"{name} says it has {fmt.channels} channels; the file is damaged or not a recording.")
    if fmt.width not in (1, 2, 3, 4, 8) or (fmt.width == 8 and not fmt.is_float):
        raise AudioError(f"{name} uses {fmt.width * 8}-bit samples; record or convert it to 16-bit PCM WAV.")


def _check_data_size(data_bytes: int, fmt: _Format, name: str) -> None:
    frame = fmt.width * fmt.channels
    if data_bytes % frame and not _is_streamed(data_bytes):
        raise AudioError(f"{name} is damaged: its audio data ({data_bytes} bytes) is not a whole number of "
                         f"{frame}-byte sample frames.")


def _is_streamed(data_bytes: int) -> bool:
    """A placeholder data size: the writer could not go back to fill in the length."""
    return _STREAMING_SIZES[0] <= data_bytes <= _STREAMING_SIZES[1] or data_bytes == _STREAMING_MAX


def _checked(blocks: Iterator[np.ndarray], fmt: _Format, name: str) -> Iterator[np.ndarray]:
    """Pass the blocks on, then refuse a file that holds less audio than its header promises."""
    got = 0
    try:
        for block in blocks:
            got += len(block)
            yield block
    except (EOFError, struct.error, RuntimeError, wave.Error, ValueError) as exc:
        raise AudioError(f"{name} is cut short or damaged ({str(exc) or type(exc).__name__}).") from exc
    streamed = _is_streamed(fmt.frames * fmt.width * fmt.channels)  # length unknown when written
    if got + 1 < fmt.frames and not streamed and fmt.rate > 0:
        raise AudioError(f"{name} is cut short or damaged: its header promises {fmt.frames / fmt.rate:.1f} s "
                         f"of audio, but the file holds {got / fmt.rate:.1f} s.")


def _open_blocks(path: Path, block_frames: int) -> tuple[_Format, Iterator[np.ndarray]]:
    path = Path(path)
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a WAV file.")
    if not path.is_file():
        raise AudioError(f"There is no file {path}.")
    with path.open("rb") as handle:
        header = handle.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        raise AudioError(f"{path.name} is not a WAV file (it does not start with a RIFF/WAVE header).")
    try:
        fmt, blocks = _chunks_wave(path, block_frames) or _chunks_riff(path, block_frames)
    except (EOFError, struct.error, RuntimeError, ValueError) as exc:
        if isinstance(exc, AudioError):
            raise
        raise AudioError(f"{path.name} is cut short or damaged ({str(exc) or type(exc).__name__}).") from exc
    return fmt, _checked(blocks, fmt, path.name)


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """The whole file as mono float32 samples in -1..1, and its sample rate."""
    fmt, blocks = _open_blocks(Path(path), 1 << 20)
    parts = list(blocks)
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)), fmt.rate


def write_wav(path: str | Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono float samples (-1..1) as 16-bit PCM."""
    path = Path(path)
    pcm = (np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(int(rate))
        handle.writeframes(pcm.tobytes())
    return path


# ---- analysis --------------------------------------------------------------------------------
def frame_levels_db(samples: np.ndarray, rate: int, frame_s: float = FRAME_S) -> np.ndarray:
    """RMS level of each frame in dB relative to full scale (silence is -120 dB)."""
    size = max(1, int(round(rate * frame_s)))
    count = len(samples) // size
    if count == 0:
        return np.zeros(0)
    frames = np.asarray(samples[: count * size], dtype=np.float64).reshape(count, size)
    frames = frames - frames.mean(axis=1, keepdims=True)  # a DC offset is not a voice
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    return 20.0 * np.log10(np.maximum(rms, 1e-6))


def _wav_levels(path: Path) -> tuple[np.ndarray, float]:
    fmt, blocks = _open_blocks(path, 1 << 18)
    size = max(1, int(round(fmt.rate * FRAME_S)))
    levels: list[np.ndarray] = []
    carry = np.zeros(0, dtype=np.float32)
    samples = 0
    for chunk in blocks:
        samples += len(chunk)
        data = np.concatenate([carry, chunk]) if len(carry) else chunk
        whole = len(data) - len(data) % size
        levels.append(frame_levels_db(data[:whole], fmt.rate))
        carry = data[whole:]
    return (np.concatenate(levels) if levels else np.zeros(0)), samples / fmt.rate


def speech_threshold_db(levels: np.ndarray) -> float:
    """The level above which a frame counts as speech, from this recording's own quiet and loud parts."""
    if len(levels) == 0:
        return 0.0
    noise = float(np.percentile(levels, 10))
    peak = float(np.percentile(levels, 99))
    return max(FLOOR_DB, noise + ABOVE_NOISE_DB, peak - BELOW_PEAK_DB)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (exclusive) frame of every run of True."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def speech_segments(levels: np.ndarray, frame_s: float = FRAME_S) -> list[tuple[float, float]]:
    """Stretches of speech in seconds, with short gaps bridged and clicks dropped."""
    runs = _runs(levels > speech_threshold_db(levels))
    bridge = int(round(BRIDGE_S / frame_s))
    merged: list[list[int]] = []
    for start, end in runs:
        if merged and start - merged[-1][1] <= bridge:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    shortest = int(round(MIN_SPEECH_S / frame_s))
    return [(a * frame_s, b * frame_s) for a, b in merged if b - a >= shortest]


def stats_from_levels(levels: np.ndarray, duration_s: float, words: int | None = None,
                      frame_s: float = FRAME_S, pause_s: float = PAUSE_S) -> AudioStats:
    segments = speech_segments(levels, frame_s)
    speech = float(sum(b - a for a, b in segments))
    pauses = [Pause(round(prev[1], 3), round(nxt[0], 3)) for prev, nxt in zip(segments, segments[1:], strict=False)
              if nxt[0] - prev[1] >= pause_s]
    wpm = None
    if words is not None:
        if words < 0:
            raise ValueError("The number of words cannot be negative.")
        wpm = words_per_minute(words, speech)
    return AudioStats(duration_s=round(duration_s, 3), speech_s=round(speech, 3),
                      silence_s=round(max(0.0, duration_s - speech), 3), pauses=pauses, wpm=wpm)


def analyze_samples(samples: np.ndarray, rate: int, words: int | None = None) -> AudioStats:
    """Statistics of mono samples already in memory."""
    if rate <= 0:
        raise AudioError("The sample rate must be positive.")
    return stats_from_levels(frame_levels_db(samples, rate), len(samples) / rate, words)


def analyze_wav(path: str | Path, words: int | None = None) -> AudioStats:
    """Statistics of a WAV file, read in chunks; ``wpm`` only when ``words`` is given."""
    levels, duration = _wav_levels(Path(path))
    stats = stats_from_levels(levels, duration, words)
    log.debug("Analysed %s: %.1f s, %.1f s speech", path, stats.duration_s, stats.speech_s)
    return stats


def soft_chime(rate: int = 22050, seconds: float = 0.35, pitch_hz: float = 660.0) -> np.ndarray:
    """A quiet two-note chime with smooth edges, for the zone sound (no file ships with the app)."""
    t = np.arange(int(rate * seconds)) / rate
    envelope = np.sin(np.pi * t / seconds) ** 2
    tone = np.sin(2 * np.pi * pitch_hz * t) + 0.5 * np.sin(2 * np.pi * pitch_hz * 1.5 * t)
    return (0.18 * envelope * tone / 1.5).astype(np.float32)
