"""GUI: inline highlights of one STAR section (measures, hedges and vague phrases, passive voice, placeholders).

The same highlighter draws the spell check's red wavy underline (``set_spelling``): Qt keeps only one set of
formats per block, so two highlighters on one document would erase each other's marks. The underline is
merged into whatever background a check span gave those letters. ``document_highlighter`` hands out the one
highlighter of a document, so the checks and the spell check share it whichever installs first.

Spans in a report are Python string offsets; Qt counts UTF-16 code units, so an emoji before a span
shifts it. ``to_utf16`` converts, and ``select_span`` uses it to select a finding in an editor.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from storybook.gui.widgets.flow_layout import FlowLayout, flow_policy

# Translucent backgrounds: they tint the text's own background, so they read on light and dark palettes.
MEASURE = QColor(46, 160, 67, 80)
HEDGE = QColor(230, 162, 0, 95)
PASSIVE = QColor(56, 132, 255, 80)
PLACEHOLDER = QColor(225, 45, 45, 105)
SPELLING = QColor(220, 30, 30)  # the wavy underline under a misspelled word
SpellFinder = Callable[[str], list[tuple[int, int]]]  # a block's text -> (start, end) of each misspelled word

LEGEND: list[tuple[str, QColor]] = [
    ("Measure", MEASURE),
    ("Hedge or vague", HEDGE),
    ("Passive voice", PASSIVE),
    ("Placeholder", PLACEHOLDER),
]
LEGEND_TIPS: dict[str, str] = {
    "Measure": "A number that shows impact: a percentage, money, a count, time, a multiplier or a rank.",
    "Hedge or vague": "Words that make you sound unsure, or hide what you did yourself.",
    "Passive voice": "\u201cIt was fixed\u201d hides who fixed it (needs the full language engine).",
    "Placeholder": "Template text left in, such as [Company] or TODO.",
}
FINDING_COLOURS: dict[str, QColor] = {
    "hedge": HEDGE,
    "vague-claim": HEDGE,
    "filler": HEDGE,
    "unmeasured-claim": HEDGE,
    "passive-voice": PASSIVE,
    "placeholder": PLACEHOLDER,
}
# Later layers paint over earlier ones: a placeholder inside a hedge shows red.
_LAYER = {
    "measure": 0, "hedge": 1, "vague-claim": 1, "filler": 1, "unmeasured-claim": 1, "passive-voice": 2, "placeholder": 3,
}


def to_utf16(text: str, offsets: Sequence[int]) -> list[int]:
    """Python string offsets in ``text`` as UTF-16 positions (what QTextDocument counts)."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
    if not astral:
        return [max(0, min(o, len(text))) for o in offsets]
    return [max(0, min(o, len(text))) + bisect_right(astral, min(o, len(text)) - 1) for o in offsets]


def select_span(editor: QPlainTextEdit, start: int, end: int) -> None:
    """Select characters ``start:end`` (Python offsets of the editor's text) and scroll them into view."""
    text = editor.toPlainText()
    begin, finish = to_utf16(text, [start, end])
    cursor = editor.textCursor()
    cursor.setPosition(begin)
    cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


class _Span(NamedTuple):
    start: int
    stop: int
    layer: int
    fmt: QTextCharFormat


def _format(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    return fmt


class FindingsHighlighter(QSyntaxHighlighter):
    """GUI: paints the spans of a StoryReport that fall in one section's document."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: list[_Span] = []  # UTF-16 positions, sorted by start
        self._starts: list[int] = []
        self._longest = 0
        self.section = ""
        self.spelling: SpellFinder | None = None

    def set_report(self, report: Any, section: str) -> None:
        """Show the measures and the highlighted findings of ``report`` that belong to ``section``."""
        self.section = section
        raw: list[tuple[int, int, int, QColor]] = []
        if report is not None:
            for m in getattr(report, "metrics", []):
                if m.section == section:
                    raw.append((_LAYER["measure"], m.start, m.end, MEASURE))
            for f in getattr(report, "findings", []):
                if f.section == section and f.code in FINDING_COLOURS and f.end > f.start:
                    raw.append((_LAYER[f.code], f.start, f.end, FINDING_COLOURS[f.code]))
        self._set_spans(raw)

    def clear(self) -> None:
        self._set_spans([])

    def set_spelling(self, finder: SpellFinder | None) -> None:
        """Underline what ``finder`` reports in each block (None: no spell check) and repaint."""
        self.spelling = finder
        self.rehighlight()

    def span_count(self) -> int:
        return len(self._spans)

    def _set_spans(self, raw: list[tuple[int, int, int, QColor]]) -> None:
        text = self.document().toPlainText() if raw else ""
        positions = to_utf16(text, [p for r in raw for p in (r[1], r[2])])
        spans = [_Span(positions[2 * i], positions[2 * i + 1], r[0], _format(r[3])) for i, r in enumerate(raw)]
        self._spans = sorted(spans, key=lambda sp: sp.start)
        self._starts = [sp.start for sp in self._spans]
        self._longest = max((sp.stop - sp.start for sp in self._spans), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802  (Qt override)
        if self._spans:
            self._paint_spans()
        if self.spelling is not None and text:
            self._paint_spelling(text, self.spelling(text))

    def _paint_spelling(self, text: str, ranges: list[tuple[int, int]]) -> None:
        """Add the wavy underline to the formats already set on those letters (a check's background stays)."""
        positions = to_utf16(text, [p for r in ranges for p in r])
        for lo, hi in zip(positions[::2], positions[1::2], strict=True):
            run_start = lo
            for at in range(lo + 1, hi + 1):
                if at == hi or self.format(at) != self.format(run_start):
                    fmt = QTextCharFormat(self.format(run_start))
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
                    fmt.setUnderlineColor(SPELLING)
                    self.setFormat(run_start, at - run_start, fmt)
                    run_start = at

    def _paint_spans(self) -> None:
        block = self.currentBlock()
        begin = block.position()
        end = begin + block.length()
        first = bisect_right(self._starts, begin - self._longest - 1)
        last = bisect_right(self._starts, end)
        for span in sorted(self._spans[first:last], key=lambda sp: sp.layer):  # red paints over amber
            lo, hi = max(span.start, begin), min(span.stop, end)
            if hi > lo:
                self.setFormat(lo - begin, hi - lo, span.fmt)


def document_highlighter(document: QTextDocument) -> FindingsHighlighter:
    """The one highlighter of ``document`` (made on first use): the checks and the spell check share it."""
    found = document.findChild(FindingsHighlighter)
    return found if isinstance(found, FindingsHighlighter) else FindingsHighlighter(document)


def build_legend(parent: QWidget | None = None) -> QWidget:
    """Coloured swatches explaining the highlight colours; they wrap onto more lines in a narrow column."""
    box = QWidget(parent)
    box.setObjectName("findingsLegend")
    box.setSizePolicy(flow_policy())
    flow = FlowLayout(box, spacing=4)
    for label, colour in LEGEND:
        swatch = QLabel(label, box)
        rgba = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {colour.alpha()})"
        swatch.setStyleSheet(f"QLabel {{ background: {rgba}; border-radius: 3px; padding: 1px 6px; }}")
        swatch.setToolTip(LEGEND_TIPS.get(label, ""))
        flow.addWidget(swatch)
    return box
