"""Export: the portable formats (JSON bank files, Markdown stories). Pure: plain data in, text out.

Markdown files carry a small YAML-like front matter between ``---`` lines. Only the part of YAML that
note-taking tools write for such fields is understood (``key: value``, quoted strings, flow ``[a, b]``
and block ``- a`` lists, comments), so no YAML library is needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

FORMAT_NAME = "storybook-export"
FORMAT_VERSION = 1

BODY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("reflection", "Reflection"),
    ("short_version", "Short version"),
    ("notes", "Notes"),
)
_HEADING_ALIASES: dict[str, str] = {
    "situation": "situation", "context": "situation", "background": "situation",
    "task": "task", "goal": "task",
    "action": "action", "actions": "action", "what i did": "action",
    "result": "result", "results": "result", "outcome": "result",
    "reflection": "reflection", "lessons": "reflection", "lessons learned": "reflection",
    "what i learned": "reflection", "learning": "reflection", "learnings": "reflection",
    "short version": "short_version", "short": "short_version", "summary": "short_version",
    "notes": "notes",
    "cue cards": "cue_cards", "anchors": "cue_cards", "cues": "cue_cards",
}
_LIST_KEYS = ("competencies", "tags", "cue_cards")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_PLAIN_SCALAR = re.compile(r"^[^\s\"'#\[\]{},:&*!|>%@`-][^\"#\[\]{},:]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~"}


class PortableFormatError(ValueError):
    """Export: a file that is not in a format Storybook can import, with the reason."""


# ---- JSON ------------------------------------------------------------------------------------
def iso(value: datetime | None) -> str | None:
    """A stored moment as ISO text in UTC (naive values are taken to be UTC already)."""
    if value is None:
        return None
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return aware.isoformat(timespec="microseconds")


def parse_datetime(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise PortableFormatError(f"{value!r} is not a date and time") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def dump_json(payload: dict[str, Any]) -> str:
    """The bank file's text: stable key order and indentation, so equal data gives equal text."""
    body = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **payload}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def parse_json(text: str) -> dict[str, Any]:
    """Read a bank file, checking that it is one; raise PortableFormatError otherwise."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise PortableFormatError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError as exc:
        raise PortableFormatError("the file nests lists or objects too deeply to be a Storybook export") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise PortableFormatError("the file is JSON but not a Storybook export")
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PortableFormatError(f"the file has format version {version!r}; this Storybook reads up to {FORMAT_VERSION}")
    for key in ("stories", "questions", "targets", "rehearsals", "competencies"):
        value = data.setdefault(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise PortableFormatError(f"'{key}' must be a list of objects")
    return data


# ---- Markdown: writing -----------------------------------------------------------------------
def _yaml_scalar(value: str) -> str:
    value = str(value)
    if value and _PLAIN_SCALAR.match(value) and value.strip() == value and value.casefold() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _escape_body(text: str) -> str:
    """Keep lines of user text from being read back as headings or front matter."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("#") or line.startswith("\\#"):
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def story_to_markdown(story: dict[str, Any]) -> str:
    """One story as Markdown: front matter (title, competencies, tags, status, cue cards), then sections."""
    title = str(story.get("title") or "")
    out = ["---", f"title: {_yaml_scalar(title)}"]
    for key in ("competencies", "tags"):
        out.append(f"{key}: [{', '.join(_yaml_scalar(v) for v in story.get(key) or [])}]")
    out.append(f"status: {_yaml_scalar(str(story.get('status') or 'draft'))}")
    cards = list(story.get("cue_cards") or [])
    if cards:
        out.append("cue_cards:")
        out.extend(f"  - {_yaml_scalar(card)}" for card in cards)
    out += ["---", ""]
    if title.strip():
        out += [f"# {' '.join(title.split())}", ""]
    for key, heading in BODY_SECTIONS:
        text = str(story.get(key) or "").strip("\n")
        if text or key in ("situation", "task", "action", "result", "reflection"):
            out += [f"## {heading}", "", _escape_body(text), ""] if text else [f"## {heading}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def markdown_filename(title: str, taken: set[str]) -> str:
    """A safe, unique file name for a story (ASCII slug, ``.md``); adds it to ``taken``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60].strip("-") or "story"
    name, n = f"{slug}.md", 2
    while name.casefold() in taken:
        name, n = f"{slug}-{n}.md", n + 1
    taken.add(name.casefold())
    return name


# ---- Markdown: reading -----------------------------------------------------------------------
@dataclass
class MarkdownStory:
    """Export: one story read from Markdown, plus what could not be understood."""

    fields: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            return str(json.loads(raw))
        except json.JSONDecodeError:
            return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", raw).strip()


def _split_flow(inner: str) -> list[str]:
    items, current, quote = [], "", ""
    for ch in inner:
        if quote:
            current += ch
            if ch == quote:
                quote = ""
        elif ch in "\"'" and not current.strip():
            quote, current = ch, current + ch
        elif ch == ",":
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [v for v in (_unquote(item) for item in items) if v]


def _scalar_or_list(raw: str) -> str | list[str]:
    raw = raw.strip()
    stripped = re.sub(r"\s+#[^\]\"']*$", "", raw)
    if stripped.startswith("[") and stripped.endswith("]"):
        return _split_flow(stripped[1:-1])
    return _unquote(raw)


def parse_front_matter(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Parse ``key: value`` lines with flow and block lists; return (data, warnings)."""
    data: dict[str, Any] = {}
    warnings: list[str] = []
    current: str | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s*-\s*(.*)$", line)
        if item and current is not None:
            value = _unquote(item.group(1))
            if value:
                data.setdefault(current, []).append(value)
            continue
        pair = re.match(r"^([A-Za-z_][\w -]*?)\s*:(?:\s+(.*)|\s*)$", line)
        if not pair:
            warnings.append(f"front matter line {number} was not understood: {line.strip()[:60]}")
            current = None
            continue
        key = pair.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        raw = pair.group(2) or ""
        if raw.strip() in ("", "|", ">", "|-", ">-"):
            data[key], current = [], key
        else:
            data[key], current = _scalar_or_list(raw), None
    return data, warnings


def _split_front_matter(lines: list[str]) -> tuple[list[str] | None, list[str]]:
    if not lines or lines[0].strip() != "---":
        return None, lines
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return lines[1:index], lines[index + 1 :]
    return None, lines


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "").strip()
    return [part.strip() for part in text.split(",") if part.strip()] if text else []


