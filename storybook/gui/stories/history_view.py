"""GUI: a word-level comparison of two versions of a story as rich text (additions green and underlined,
deletions red and struck through), in colours that read on light and dark palettes.

Long unchanged stretches are shortened to their ends and unchanged fields are only named, so a megabyte
story renders at once; the comparison itself is :func:`storybook.analysis.textdiff.compare`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QPalette

from storybook.analysis.textdiff import Op, TextDiff, compare
from storybook.bank.snapshots import SNAPSHOT_FIELDS
from storybook.model.values import StoryRecord

FIELD_LABELS = {"title": "Title", "situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
                "reflection": "Reflection", "short_version": "Short version", "notes": "Notes"}
KEEP_CONTEXT = 320  # characters kept at each end of a long unchanged stretch


@dataclass(frozen=True)
class DiffColors:
    """Text and background colours for added and removed words."""

    added: str
    added_bg: str
    removed: str
    removed_bg: str
    muted: str

    @classmethod
    def for_palette(cls, palette: QPalette) -> DiffColors:
        if palette.color(QPalette.ColorRole.Base).lightness() < 128:  # a dark theme
            return cls("#8ce99a", "#113a1d", "#ff9c9c", "#4a1618", "#a0a0a0")
        return cls("#0a5c1f", "#d3f5dc", "#a40e1c", "#fde0e2", "#6b6b6b")


@dataclass(frozen=True)
class StoryDiff:
    """The comparison of two versions: per-field runs and what else changed."""

    fields: dict[str, TextDiff]
    other: list[str]  # "Status: draft → ready", "Tags: added q2; removed q1"

    @property
    def words(self) -> tuple[int, int]:
        added = sum(d.counts()[0] for d in self.fields.values())
        removed = sum(d.counts()[1] for d in self.fields.values())
        return added, removed

    @property
    def coarse(self) -> bool:
        return any(d.coarse for d in self.fields.values())

    @property
    def changed(self) -> bool:
        return bool(self.other) or any(d.changed for d in self.fields.values())


def _list_change(label: str, old: list[str], new: list[str]) -> str | None:
    added = [x for x in new if x not in old]
    removed = [x for x in old if x not in new]
    if not added and not removed:
        return None
    parts = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
    return f"{label}: {'; '.join(parts)}"


def compare_stories(old: StoryRecord, new: StoryRecord) -> StoryDiff:
    fields = {name: compare(getattr(old, name) or "", getattr(new, name) or "") for name in SNAPSHOT_FIELDS}
    other = [f"Status: {old.status} \u2192 {new.status}"] if old.status != new.status else []
    for label, a, b in (("Competencies", old.competencies, new.competencies), ("Tags", old.tags, new.tags),
                        ("Cue cards", old.cue_cards, new.cue_cards)):
        line = _list_change(label, list(a), list(b))
        if line:
            other.append(line)
    return StoryDiff(fields, other)


def _text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _head(text: str) -> str:
    cut = text[:KEEP_CONTEXT]
    space = cut.rfind(" ")
    return cut[:space + 1] if space > KEEP_CONTEXT // 2 else cut


def _tail(text: str) -> str:
    cut = text[-KEEP_CONTEXT:]
    space = cut.find(" ")
    return cut[space:] if 0 <= space < KEEP_CONTEXT // 2 else cut


def _shorten(text: str, first: bool, last: bool) -> str:
    """An unchanged stretch keeps its ends near the changes (whole words); the middle becomes an ellipsis."""
    if len(text) <= 2 * KEEP_CONTEXT + 40:
        return _text(text)
    head = "" if first else _head(text)
    tail = "" if last else _tail(text)
    return f"{_text(head)}<i>[\u2026]</i>{_text(tail)}"


def _runs_html(diff: TextDiff, colors: DiffColors) -> str:
    out = []
    last = len(diff.runs) - 1
    for index, run in enumerate(diff.runs):
        if run.op is Op.EQUAL:
            out.append(_shorten(run.text, first=index == 0, last=index == last))
        elif run.op is Op.INSERT:
            if index and diff.runs[index - 1].op is Op.DELETE:
                out.append("&#8201;")  # a thin space, so "old" and "new" do not read as one word
            out.append(f'<span style="color:{colors.added}; background-color:{colors.added_bg}; '
                       f'text-decoration: underline;">{_text(run.text)}</span>')
        else:
            out.append(f'<span style="color:{colors.removed}; background-color:{colors.removed_bg}; '
                       f'text-decoration: line-through;">{_text(run.text)}</span>')
    return "".join(out)


def diff_html(diff: StoryDiff, colors: DiffColors) -> str:
    """The comparison as HTML for a QTextBrowser: each changed field under its heading, then the unchanged
    ones named in one line."""
    parts = []
    if diff.other:
        parts.append("<p>" + "<br>".join(_text(line) for line in diff.other) + "</p>")
    unchanged = []
    for name, field_diff in diff.fields.items():
        label = FIELD_LABELS.get(name, name)
        if field_diff.changed:
            parts.append(f"<h3>{label}</h3><p>{_runs_html(field_diff, colors)}</p>")
        elif field_diff.runs:
            unchanged.append(label)
    if unchanged:
        parts.append(f'<p style="color:{colors.muted};">Unchanged: {", ".join(unchanged)}.</p>')
    if not diff.changed:
        parts.insert(0, f'<p style="color:{colors.muted};"><i>These two versions are the same.</i></p>')
    return "".join(parts)
