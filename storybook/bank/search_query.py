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
    tokens = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        length = _longest_at(tokens, i, groups)
        if length:
            spans.append((tokens[i][0], tokens[i + length - 1][1]))
            i += length
        else:
            i += 1
    return spans


def _longest_at(tokens: list[tuple[int, int, str]], i: int, groups: list[WordGroup]) -> int:
    best = 0
    for group in groups:
        n = len(group.words)
        if n <= best or i + n > len(tokens):
            continue
        if all(tokens[i + k][2] == group.words[k] for k in range(n - 1)) and _last_ok(tokens[i + n - 1][2], group):
            best = n
    return best


def _last_ok(token: str, group: WordGroup) -> bool:
    return token.startswith(group.words[-1]) if group.prefix else token == group.words[-1]


def has_match(text: str, groups: list[WordGroup]) -> bool:
    """Does every group match somewhere in ``text`` (the fallback when SQLite lacks FTS5)."""
    found = {g for g in groups if match_spans(text, [g])}
    return len(found) == len(groups)
