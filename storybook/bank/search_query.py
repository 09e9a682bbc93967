"""Bank: what a search box query means, in pure Python: its word groups, the FTS5 MATCH text, and where it matches.

A query is split into groups: each quoted phrase is one exact group, each other word a group whose last word
may be a prefix ("migrat" finds "migration"). Words are compared case- and accent-folded ("resume" finds
"résumé"), as the index's ``unicode61 remove_diacritics 2`` tokeniser does. Every group goes into MATCH as a
double-quoted string, so nothing a user types (``AND OR "(``) is read as FTS5 syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")  # what the unicode61 tokeniser keeps as one token
PHRASE = re.compile(r'"([^"]*)"?')  # an unclosed quote runs to the end of the query
MAX_GROUPS = 32  # a megabyte pasted into the box is searched by its first words, not by a megabyte of MATCH


@dataclass(frozen=True)
class WordGroup:
    """Folded words that must follow one another; ``prefix``: the last one may be the start of a word."""

    words: tuple[str, ...]
    prefix: bool

    def match_text(self) -> str:
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


def fold(word: str) -> str:
    """A word as the index compares it: accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def parse_query(text: str) -> list[WordGroup]:
    """The word groups of ``text``; empty when it holds no word at all (then nothing is filtered)."""
    groups: list[WordGroup] = []
    rest: list[str] = []
    pos = 0
    for found in PHRASE.finditer(text or ""):
        rest.append(text[pos:found.start()])
        pos = found.end()
        words = tuple(fold(w) for w in WORD.findall(found.group(1)))
        if words:
            groups.append(WordGroup(words, prefix=False))
    rest.append((text or "")[pos:])
    for chunk in " ".join(rest).split():
        words = tuple(fold(w) for w in WORD.findall(chunk))
        if words:
            groups.append(WordGroup(words, prefix=True))
    unique = list(dict.fromkeys(groups))
    return unique[:MAX_GROUPS]


def match_expression(groups: list[WordGroup]) -> str | None:
    """The FTS5 MATCH text: every group must be there (None when there is no group)."""
    return " AND ".join(g.match_text() for g in groups) or None


def match_spans(text: str, groups: list[WordGroup]) -> list[tuple[int, int]]:
    """Character spans (start, end) in ``text`` where any group matches, whole words, in order, not overlapping."""
    if not groups or not text:
        return []
    folded = fold_aligned(text)
    return [m.span() for m in _pattern(tuple(groups)).finditer(folded)]


def matches_any(text: str, groups: list[WordGroup]) -> bool:
    """Does any group match somewhere in ``text``."""
    return bool(groups and text) and _pattern(tuple(groups)).search(fold_aligned(text)) is not None


def has_match(text: str, groups: list[WordGroup]) -> bool:
    """Does every group match somewhere in ``text`` (the fallback when SQLite lacks FTS5)."""
    folded = fold_aligned(text)
    return all(_pattern((g,)).search(folded) for g in groups)


def fold_aligned(text: str) -> str:
    """``text`` folded character by character, so a position in it is the same position in ``text``."""
    return text.lower() if text.isascii() else "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = fold(char)
    if len(folded) == 1:
        return folded
    return " " if not folded else char.lower()[:1] or " "


@lru_cache(maxsize=256)
def _pattern(groups: tuple[WordGroup, ...]) -> re.Pattern[str]:
    """One regular expression for all groups, longest phrase first, over folded text, matching whole words."""
    parts = []
    for group in sorted(groups, key=lambda g: len(g.words), reverse=True):
        words = r"[\W_]+".join(re.escape(w) for w in group.words)
        parts.append(words + (r"[^\W_]*" if group.prefix else r"(?![^\W_])"))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")")
