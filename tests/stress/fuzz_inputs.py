"""Test helpers: a table of bad inputs for the CLI (JSON and Markdown imports, analyze, audio-stats).

Each case writes its file(s) into a folder and names the CLI arguments; every one of them must give one
clear line on stderr and a non-zero exit, and leave the database as it was.
"""

from __future__ import annotations

import copy
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIG = 10**30
TOO_LONG = 2_000_001


@dataclass(frozen=True)
class BadInput:
    """One bad input: a name, the command, and a function that writes the file and returns its arguments."""

    name: str
    command: str
    write: Callable[[Path], list[str]]


def base_payload() -> dict[str, Any]:
    """A valid bank file with one custom competency, question, story, target and rehearsal."""
    return {
        "format": "storybook-export", "version": 1,
        "competencies": [{"key": "negotiation", "name": "Negotiation", "description": "Reaching terms"}],
        "questions": [{"ref": "own:1", "text": "Tell me about a deal you closed.", "assesses": "", "key_points": [],
                       "competencies": ["negotiation"], "builtin": False, "edited": False, "hidden": False}],
        "stories": [{"ref": "story:1", "title": "Fuzz base story", "situation": "S", "task": "T", "action": "A",
                     "result": "R", "reflection": "", "short_version": "", "notes": "", "status": "draft",
                     "cue_cards": ["one"], "competencies": ["leadership"], "tags": ["fuzz"],
                     "questions": [{"question": "own:1", "text": "Tell me about a deal you closed.", "note": ""}],
                     "sample_key": None, "created_at": "2024-01-02T03:04:05+00:00",
                     "updated_at": "2024-01-02T03:04:05+00:00", "deleted_at": None}],
        "targets": [{"company": "Fuzzco", "role": "Lead", "interview_at": "2031-01-01T09:00:00+00:00",
                     "interviewers": "", "notes": "", "questions_to_ask": ["a?"], "questions": ["own:1"],
                     "competencies": {"leadership": 3}, "stories": ["story:1"],
                     "created_at": None, "updated_at": None}],
        "rehearsals": [{"story": "story:1", "question": "own:1", "started_at": "2024-02-03T04:05:06+00:00",
                        "section_seconds": [10, 10, 60, 20], "total_seconds": 100.0, "target_seconds": 120,
                        "limit_seconds": 180, "mode": "full", "outcome": "finished", "rating": 4, "note": "",
                        "recording_path": None, "had_story": True, "words": 300, "speech_seconds": 90.0,
                        "wpm": 150.0}],
    }


def _json_case(name: str, change: Callable[[dict[str, Any]], None]) -> BadInput:
    def write(folder: Path) -> list[str]:
        payload = copy.deepcopy(base_payload())
        change(payload)
        path = folder / "bank.json"
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
        return [str(path)]

    return BadInput(name, "import-json", write)


def _raw_case(name: str, command: str, data: bytes, suffix: str) -> BadInput:
    def write(folder: Path) -> list[str]:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        return [str(path)]

    return BadInput(name, command, write)


def _set(section: str, key: str, value: Any, index: int = 0) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        payload[section][index][key] = value

    return change


def _top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        payload[key] = value

    return change


def _raw_json(text: str) -> bytes:
    return text.encode("utf-8")


def _with_invalid_byte() -> bytes:
    text = json.dumps(base_payload(), ensure_ascii=False).replace("Fuzz base story", "Caf\u00e9 story")
    return text.encode("utf-8").replace("\u00e9".encode(), b"\xe9")


