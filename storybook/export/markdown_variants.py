"""Export: rewrite Markdown as people write it into the canonical story layout the Markdown reader knows.

Handled: bold labels (``**Situation:** ...``), setext headings (underlined with ``===`` or ``---``),
one-letter headings (``## S``), headings with emphasis (``## **Action**``), plain ``Result: ...`` labels
when a file uses at least two of them, and Notion's export, whose property lines (``Skills: a, b``) follow
the title instead of front matter. The output is plain Markdown with ``## Situation`` style headings and,
for Notion properties, a front matter block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Protocol, TypeVar


class ParsedStory(Protocol):
    """What the Markdown reader returns (``portable.MarkdownStory``), as far as this module reads it."""

    fields: dict[str, Any]
    warnings: list[str]


MarkdownStory = TypeVar("MarkdownStory", bound=ParsedStory)

SECTION_TITLES: dict[str, str] = {
    "situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
    "reflection": "Reflection", "short_version": "Short version", "notes": "Notes", "cue_cards": "Cue cards",
}
ALIASES: dict[str, str] = {
    "s": "situation", "situation": "situation", "context": "situation", "background": "situation",
    "t": "task", "task": "task", "goal": "task",
    "a": "action", "action": "action", "actions": "action", "what i did": "action",
    "r": "result", "result": "result", "results": "result", "outcome": "result",
    "reflection": "reflection", "lessons": "reflection", "lessons learned": "reflection",
    "what i learned": "reflection", "learning": "reflection", "learnings": "reflection",
    "short version": "short_version", "summary": "short_version",
    "notes": "notes", "cue cards": "cue_cards", "cues": "cue_cards",
}
PLAIN_LABELS = ("situation", "task", "action", "result", "reflection", "learnings", "what i learned")
PROPERTY_KEYS: dict[str, str] = {
    "competencies": "competencies", "competency": "competencies", "skills": "competencies",
    "themes": "competencies", "category": "competencies", "tags": "tags", "labels": "tags",
    "status": "status", "stage": "status",
}
_READY = {"ready", "done", "final", "complete", "completed", "polished"}
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)(?P<label>[^*_]{1,40}?)\s*(?::\s*)?\1\s*(?::\s*)?(?P<rest>.*)$")
_PLAIN_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?P<rest>.*)$")
_PROPERTY = re.compile(r"^(?P<key>[A-Za-z][\w ]{0,30}?):\s+(?P<value>.+)$")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+?)\1$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def section_for(label: str) -> str | None:
    """The section a heading or label names: "**Action**", "S - Situation", "A:" or "Result (R)"."""
    text = re.sub(r"[*_`]", "", label).strip().rstrip(":").strip().casefold()
    text = re.sub(r"\s*\((?:s|t|a|r)\)$", "", text)
    text = re.sub(r"^(?:s|t|a|r)\s*[-\u2013\u2014:/.]\s*(?=\w\w)", "", text)
    return ALIASES.get(" ".join(text.split()))


def _heading(name: str) -> str:
    return f"## {SECTION_TITLES[name]}"


def _setext_to_atx(lines: list[str]) -> list[str]:
    """``Title`` over ``=====`` becomes ``# Title``; over ``-----`` it becomes ``## Title``."""
    out: list[str] = []
    for line in lines:
        underline = _SETEXT.match(line)
        if underline and out and out[-1].strip() and not _HEADING.match(out[-1]) \
                and not re.match(r"^\s*([-*+]|\d+[.)])\s", out[-1]):
            level = "#" if underline.group(1).startswith("=") else "##"
            out[-1] = f"{level} {out[-1].strip()}"
            continue
        out.append(line)
    return out


def _rewrite_line(line: str, plain_labels: bool) -> list[str]:
    heading = _HEADING.match(line)
    if heading:
        name = section_for(heading.group(2))
        if name:
            return [_heading(name)]
        plain = _EMPHASIS.sub(r"\2", heading.group(2).strip())
        return [f"{heading.group(1)} {plain}"]
    label = _BOLD_LABEL.match(line)
    if label is None and plain_labels:
        label = _PLAIN_LABEL.match(line)
        if label and label.group("label").strip().casefold() not in PLAIN_LABELS:
            label = None
    if label:
        name = section_for(label.group("label"))
        if name:
            rest = label.group("rest").strip()
            return [_heading(name), rest] if rest else [_heading(name)]
    return [line]


def _split_front(lines: list[str]) -> tuple[list[str], list[str]]:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return lines[: index + 1], lines[index + 1 :]
    return [], lines


def _notion_properties(body: list[str]) -> tuple[list[str], list[str]]:
    """Property lines right after the ``# Title`` of a Notion page become front matter lines."""
    start = 0
    while start < len(body) and not body[start].strip():
        start += 1
    if start >= len(body) or not body[start].startswith("# "):
        return [], body
    index, front, unknown = start + 1, [], []
    while index < len(body) and not body[index].strip():
        index += 1
    while index < len(body):
        prop = _PROPERTY.match(body[index].strip())
        if not prop or section_for(prop.group("key")):
            break
        key = PROPERTY_KEYS.get(prop.group("key").strip().casefold())
        value = prop.group("value").strip()
        if key == "status":
            front.append(f"status: {'ready' if value.casefold() in _READY else 'draft'}")
        elif key:
            items = [v.strip() for v in value.split(",") if v.strip()]
            front.append(f"{key}: {json.dumps(items, ensure_ascii=False)}")
        else:
            unknown.append(body[index])  # "Created: ...": kept in the text, so it ends up in the notes
        index += 1
    if not front:
        return [], body
    return front, body[: start + 1] + unknown + body[index:]


def normalise(text: str) -> str:
    """The canonical form of ``text``; text already in that form comes back with the same sections."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, body = _split_front(lines)
    props: list[str] = []
    if not front:
        props, body = _notion_properties(body)
    body = _setext_to_atx(body)
    plain = sum(1 for line in body if (m := _PLAIN_LABEL.match(line)) and
                m.group("label").strip().casefold() in PLAIN_LABELS) >= 2
    out: list[str] = []
    in_fence = False
    for line in body:
        if _FENCE.match(line):
            in_fence = not in_fence
        out += [line] if in_fence else _rewrite_line(line, plain)
    if props:
        front = ["---", *props, "---"]
    return "\n".join(front + out)


def _star_count(story: MarkdownStory) -> int:
    return sum(1 for name in ("situation", "task", "action", "result") if story.fields.get(name))


def _has_meta(story: MarkdownStory) -> bool:
    return bool(story.fields.get("competencies") or story.fields.get("tags") or story.fields.get("status"))


def prefer_variant(story: MarkdownStory, text: str, parse: Callable[[str], MarkdownStory]) -> MarkdownStory:
    """The reading of ``text`` as a variant when it finds more of the story than the canonical one did."""
    rewritten = normalise(text)
    if rewritten == text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"):
        return story
    variant = parse(rewritten)
    found, before = _star_count(variant), _star_count(story)
    if found > before or (found == before and _has_meta(variant) and not _has_meta(story)):
        variant.warnings = [w for w in variant.warnings if "front matter" not in w]
        return variant
    return story
