"""Analysis: a word-level comparison of two texts (pure logic, no Qt), for the story history.

Texts are split into tokens that keep everything: runs of letters and digits, runs of whitespace, and runs
of other characters (punctuation, emoji with their joiners), so joining the tokens of a run gives the
original text back. ``difflib`` then matches the tokens.

Large texts never freeze the caller. A common start and end are taken off first (cheap, linear). If the
rest is still larger than ``MAX_WORD_TOKENS`` tokens on a side, it is compared paragraph by paragraph,
and only changed paragraph blocks under the cap are compared word by word; a block over the cap is shown
as deleted and inserted whole, and the result says it was ``coarse``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]+")
LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
MAX_WORD_TOKENS = 6000  # per side: word-by-word matching of more than this is done per paragraph block
MAX_LINES = 20000  # per side: more paragraphs than this are shown as one deletion and one insertion


class Op(enum.StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class Run:
    """A stretch of text that is the same on both sides, only in the new one, or only in the old one."""

    op: Op
    text: str


@dataclass
class TextDiff:
    """The runs that turn the old text into the new one, in reading order."""

    runs: list[Run] = field(default_factory=list)
    coarse: bool = False  # part of the texts was too large to compare word by word

    @property
    def changed(self) -> bool:
        return any(r.op is not Op.EQUAL for r in self.runs)

    def old_text(self) -> str:
        return "".join(r.text for r in self.runs if r.op is not Op.INSERT)

    def new_text(self) -> str:
        return "".join(r.text for r in self.runs if r.op is not Op.DELETE)

    def counts(self) -> tuple[int, int]:
        """Words added and words removed."""
        added = sum(_words(r.text) for r in self.runs if r.op is Op.INSERT)
        removed = sum(_words(r.text) for r in self.runs if r.op is Op.DELETE)
        return added, removed


def _words(text: str) -> int:
    return sum(1 for t in TOKEN_RE.findall(text) if not t.isspace())


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return start, end


class _Builder:
    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.coarse = False

    def add(self, op: Op, text: str) -> None:
        if not text:
            return
        if self.runs and self.runs[-1].op is op:
            self.runs[-1] = Run(op, self.runs[-1].text + text)
        else:
            self.runs.append(Run(op, text))

    def replace(self, old: str, new: str) -> None:
        self.add(Op.DELETE, old)
        self.add(Op.INSERT, new)


def _match(builder: _Builder, a: list[str], b: list[str]) -> None:
    """Word-level runs of two token lists (each under the cap)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            builder.add(Op.EQUAL, "".join(a[i1:i2]))
        else:
            builder.replace("".join(a[i1:i2]), "".join(b[j1:j2]))


def _tokens_within_cap(builder: _Builder, a: list[str], b: list[str]) -> None:
    if len(a) <= MAX_WORD_TOKENS and len(b) <= MAX_WORD_TOKENS:
        _match(builder, a, b)
    else:
        builder.coarse = True
        builder.replace("".join(a), "".join(b))


def _by_paragraph(builder: _Builder, old: str, new: str) -> None:
    a, b = LINE_RE.findall(old), LINE_RE.findall(new)
    if len(a) > MAX_LINES or len(b) > MAX_LINES:
        builder.coarse = True
        builder.replace(old, new)
        return
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            builder.add(Op.EQUAL, "".join(a[i1:i2]))
        else:
            _tokens_within_cap(builder, tokens("".join(a[i1:i2])), tokens("".join(b[j1:j2])))


def _blocks(runs: list[Run]) -> list[list[str]]:
    """Runs as blocks: ["=", text] or ["~", deleted, inserted]."""
    blocks: list[list[str]] = []
    for run in runs:
        if run.op is Op.EQUAL:
            blocks.append(["=", run.text])
        else:
            if not blocks or blocks[-1][0] != "~":
                blocks.append(["~", "", ""])
            blocks[-1][1 if run.op is Op.DELETE else 2] += run.text
    return blocks


def _absorbs(before: list[str], same: list[str], after: list[str]) -> bool:
    size = len(same[1].strip())
    return size * 2 <= min(max(len(before[1]), len(before[2])), max(len(after[1]), len(after[2])))


def tidy(runs: list[Run]) -> list[Run]:
    """Fold short equal stretches between two larger changes into them ("the", ", ", "of"), so a rewritten
    sentence reads as one deletion and one insertion instead of a comb of fragments (one pass, linear)."""
    out: list[list[str]] = []
    for block in _blocks(runs):
        while block[0] == "~" and len(out) >= 2 and out[-1][0] == "=" and out[-2][0] == "~" \
                and _absorbs(out[-2], out[-1], block):
            same, before = out.pop(), out.pop()
            block = ["~", before[1] + same[1] + block[1], before[2] + same[1] + block[2]]
        out.append(block)
    builder = _Builder()
    for block in out:
        if block[0] == "=":
            builder.add(Op.EQUAL, block[1])
        else:
            builder.replace(block[1], block[2])
    return builder.runs


def compare(old: str, new: str) -> TextDiff:
    """Word-level runs from ``old`` to ``new`` (see the module notes on large texts)."""
    old, new = old or "", new or ""
    builder = _Builder()
    if old == new:
        builder.add(Op.EQUAL, old)
        return TextDiff(builder.runs)
    a, b = tokens(old), tokens(new)
    start, end = _common_ends(a, b)
    builder.add(Op.EQUAL, "".join(a[:start]))
    mid_a, mid_b = a[start:len(a) - end], b[start:len(b) - end]
    if len(mid_a) <= MAX_WORD_TOKENS and len(mid_b) <= MAX_WORD_TOKENS:
        _match(builder, mid_a, mid_b)
    else:
        _by_paragraph(builder, "".join(mid_a), "".join(mid_b))
    builder.add(Op.EQUAL, "".join(a[len(a) - end:]))
    return TextDiff(tidy(builder.runs), builder.coarse)


def compare_fields(old: dict[str, str], new: dict[str, str], names: tuple[str, ...]) -> dict[str, TextDiff]:
    """One comparison per named field (missing fields count as empty)."""
    return {name: compare(str(old.get(name) or ""), str(new.get(name) or "")) for name in names}
