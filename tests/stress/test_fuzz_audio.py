"""Stress: property-based fuzzing of ``audio-stats``: statistics or one AudioError, never another exception."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storybook.rehearsal.audio import AudioError, analyze_wav

from .fuzzing import fuzz_settings, one_clear_line

u16 = st.one_of(st.integers(0, 0xFFFF), st.sampled_from([0, 1, 2, 3, 0xFFFE, 0xFFFF]))
u32 = st.one_of(st.integers(0, 0xFFFFFFFF), st.sampled_from([0, 1, 8000, 16000, 44100, 0x7FFF0000, 0xFFFFFFF0,
                                                             0xFFFFFFFF]))


@st.composite
def wav_files(draw: st.DrawFn) -> bytes:
    tag = draw(st.sampled_from([1, 3, 0xFFFE, 2, draw(u16)]))
    channels = draw(st.one_of(st.integers(0, 3), u16))
    rate = draw(st.one_of(st.sampled_from([0, 8000, 16000]), u32))
    bits = draw(st.sampled_from([0, 8, 12, 16, 24, 32, 48, 64, draw(u16)]))
    align = channels * max(bits, 8) // 8 % 0x10000
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * align % 2**32, align, bits)
    fmt += draw(st.binary(max_size=12))
    data = draw(st.binary(max_size=4000))
    fmt_size = draw(st.one_of(st.just(len(fmt)), u32))
    data_size = draw(st.one_of(st.just(len(data)), u32))
    body = b"WAVE" + b"fmt " + struct.pack("<I", fmt_size) + fmt + b"data" + struct.pack("<I", data_size) + data
    whole = b"RIFF" + struct.pack("<I", len(body)) + body
    cut = draw(st.integers(0, len(whole)))
    return whole[:cut] if draw(st.booleans()) else whole


@fuzz_settings()
@given(data=st.one_of(wav_files(), st.binary(max_size=200)), words=st.one_of(st.none(), st.integers(0, 10**6)))
def test_audio_stats_gives_figures_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                                      words: int | None) -> None:
    path = tmp_path_factory.mktemp("wav") / "take.wav"
    path.write_bytes(data)
    try:
        stats = analyze_wav(path, words=words)
    except AudioError as exc:
        failure = str(exc)
    else:
        failure = None
        assert stats.duration_s >= 0
        assert 0 <= stats.speech_s <= stats.duration_s + 0.01
    assert failure is None or one_clear_line(failure)