def _read_body(lines: list[str]) -> tuple[str | None, dict[str, list[str]], list[str]]:
    """Split the body at section headings; return (first # heading, section lines, loose lines)."""
    title: str | None = None
    sections: dict[str, list[str]] = {}
    loose: list[str] = []
    current: list[str] = loose
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            name = _HEADING_ALIASES.get(heading.group(2).strip().rstrip(":").casefold())
            if name:
                current = sections.setdefault(name, [])
                continue
            if title is None and len(heading.group(1)) == 1 and not sections:
                title = heading.group(2).strip()  # the first "# " heading names the story, even after a preamble
                continue
        current.append(line[1:] if line.startswith("\\#") else line)
    return title, sections, loose


def _cards(lines: list[str]) -> list[str]:
    cards = []
    for line in lines:
        text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()
        if text:
            cards.append(text)
    return cards


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").rstrip()


def parse_markdown(text: str, fallback_title: str = "", variants: bool = True) -> MarkdownStory:
    """Read one story. Without a front matter title, the first ``#`` heading or ``fallback_title`` is used."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, body = _split_front_matter(lines)
    meta, warnings = parse_front_matter(front) if front is not None else ({}, [])
    if front is None and lines and lines[0].strip() == "---":
        warnings.append("the front matter has no closing '---' line; it was kept as notes")
    heading_title, sections, loose = _read_body(body)
    fields: dict[str, Any] = {name: "" for name, _ in BODY_SECTIONS}
    for name, section_lines in sections.items():
        if name == "cue_cards":
            fields["cue_cards"] = _cards(section_lines)
        else:
            fields[name] = _join(section_lines)
    loose_text = _join(loose)
    if loose_text:
        if not any(fields[name] for name in ("situation", "task", "action", "result")):
            warnings.append("no Situation / Task / Action / Result headings; the text was kept as notes")
        fields["notes"] = "\n\n".join(t for t in (loose_text, fields["notes"]) if t)
    title = meta.get("title")
    title = title if isinstance(title, str) and title.strip() else heading_title or fallback_title
    fields["title"] = (title or "").strip()
    for key in _LIST_KEYS:
        if key in meta:
            fields[key] = _as_list(meta[key])
    fields.setdefault("cue_cards", [])
    fields.setdefault("competencies", [])
    fields.setdefault("tags", [])
    status = meta.get("status")
    fields["status"] = str(status).strip().lower() if isinstance(status, str) and status.strip() else None
    story = MarkdownStory(fields=fields, warnings=warnings)
    if variants:  # bold labels, setext headings, Notion exports...: see markdown_variants
        from storybook.export.markdown_variants import prefer_variant

        story = prefer_variant(story, text, lambda t: parse_markdown(t, fallback_title, variants=False))
    return story
