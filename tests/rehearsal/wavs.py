"""Test helpers: WAV files made with numpy and the wave module."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storybook.rehearsal.audio import write_wav

RATE = 16000


def bursts(plan: Sequence[tuple[bool, float]], rate: int = RATE, noise: float = 0.002, seed: int = 7) -> np.ndarray:
    """Tone bursts (True) and silences (False) of the given lengths, over faint room noise."""
    rng = np.random.default_rng(seed)
    parts = []
    for on, seconds in plan:
        n = int(round(rate * seconds))
        t = np.arange(n) / rate
        # a voice-like burst: two partials with a slow wobble in loudness
        tone = (0.35 * np.sin(2 * np.pi * 220 * t) + 0.15 * np.sin(2 * np.pi * 660 * t)) * (0.8 + 0.2 * np.sin(6 * t))
        parts.append(tone if on else np.zeros(n))
    signal = np.concatenate(parts)
    return signal + rng.normal(0.0, noise, len(signal))


def burst_wav(path: Path, plan: Sequence[tuple[bool, float]], rate: int = RATE) -> Path:
    return write_wav(path, bursts(plan, rate), rate)


def float_stereo_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """A 32-bit float, two-channel, WAVE_FORMAT_EXTENSIBLE file (what some recorders write)."""
    stereo = np.repeat(samples.astype("<f4")[:, None], 2, axis=1).tobytes()
    fmt = struct.pack("<HHIIHH", 0xFFFE, 2, rate, rate * 8, 8, 32)
    ext = struct.pack("<HHI", 22, 32, 3) + struct.pack("<H", 3) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    fmt_chunk = b"fmt " + struct.pack("<I", len(fmt + ext)) + fmt + ext
    data_chunk = b"data" + struct.pack("<I", len(stereo)) + stereo
    body = b"WAVE" + fmt_chunk + b"LIST" + struct.pack("<I", 4) + b"INFO" + data_chunk
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path