def _json_cases() -> list[BadInput]:
    rehearsal_bad = {
        "rating 10^30": ("rating", BIG), "words 10^30": ("words", BIG), "section_seconds 'abc'": ("section_seconds", "abc"),
        "section_seconds two values": ("section_seconds", [1, 2]), "section_seconds negative": ("section_seconds", [-5, 1, 1, 1]),
        "section_seconds nulls": ("section_seconds", [None, 1, 1, 1]), "section_seconds 10^30": ("section_seconds", [BIG, 1, 1, 1]),
        "total_seconds Infinity": ("total_seconds", float("inf")), "total_seconds -Infinity": ("total_seconds", float("-inf")),
        "total_seconds NaN": ("total_seconds", float("nan")), "total_seconds 'abc'": ("total_seconds", "abc"),
        "total_seconds negative": ("total_seconds", -3), "mode 'sprint'": ("mode", "sprint"), "mode 7": ("mode", 7),
        "outcome 'exploded'": ("outcome", "exploded"), "rating 9": ("rating", 9), "rating 0": ("rating", 0),
        "rating 2.5": ("rating", 2.5), "rating true": ("rating", True), "rating 'four'": ("rating", "four"),
        "target_seconds -1": ("target_seconds", -1), "limit_seconds 10^30": ("limit_seconds", BIG),
        "speech_seconds Infinity": ("speech_seconds", float("inf")), "wpm NaN": ("wpm", float("nan")),
        "wpm -1": ("wpm", -1), "had_story 'yes'": ("had_story", "yes"), "recording_path 5": ("recording_path", 5),
        "rehearsal started_at 'soon'": ("started_at", "soon"), "rehearsal note list": ("note", ["x"]),
        "rehearsal story ref object": ("story", {"a": 1}),
    }
    story_bad = {
        "story title 123": ("title", 123), "story action list": ("action", ["I did"]),
        "story action object": ("action", {"text": "I did"}), "story competencies string": ("competencies", "leadership"),
        "story competencies [null]": ("competencies", [None]), "story competencies [object]": ("competencies", [{"a": 1}]),
        "story tags object": ("tags", {"x": 1}), "story cue_cards string": ("cue_cards", "abc"),
        "story created_at 'yesterday'": ("created_at", "yesterday"), "story created_at 12345": ("created_at", 12345),
        "story deleted_at 'later'": ("deleted_at", "later"), "story status 5": ("status", 5),
        "story questions string": ("questions", "abc"), "story questions [null]": ("questions", [None]),
        "story question note list": ("questions", [{"question": "own:1", "note": ["x"]}]),
        "story ref object": ("ref", {}), "story title lone surrogate": ("title", "bad \ud800 text"),
        "story action 2,000,001 characters": ("action", "a" * TOO_LONG),
        "story title 10^30": ("title", BIG), "story sample_key list": ("sample_key", [1]),
    }
    target_bad = {
        "target competencies list": ("competencies", ["leadership"]),
        "target competency weight 'high'": ("competencies", {"leadership": "high"}),
        "target competency weight 10^30": ("competencies", {"leadership": BIG}),
        "target competency weight 0": ("competencies", {"leadership": 0}),
        "target competency weight 99": ("competencies", {"leadership": 99}),
        "target interview_at 'someday'": ("interview_at", "someday"),
        "target questions_to_ask string": ("questions_to_ask", "abc"),
        "target stories [null]": ("stories", [None]), "target questions [[]]": ("questions", [[]]),
        "target company list": ("company", ["Fuzzco"]), "target notes 2,000,001 characters": ("notes", "n" * TOO_LONG),
    }
    cases = [_json_case(n, _set("rehearsals", k, v)) for n, (k, v) in rehearsal_bad.items()]
    cases += [_json_case(n, _set("stories", k, v)) for n, (k, v) in story_bad.items()]
    cases += [_json_case(n, _set("targets", k, v)) for n, (k, v) in target_bad.items()]
    cases += [
        _json_case("questions [null]", _top("questions", [None])),
        _json_case("stories [null]", _top("stories", [None])),
        _json_case("stories 'abc'", _top("stories", "abc")),
        _json_case("rehearsals object", _top("rehearsals", {})),
        _json_case("version '1'", _top("version", "1")),
        _json_case("version 999", _top("version", 999)),
        _json_case("question text 5", _set("questions", "text", 5)),
        _json_case("question key_points string", _set("questions", "key_points", "abc")),
        _json_case("question competencies string", _set("questions", "competencies", "negotiation")),
        _json_case("competency key 5", _set("competencies", "key", 5)),
        _json_case("competency key 1,000 characters", _set("competencies", "key", "k" * 1000)),
        _raw_case("JSON nested 100,000 levels (arrays)", "import-json", b"[" * 100_000 + b"]" * 100_000, ".json"),
        _raw_case("JSON nested 100,000 levels (objects)", "import-json",
                  b'{"stories":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001, ".json"),
        _raw_case("rating 1e400 literal", "import-json",
                  _raw_json(json.dumps(base_payload()).replace('"rating": 4', '"rating": 1e400')), ".json"),
        _raw_case("top-level list", "import-json", b"[1, 2, 3]", ".json"),
        _raw_case("not JSON", "import-json", b"stories: none", ".json"),
        _raw_case("empty JSON file", "import-json", b"", ".json"),
        _raw_case("one invalid byte (JSON)", "import-json", _with_invalid_byte(), ".json"),
        _raw_case("binary junk (JSON)", "import-json", bytes(range(256)) * 40, ".json"),
    ]
    return cases


def _md_cases() -> list[BadInput]:
    story = "---\ntitle: Good\n---\n\n## Situation\n\nS\n\n## Action\n\nI did it.\n"

    def good_and_bad(folder: Path) -> list[str]:
        good, bad = folder / "good.md", folder / "bad.md"
        good.write_text(story, encoding="utf-8")
        bad.write_bytes(b"\x00\x01\x02PNG\x89" * 50)
        return [str(good), str(bad)]

    def missing(folder: Path) -> list[str]:
        (folder / "good.md").write_text(story, encoding="utf-8")
        return [str(folder / "good.md"), str(folder / "missing.md")]

    def folder_arg(folder: Path) -> list[str]:
        (folder / "sub.md").mkdir()
        return [str(folder / "sub.md")]

    return [
        _raw_case("empty .md", "import-md", b"", ".md"),
        _raw_case("whitespace-only .md", "import-md", b"  \n\n\t\n", ".md"),
        _raw_case("binary junk .md", "import-md", bytes(range(256)) * 40, ".md"),
        _raw_case("PNG header .md", "import-md", b"\x89PNG\r\n\x1a\n" + bytes(200), ".md"),
        _raw_case("one invalid byte .md", "import-md", b"# Caf\xe9 story\n\n## Action\n\nI did it.\n", ".md"),
        _raw_case("2,000,001-character section .md", "import-md",
                  b"# Long\n\n## Action\n\n" + b"a" * TOO_LONG + b"\n", ".md"),
        _raw_case("2,000,001-character title .md", "import-md", b"---\ntitle: " + b"t" * TOO_LONG + b"\n---\n", ".md"),
        _raw_case("lone surrogate escape .md", "import-md", b'---\ntitle: "bad \\ud800 title"\n---\n\n## Action\n\nx\n', ".md"),
        BadInput("good file plus binary file", "import-md", good_and_bad),
        BadInput("good file plus missing file", "import-md", missing),
        BadInput("folder named .md", "import-md", folder_arg),
    ]


def _analyze_cases() -> list[BadInput]:
    return [
        _raw_case("analyze: JSON nested 100,000 levels", "analyze", b"[" * 100_000 + b"]" * 100_000, ".json"),
        _raw_case("analyze: object nested 100,000 levels", "analyze", b'{"action":' + b'{"a":' * 100_000 + b"1"
                  + b"}" * 100_001, ".json"),
        _raw_case("analyze: [null]", "analyze", b"[null]", ".json"),
        _raw_case("analyze: action 10^30", "analyze", b'{"action": 1000000000000000000000000000000}', ".json"),
        _raw_case("analyze: action Infinity", "analyze", b'{"action": Infinity}', ".json"),
        _raw_case("analyze: invalid byte", "analyze", b"# T\n\n## Action\n\nCaf\xe9\n", ".md"),
        _raw_case("analyze: binary junk", "analyze", bytes(range(256)) * 40, ".md"),
        _raw_case("analyze: empty", "analyze", b"", ".md"),
        _raw_case("analyze: 5 MB JSON", "analyze", b'{"action": "' + b"word " * 1_000_000 + b'"}', ".json"),
        _raw_case("analyze: 21 MB JSON", "analyze", b'{"action": "' + b"word " * 4_200_000 + b'"}', ".json"),
    ]


def _wav(fmt: bytes, data: bytes, *, data_size: int | None = None, fmt_size: int | None = None) -> bytes:
    fmt_chunk = b"fmt " + struct.pack("<I", len(fmt) if fmt_size is None else fmt_size) + fmt
    data_chunk = b"data" + struct.pack("<I", len(data) if data_size is None else data_size) + data
    body = b"WAVE" + fmt_chunk + data_chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _pcm(channels: int = 1, rate: int = 16000, bits: int = 16, tag: int = 1) -> bytes:
    align = channels * bits // 8 % 65536
    return struct.pack("<HHIIHH", tag, channels, rate, rate * align % 2**32, align, bits)


def _audio_cases() -> list[BadInput]:
    tone = bytes(3200)
    cases = {
        "sample rate 0": _wav(_pcm(rate=0), tone),
        "sample rate 0 (float)": _wav(_pcm(rate=0, bits=32, tag=3), tone),
        "chunk size 0xFFFFFFF0": _wav(_pcm(), tone, data_size=0xFFFFFFF0),
        "fmt chunk size 0xFFFFFFF0": _wav(_pcm(), tone, fmt_size=0xFFFFFFF0),
        "odd-sized 24-bit data": _wav(_pcm(bits=24), bytes(3001)),
        "odd-sized 24-bit stereo data": _wav(_pcm(channels=2, bits=24), bytes(3001)),
        "0 channels": _wav(_pcm(channels=0), tone),
        "65535 channels": _wav(_pcm(channels=65535), tone),
        "48-bit samples": _wav(_pcm(bits=48), bytes(3000)),
        "fmt chunk of 4 bytes": _wav(_pcm()[:4], tone),
        "no data chunk": b"RIFF" + struct.pack("<I", 28) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + _pcm(),
        "data before fmt": b"RIFF\x00\x00\x00\x00WAVE" + b"data" + struct.pack("<I", 4) + bytes(4),
        "RIFF header only": b"RIFF\x04\x00\x00\x00WAVE",
        "junk after header": b"RIFF\xff\xff\xff\xffWAVE" + bytes(range(256)) * 4,
        "empty file": b"",
        "text file": b"this is not audio\n" * 10,
        "sample rate 4 billion": _wav(_pcm(rate=4_000_000_000), tone),
        "float 24-bit": _wav(_pcm(bits=24, tag=3), bytes(3000)),
    }
    return [_raw_case(f"audio-stats: {name}", "audio-stats", data, ".wav") for name, data in cases.items()]


def all_bad_inputs() -> list[BadInput]:
    return [*_json_cases(), *_md_cases(), *_analyze_cases(), *_audio_cases()]
