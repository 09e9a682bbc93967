"""Analysis: read stories that are not in the database, from JSON or Markdown text.

JSON: an object with ``situation``, ``task``, ``action``, ``result`` (optional ``title``, ``reflection``,
``tags``, ``competencies``), an array of such objects, or an object with a ``stories`` array (the format
of the sample file and of the JSON export). Markdown: ``## Situation`` / ``## Task`` / ``## Action`` /
``## Result`` (and optional ``## Reflection``) headings; a ``# Title`` line starts a new story; a leading
``---`` front matter block may give ``tags`` and ``competencies`` for the stories in the file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from storybook.model.values import SECTIONS, StoryRecord

TEXT_FIELDS = ("title", *SECTIONS, "reflection")
LIST_FIELDS = ("tags", "competencies")
_HEADING = re.compile(r"^(#{1,3})[ \t]*(.*?)[ \t]*#*[ \t]*$")
_SECTION_NAMES = {
    "situation": "situation",
    "task": "task",
    "action": "action",
    "actions": "action",
    "result": "result",
    "results": "result",
    "reflection": "reflection",
    "learning": "reflection",
    "learnings": "reflection",
    "lessons": "reflection",
    "lesson learned": "reflection",
    "lessons learned": "reflection",
    "what i learned": "reflection",
}


class StoryInputError(ValueError):
    """A story source that cannot be read; the message says what is wrong and where."""


def parse_stories(text: str, origin: str = "input") -> tuple[list[StoryRecord], bool]:
    """The stories in ``text`` and whether the source was a list (so the output should be a list too)."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise StoryInputError(f"{origin} is empty")
    if stripped[0] in "{[":
        return _parse_json(stripped, origin)
    return _parse_markdown(text, origin), False


def _parse_json(text: str, origin: str) -> tuple[list[StoryRecord], bool]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoryInputError(f"{origin} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if isinstance(data, dict) and isinstance(data.get("stories"), list):
        data = data["stories"]
    if isinstance(data, dict):
        return [_story_from_object(data, origin)], False
    if isinstance(data, list):
        if not data:
            raise StoryInputError(f"{origin} holds an empty list: there is no story to check")
        return [_story_from_object(item, f"{origin}, story {n}") for n, item in enumerate(data, 1)], True
    raise StoryInputError(f"{origin} must hold a JSON object or an array of objects")


def _story_from_object(item: Any, where: str) -> StoryRecord:
    if not isinstance(item, dict):
        raise StoryInputError(f"{where} is not a JSON object")
    if not any(key in item for key in SECTIONS):
        raise StoryInputError(f"{where} has none of the fields situation, task, action, result")
    fields: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        value = item.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise StoryInputError(f"{where}: '{key}' must be text, not {type(value).__name__}")
        fields[key] = value
    for key in LIST_FIELDS:
        value = item.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise StoryInputError(f"{where}: '{key}' must be a list of words")
        fields[key] = [str(v) for v in value]
    story_id = item.get("id")
    return StoryRecord(id=story_id if isinstance(story_id, int) and not isinstance(story_id, bool) else None, **fields)


_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*)$")


def front_matter(text: str) -> tuple[dict[str, list[str]], str]:
    """Tags and competencies from a leading ``---`` block (``tags: [failure, ownership]``, a comma list or
    ``- item`` lines), and the text after it. Other keys are ignored."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    found: dict[str, list[str]] = {}
    key: str | None = None
    for line in match.group("body").splitlines():
        pair = _FRONT_KEY.match(line.strip())
        if pair:
            key = pair.group("key").lower()
            if key in LIST_FIELDS:
                found[key] = _front_values(pair.group("value"))
            continue
        item = line.strip()
        if key in LIST_FIELDS and item.startswith("- "):
            found[key].extend(_front_values(item[2:]))
    return found, text[match.end() :]


def _front_values(value: str) -> list[str]:
    value = value.strip().strip("[]")
    return [v.strip().strip("'\"") for v in value.split(",") if v.strip().strip("'\"")]


def _parse_markdown(text: str, origin: str) -> list[StoryRecord]:
    labels, text = front_matter(text)
    stories: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    section: str | None = None
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            level, name = len(heading.group(1)), heading.group(2).strip().rstrip(":").strip()
            key = _SECTION_NAMES.get(name.lower())
            if key is not None:
                if current is None or key in current:
                    current = {}
                    stories.append(current)
                current[key] = []
                section = key
                continue
            if level == 1:
                current = {"title": [name]}
                stories.append(current)
                section = None
                continue
        if current is not None and section is not None:
            current[section].append(line)
    stories = [s for s in stories if any(k in s for k in SECTIONS)]
    if not stories:
        raise StoryInputError(
            f"{origin} is neither JSON nor Markdown with '## Situation', '## Task', '## Action', '## Result' headings"
        )
    return [StoryRecord(**{k: "\n".join(v).strip() for k, v in s.items()}, **labels) for s in stories]
