"""Export: read stories from a Word document (written in Word, LibreOffice or Google Docs) into plain records.

One story per Heading 1 (or per Title paragraph); within a story the four parts are found by headings
("Situation", "## S", "Action") or by bold labels at the start of a paragraph ("**Result:** we shipped").
A document without any Heading 1 is one story named by its title property or its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storybook.export.markdown_variants import section_for

MAX_BYTES = 50_000_000


class DocxImportError(ValueError):
    """Export: the file cannot be read as a Word document; the message says why."""


@dataclass
class DocxStories:
    """Export: the stories found in one document, and what was left out or guessed."""

    records: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


def _heading_level(paragraph: Any) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    match = re.match(r"^Heading (\d)$", name)
    return int(match.group(1)) if match else None


def _bold_label(paragraph: Any) -> tuple[str | None, str]:
    """(section, the text after the label) when the paragraph starts with a bold label like "Situation:"."""
    runs = [r for r in paragraph.runs if r.text]
    label = ""
    for index, run in enumerate(runs):
        if not run.bold:
            break
        label += run.text
        name = section_for(label.strip())
        if name and (label.rstrip().endswith(":") or index + 1 == len(runs) or
                     runs[index + 1].text.lstrip().startswith(":") or not runs[index + 1].bold):
            rest = "".join(r.text for r in runs[index + 1 :]).strip().lstrip(":").strip()
            return name, rest
    return None, ""


class _Builder:
    """Collects paragraphs into story records as headings and labels go by."""

    def __init__(self, fallback_title: str) -> None:
        self.records: list[dict[str, Any]] = []
        self.fallback_title = fallback_title
        self.current: dict[str, Any] | None = None
        self.section = "notes"

    def start(self, title: str) -> None:
        self.current = {"title": title, "situation": "", "task": "", "action": "", "result": "", "reflection": "",
                        "short_version": "", "notes": "", "cue_cards": [], "competencies": [], "tags": [],
                        "status": "draft"}
        self.records.append(self.current)
        self.section = "notes"

    def add(self, text: str) -> None:
        if not text.strip():
            return
        if self.current is None:
            self.start(self.fallback_title)
        assert self.current is not None
        if self.section == "cue_cards":
            self.current["cue_cards"].append(text.strip())
            return
        before = self.current[self.section]
        self.current[self.section] = f"{before}\n\n{text.strip()}" if before else text.strip()


def _open(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        if path.stat().st_size > MAX_BYTES:
            raise DocxImportError(f"{path.name} is larger than 50 MB")
        return docx.Document(str(path))
    except PackageNotFoundError as exc:
        raise DocxImportError(f"{path.name} is not a Word (.docx) document") from exc
    except OSError as exc:
        raise DocxImportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (KeyError, ValueError) as exc:  # a zip that is not a complete document
        raise DocxImportError(f"{path.name} is damaged or not a Word document ({exc})") from exc


def read_docx_stories(path: Path) -> DocxStories:
    """Every story in the document, in order."""
    document = _open(path)
    fallback = (document.core_properties.title or "").strip() or path.stem.replace("_", " ").replace("-", " ")
    builder = _Builder(fallback)
    warnings: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        level = _heading_level(paragraph)
        if level == 1 and text:
            builder.start(text)
            continue
        if level is not None and (name := section_for(text)):
            if builder.current is None:
                builder.start(fallback)
            builder.section = name
            continue
        name, rest = _bold_label(paragraph)
        if name:
            if builder.current is None:
                builder.start(fallback)
            builder.section = name
            builder.add(rest)
            continue
        builder.add(text)
    if document.tables:
        warnings.append(f"{len(document.tables)} table(s) were left out; only paragraphs are read")
    records = []
    for record in builder.records:
        if not any(record[n] for n in ("situation", "task", "action", "result")):
            label = record["title"] or "a story"
            if not record["notes"]:
                warnings.append(f"{label!r} has no text; left out")
                continue
            warnings.append(f"{label!r}: no Situation / Task / Action / Result headings or labels; "
                            "the text was kept as notes")
        records.append(record)
    return DocxStories(records=records, warnings=warnings)
