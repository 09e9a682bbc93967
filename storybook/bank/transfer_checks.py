"""Bank: checking an import before anything is written (pure: plain data in, an error or nothing out).

Every value in a bank file or a Markdown story is checked for its type, its range and its length, so an
import either writes everything or nothing, and a bad file is reported with the file, the item and the
field instead of a traceback, a silently cut field or a value that breaks a later command.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from storybook.bank.stories import MAX_FIELD_CHARS, TEXT_FIELDS
from storybook.rehearsal.records import MODES, OUTCOMES

MAX_KEY_CHARS = 80
MAX_NAME_CHARS = 300
MAX_LIST_ITEMS = 10_000
MAX_DAY_S = 86_400
MAX_WORDS = 10_000_000
MAX_REHEARSAL_NOTE = 10_000
SECTION_COUNT = 4
_SURROGATE = re.compile("[\ud800-\udfff]")


class ImportDataError(ValueError):
    """Bank: a value in an import file that Storybook will not store; says the file, the item and the field."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}; nothing was imported.")
        self.source, self.where, self.problem = source, where, problem


class _Bad(Exception):
    """One field's problem, before it knows which file and item it belongs to."""


# ---- single values ----------------------------------------------------------------------------
def _text(value: Any, limit: int = MAX_FIELD_CHARS, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise _Bad(f"must be text, not {_kind(value)}")
    if len(value) > limit:
        raise _Bad(f"holds {len(value):,} characters; the most Storybook keeps is {limit:,} (it was not cut)")
    if _SURROGATE.search(value):
        raise _Bad("holds a broken character (an unpaired UTF-16 surrogate)")


def _text_list(value: Any, limit: int = MAX_NAME_CHARS) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        raise _Bad(f"must be a list of texts, not {_kind(value)}")
    if len(value) > MAX_LIST_ITEMS:
        raise _Bad(f"has {len(value):,} items; the most is {MAX_LIST_ITEMS:,}")
    for item in value:
        _text(item, limit, optional=False)


def _ref(value: Any) -> None:
    if value is not None and not isinstance(value, str | int) or isinstance(value, bool):
        raise _Bad(f"must be a reference such as 'story:1', not {_kind(value)}")
    if isinstance(value, str):
        _text(value, MAX_NAME_CHARS)


def _flag(value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise _Bad(f"must be true or false, not {_kind(value)}")


def _moment(value: Any) -> None:
    if value in (None, ""):
        return
    if not isinstance(value, str):
        raise _Bad(f"must be a date and time as text, not {_kind(value)}")
    try:
        datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise _Bad(f"{value[:40]!r} is not a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from exc


def _number(value: Any, low: float, high: float, whole: bool = False, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"must be a number, not {_kind(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"must be a finite number, not {value}")
    if whole and value != int(value):
        raise _Bad(f"must be a whole number, not {value}")
    if not low <= value <= high:
        raise _Bad(f"must be from {low:g} to {high:g}, not {_short_number(value)}")


def _choice(value: Any, allowed: Any, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or value not in allowed:
        raise _Bad(f"must be one of {', '.join(allowed)}, not {_short(value)}")


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    return _short_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else repr(value)[:40]


def _short_number(value: float) -> str:
    text = repr(value)
    return text if len(text) <= 20 else f"{float(value):.3g}"


# ---- items ------------------------------------------------------------------------------------
Spec = dict[str, Callable[[Any], None]]

COMPETENCY: Spec = {"key": lambda v: _text(v, MAX_KEY_CHARS, optional=False), "name": lambda v: _text(v, MAX_NAME_CHARS),
                    "description": _text}
QUESTION: Spec = {"ref": _ref, "key": lambda v: _text(v, MAX_KEY_CHARS), "text": lambda v: _text(v, 10_000),
                  "assesses": _text, "key_points": lambda v: _text_list(v, 10_000), "competencies": _text_list,
                  "builtin": _flag, "edited": _flag, "hidden": _flag}
STORY: Spec = {**{name: _text for name in TEXT_FIELDS}, "ref": _ref, "status": lambda v: _text(v, MAX_NAME_CHARS),
               "cue_cards": lambda v: _text_list(v, 10_000), "competencies": _text_list, "tags": _text_list,
               "questions": lambda v: _links(v), "sample_key": lambda v: _text(v, MAX_NAME_CHARS),
               "created_at": _moment, "updated_at": _moment, "deleted_at": _moment}
TARGET: Spec = {"company": lambda v: _text(v, 10_000), "role": lambda v: _text(v, 10_000), "interviewers": _text,
                "notes": _text, "interview_at": _moment, "questions_to_ask": lambda v: _text_list(v, 10_000),
                "questions": _text_list, "stories": _text_list, "competencies": lambda v: _weights(v),
                "created_at": _moment, "updated_at": _moment}
REHEARSAL: Spec = {
    "story": _ref, "question": _ref, "started_at": _moment, "section_seconds": lambda v: _sections(v),
    "total_seconds": lambda v: _number(v, 0, SECTION_COUNT * MAX_DAY_S),
    "target_seconds": lambda v: _number(v, 1, MAX_DAY_S, whole=True),
    "limit_seconds": lambda v: _number(v, 1, MAX_DAY_S, whole=True), "mode": lambda v: _choice(v, MODES),
    "outcome": lambda v: _choice(v, OUTCOMES), "rating": lambda v: _number(v, 1, 5, whole=True),
    "note": lambda v: _text(v, MAX_REHEARSAL_NOTE), "recording_path": lambda v: _text(v, 4096), "had_story": _flag,
    "words": lambda v: _number(v, 0, MAX_WORDS, whole=True), "speech_seconds": lambda v: _number(v, 0, 4 * MAX_DAY_S),
    "wpm": lambda v: _number(v, 0, 2000),
}
LINK: Spec = {"question": _ref, "text": lambda v: _text(v, 10_000), "note": _text}


def _links(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        raise _Bad(f"must be a list of question links, not {_kind(value)}")
    for n, link in enumerate(value, 1):
        if not isinstance(link, dict):
            raise _Bad(f"question link {n} must be an object, not {_kind(link)}")
        for key, check in LINK.items():
            try:
                check(link.get(key))
            except _Bad as exc:
                raise _Bad(f"question link {n}, '{key}' {exc}") from None


def _weights(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise _Bad(f"must be an object of competency: weight (1 to 5), not {_kind(value)}")
    for key, weight in value.items():
        try:
            _text(key, MAX_KEY_CHARS, optional=False)
            _number(weight, 1, 5, whole=True, optional=False)
        except _Bad as exc:
            raise _Bad(f"weight of {key[:40]!r} {exc}") from None


def _sections(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, list) or len(value) != SECTION_COUNT:
        raise _Bad("must be a list of four times in seconds (Situation, Task, Action, Result)")
    for seconds in value:
        _number(seconds, 0, MAX_DAY_S, optional=False)


def _label(kind: str, number: int, item: dict[str, Any]) -> str:
    name = item.get("title") if kind == "story" else item.get("company") if kind == "target" else None
    if isinstance(name, str) and name.strip() and not _SURROGATE.search(name):
        return f"{kind} {number} ({' '.join(name.split())[:60]!r})"
    return f"{kind} {number}"


def check_items(source: str, kind: str, items: list[Any], spec: Spec) -> None:
    """Raise ImportDataError for the first value in ``items`` that ``spec`` refuses."""
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ImportDataError(source, f"{kind} {number}", f"must be an object, not {_kind(item)}")
        for key, check in spec.items():
            try:
                check(item.get(key))
            except _Bad as exc:
                raise ImportDataError(source, f"{_label(kind, number, item)}, field '{key}'", str(exc)) from None


def check_payload(source: str, payload: dict[str, Any]) -> None:
    """Check a whole bank file (already known to have the five lists) before it is imported."""
    for key, kind, spec in (("competencies", "competency", COMPETENCY), ("questions", "question", QUESTION),
                            ("stories", "story", STORY), ("targets", "target", TARGET),
                            ("rehearsals", "rehearsal", REHEARSAL)):
        check_items(source, kind, payload[key], spec)


def check_markdown_fields(source: str, fields: dict[str, Any]) -> None:
    """Check one story read from Markdown (text lengths, broken characters)."""
    check_items(source, "story", [fields], {name: _text for name in TEXT_FIELDS} | {
        "cue_cards": lambda v: _text_list(v, 10_000), "competencies": _text_list, "tags": _text_list,
        "status": lambda v: _text(v, MAX_NAME_CHARS)})


# ---- bytes to text ----------------------------------------------------------------------------
def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a BOM) or UTF-16 with a BOM; anything else is refused with where it breaks."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path}: the UTF-16 text breaks at byte {exc.start}") from exc
        if looks_binary(text.encode("utf-8", "surrogatepass")):
            raise ValueError(f"{path} is not a text file (it holds binary data)")
    elif looks_binary(data):
        raise ValueError(f"{path} is not a text file (it holds binary data)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise ValueError(f"{path}: byte {exc.start} (line {line}) is 0x{data[exc.start]:02x}, which is not "
                             "valid UTF-8; save the file as UTF-8 and import it again") from exc
    if not text.strip("\ufeff \t\r\n"):
        raise ValueError(f"{path} is empty")
    return text
