"""Export: read stories from a CSV file (Notion, Google Sheets, Airtable, Excel exports) into plain records.

The columns are matched to story fields by their headers ("Name", "S - Situation", "What I did",
"Skills"...); the user can override any match with ``COLUMN=FIELD``. Nothing here touches the database:
the records go to the bank's import path, which previews them and skips duplicates.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS: tuple[str, ...] = ("title", "situation", "task", "action", "result", "reflection", "short_version",
                           "notes", "competencies", "tags", "status")
STAR_FIELDS = ("situation", "task", "action", "result")
LIST_FIELDS = ("competencies", "tags")
IGNORE = "ignore"
MAX_BYTES = 50_000_000

# Normalised header -> field; a header that is none of these is matched by the words it contains.
_EXACT: dict[str, str] = {
    "title": "title", "name": "title", "story": "title", "story title": "title", "story name": "title",
    "headline": "title", "summary title": "title",
    "s": "situation", "situation": "situation", "context": "situation", "background": "situation",
    "t": "task", "task": "task", "goal": "task", "challenge": "task", "problem": "task",
    "a": "action", "action": "action", "actions": "action", "what i did": "action", "approach": "action",
    "steps": "action",
    "r": "result", "result": "result", "results": "result", "outcome": "result", "impact": "result",
    "reflection": "reflection", "learning": "reflection", "learnings": "reflection", "lessons": "reflection",
    "lessons learned": "reflection", "what i learned": "reflection", "takeaway": "reflection",
    "short version": "short_version", "short": "short_version", "elevator pitch": "short_version",
    "notes": "notes", "note": "notes", "comments": "notes",
    "competencies": "competencies", "competency": "competencies", "skills": "competencies",
    "skill": "competencies", "themes": "competencies", "theme": "competencies", "category": "competencies",
    "categories": "competencies",
    "tags": "tags", "tag": "tags", "labels": "tags", "label": "tags", "keywords": "tags",
    "status": "status", "state": "status", "stage": "status",
}
_WORDS: tuple[tuple[str, str], ...] = (
    ("situation", "situation"), ("context", "situation"), ("task", "task"), ("action", "action"),
    ("result", "result"), ("outcome", "result"), ("learn", "reflection"), ("reflect", "reflection"),
    ("competenc", "competencies"), ("skill", "competencies"), ("tag", "tags"), ("title", "title"),
    ("status", "status"), ("note", "notes"),
)
_READY = {"ready", "done", "final", "complete", "completed", "polished", "yes", "true"}


class CsvImportError(ValueError):
    """Export: the CSV cannot be read as stories; the message says why in one sentence."""


@dataclass
class CsvTable:
    """Export: the header and the rows of one CSV file."""

    headers: list[str]
    rows: list[list[str]]
    dialect: str = ","


@dataclass
class CsvStories:
    """Export: the stories read from a CSV file, the mapping used, and what was left out."""

    records: list[dict[str, Any]]
    mapping: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def normalise_header(header: str) -> str:
    text = re.sub(r"[*_`:#()\[\]]", " ", header.strip().lstrip("\ufeff")).casefold()
    text = re.sub(r"^(?:s|t|a|r)\s*[-\u2013\u2014/.]\s*", "", text)  # "S - Situation", "A / Action"
    return " ".join(text.replace("-", " ").split())


def guess_field(header: str) -> str:
    """The story field a column header most likely holds, or ``ignore``."""
    key = normalise_header(header)
    if key in _EXACT:
        return _EXACT[key]
    for word, name in _WORDS:
        if word in key:
            return name
    return IGNORE


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Column -> field for every header; a field claimed twice keeps its first column."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        name = guess_field(header)
        if name != IGNORE and name in taken and name not in ("notes",):
            name = IGNORE
        mapping[header] = name
        taken.add(name)
    return mapping


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text
    return data.decode("cp1252", errors="replace")  # older Excel on Windows


def read_table(path: Path) -> CsvTable:
    """Read the file: UTF-8 (with or without BOM), UTF-16 or Windows-1252; comma, semicolon or tab."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CsvImportError(f"{path.name} is {size // 1_000_000} MB; a story file is at most 50 MB")
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise CsvImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_table(text, path.name)


def parse_table(text: str, name: str = "the file") -> CsvTable:
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise CsvImportError(f"{name} is not a valid CSV file ({exc})") from exc
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CsvImportError(f"{name} is empty")
    headers = [h.strip().lstrip("\ufeff") or f"Column {n}" for n, h in enumerate(rows[0], start=1)]
    return CsvTable(headers=headers, rows=rows[1:], dialect=delimiter)


def parse_map_options(options: list[str], headers: list[str]) -> dict[str, str]:
    """``COLUMN=FIELD`` overrides, matched to headers without regard to case; clear errors for typos."""
    by_key = {h.casefold(): h for h in headers}
    out: dict[str, str] = {}
    for option in options:
        column, sep, name = option.rpartition("=")
        column, name = column.strip(), name.strip().lower().replace(" ", "_").replace("-", "_")
        if not sep or not column:
            raise CsvImportError(f"--map {option!r} should look like COLUMN=FIELD")
        if name not in (*FIELDS, IGNORE):
            raise CsvImportError(f"--map {option!r}: {name!r} is not a story field; use one of "
                                 f"{', '.join(FIELDS)} or ignore")
        header = by_key.get(column.casefold())
        if header is None:
            raise CsvImportError(f"--map {option!r}: there is no column {column!r}; the columns are "
                                 f"{', '.join(headers)}")
        out[header] = name
    return out


def _split_list(value: str) -> list[str]:
    parts = re.split(r"[;,\n]", value)
    return [p.strip().strip('"').strip() for p in parts if p.strip().strip('"').strip()]


def _status(value: str) -> str:
    return "ready" if value.strip().casefold() in _READY else "draft"


def _record(headers: list[str], row: list[str], mapping: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {name: "" for name in FIELDS if name not in LIST_FIELDS}
    record.update(competencies=[], tags=[], status="draft")
    for header, cell in zip(headers, row, strict=False):
        name = mapping.get(header, IGNORE)
        value = cell.replace("\r\n", "\n").strip()
        if name == IGNORE or not value:
            continue
        if name in LIST_FIELDS:
            record[name] += [v for v in _split_list(value) if v not in record[name]]
        elif name == "status":
            record["status"] = _status(value)
        elif record[name]:
            record[name] += f"\n\n{header}: {value}" if name == "notes" else f"\n\n{value}"
        else:
            record[name] = f"{header}: {value}" if name == "notes" and guess_field(header) != "notes" else value
    return record


def stories_from_table(table: CsvTable, mapping: dict[str, str], name: str = "the file") -> CsvStories:
    """Turn the rows into story records; rows with no text at all are left out."""
    if not any(mapping.get(h) in STAR_FIELDS for h in table.headers):
        raise CsvImportError(f"no column of {name} holds a Situation, Task, Action or Result; map one with "
                             "--map COLUMN=FIELD (the columns are " + ", ".join(table.headers) + ")")
    result = CsvStories(records=[], mapping=dict(mapping))
    stem = Path(name).stem
    for number, row in enumerate(table.rows, start=2):
        record = _record(table.headers, row, mapping)
        if not any(record[f] for f in (*STAR_FIELDS, "title")):
            result.warnings.append(f"row {number} has no story text; left out")
            continue
        if not record["title"]:
            record["title"] = f"{stem} row {number}"
            result.warnings.append(f"row {number} has no title; called it {record['title']!r}")
        if len(row) > len(table.headers):
            result.warnings.append(f"row {number} has more cells than the header; the extra ones were left out")
        result.records.append(record)
    return result


def read_csv_stories(path: Path, overrides: list[str] | None = None) -> CsvStories:
    """Read ``path`` with the guessed mapping, changed by ``COLUMN=FIELD`` overrides."""
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    mapping.update(parse_map_options(overrides or [], table.headers))
    return stories_from_table(table, mapping, path.name)
