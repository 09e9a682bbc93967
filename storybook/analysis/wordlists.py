"""Analysis: the editable word lists (hedges, fillers, vague phrases, intensifiers, placeholders).

Each list is a plain-text file in ``resources/wordlists`` (see the README there). Files are re-read when
their modification time changes, so an edit shows up at the next check without a restart.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from storybook.paths import resources_dir

log = logging.getLogger(__name__)

LIST_NAMES: tuple[str, ...] = ("hedges", "fillers", "vague", "intensifiers", "placeholders")


@dataclass(frozen=True)
class PhraseList:
    """Analysis: one word list compiled into a single regular expression, with per-phrase advice."""

    name: str
    pattern: re.Pattern[str] | None
    advice: dict[str, str]

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.pattern is not None and text else []

    def advice_for(self, phrase: str) -> str:
        return self.advice.get(_key(phrase), "")


def wordlist_dir() -> Path:
    return resources_dir() / "wordlists"


def _key(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("’", "'")).strip().lower()


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(word).replace("'", "['’]") for word in phrase.split()]
    body = r"\s+".join(parts)
    head = r"\b" if phrase[:1].isalnum() else ""
    tail = r"\b" if phrase[-1:].isalnum() else ""
    return f"{head}{body}{tail}"


def parse_list(name: str, text: str) -> PhraseList:
    """Compile the lines of one list file; longer phrases are tried first so 'a lot of' beats 'a lot'."""
    phrases: list[str] = []
    advice: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        phrase, _, tip = line.partition("|")
        phrase = phrase.strip()
        if phrase:
            phrases.append(phrase)
            if tip.strip():
                advice[_key(phrase)] = tip.strip()
    if not phrases:
        return PhraseList(name, None, advice)
    phrases.sort(key=len, reverse=True)
    if name == "placeholders":
        alternatives = [_phrase_regex(p) if p != p.lower() else f"(?i:{_phrase_regex(p)})" for p in phrases]
        return PhraseList(name, re.compile("|".join(alternatives)), advice)
    return PhraseList(name, re.compile("|".join(_phrase_regex(p) for p in phrases), re.IGNORECASE), advice)


class WordLists:
    """Analysis: loads the word lists from one folder and reloads a file when it changes on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or wordlist_dir()
        self._cache: dict[str, tuple[float, PhraseList]] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> PhraseList:
        path = self.folder / f"{name}.txt"
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        with self._lock:
            cached = self._cache.get(name)
            if cached is not None and cached[0] == mtime:
                return cached[1]
            compiled = parse_list(name, self._read(path))
            self._cache[name] = (mtime, compiled)
            return compiled

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            log.warning("word list %s is missing; that check finds nothing", path)
            return ""
