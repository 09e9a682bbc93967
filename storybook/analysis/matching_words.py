"""Analysis: the word lists behind story-question matching (competency signals and key-point ideas).

Both are plain-text files in ``resources/wordlists`` that the user can edit; see the header of each file.
Words are compared as *keys*: the spaCy lemma, lower-cased and lightly stemmed, so the same function
reads the lists and the stories and the basic engine (which has no lemmatizer) still matches most forms.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from storybook.analysis.wordlists import wordlist_dir

log = logging.getLogger(__name__)

SIGNALS_FILE = "competency_signals.txt"
CONCEPTS_FILE = "keypoint_concepts.txt"
MARKERS: frozenset[str] = frozenset({"#number", "#result", "#reflection", "#situation"})
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ies", "y"), ("ings", ""), ("ing", ""), ("ed", ""), ("s", ""),
)


def stem(word: str) -> str:
    """A light, predictable stem of a lemma: 'decided' -> 'decid', 'meetings' -> 'meet'."""
    w = word.lower().replace("’", "'")
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss"):
            return w[: -len(suffix)] + repl
    return w


def phrase_key(phrase: str) -> str:
    """The key of a word-list phrase: each word stemmed, joined by one space."""
    return " ".join(stem(w) for w in phrase.replace("-", " ").split())


@dataclass(frozen=True)
class Concept:
    """One idea a key point can ask for: the words that call for it and the words that show it."""

    name: str
    triggers: frozenset[str]
    evidence: frozenset[str]


@dataclass(frozen=True)
class MatchingWords:
    """The parsed competency signals and key-point concepts."""

    signals: dict[str, frozenset[str]]
    concepts: tuple[Concept, ...]

    @classmethod
    def load(cls, folder: Path | None = None) -> MatchingWords:
        folder = folder or wordlist_dir()
        return cls(signals=parse_signals(_read(folder / SIGNALS_FILE)),
                   concepts=parse_concepts(_read(folder / CONCEPTS_FILE)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("Cannot read word list %s: %s", path, exc)
        return ""


def _lines(text: str) -> list[str]:
    return [s for s in (raw.strip() for raw in text.splitlines()) if s and not s.startswith("#")]


def _keys(words: str) -> frozenset[str]:
    out = set()
    for word in words.split(","):
        word = word.strip()
        if word:
            out.add(word if word in MARKERS else phrase_key(word))
    return frozenset(out)


def parse_signals(text: str) -> dict[str, frozenset[str]]:
    signals: dict[str, frozenset[str]] = {}
    for line in _lines(text):
        key, sep, words = line.partition(":")
        if sep:
            signals[key.strip()] = _keys(words)
    return signals


def parse_concepts(text: str) -> tuple[Concept, ...]:
    concepts: list[Concept] = []
    for line in _lines(text):
        name, sep, rest = line.partition(":")
        asks, bar, shows = rest.partition("|")
        if sep and bar:
            concepts.append(Concept(name.strip(), _keys(asks), _keys(shows)))
    return tuple(concepts)
