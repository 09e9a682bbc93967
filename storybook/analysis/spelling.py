"""Spell checking of story text: which words to check, cached dictionary look-ups and suggestions.

Pure logic, no Qt. A ``SpellChecker`` wraps a ``Dictionary`` (anything with ``spell(word) -> bool`` and
``suggest(word) -> list[str]``; the Hunspell one comes from ``analysis.dictionaries``) and adds what a
writer of interview stories expects: measures ("3.5k", "40%", "$2M", "Q3"), acronyms ("KPIs"), URLs, e-mail
addresses, code-like tokens (snake_case, camelCase, paths, dotted.names), words in the personal list and
words ignored in one story are never marked, and words in non-Latin scripts (Arabic, Hebrew, Cyrillic, CJK,
...) are not marked as English misspellings.

Look-ups are cached per word, so re-checking a paragraph after one keystroke costs a dictionary call only
for the word being typed; suggestions are computed only when asked for (a right-click).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

US = "en_US"
UK = "en_GB"
LANGUAGES: dict[str, str] = {US: "English (US)", UK: "English (UK)"}
# Locales whose English follows British spelling; any other locale gets US spelling by default.
UK_REGIONS = frozenset({"GB", "UK", "IE", "AU", "NZ", "ZA", "IN", "SG", "HK", "MT", "CY", "KE", "NG", "PK"})
MAX_WORD_CHARS = 100  # longer "words" are pasted junk (a hash, a base64 blob): never looked up
MAX_SUGGESTIONS = 5
_CACHE_LIMIT = 50_000

_CHUNK = re.compile(r"\S+")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOTTED = re.compile(r"\w\.\w")
_FILE_EXT = re.compile(r"\.[A-Za-z0-9]{1,5}$")
# A word: letters with inner apostrophes or hyphens ("sign-offs" is looked up whole, then by its parts);
# a slash splits ("and/or").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_PART = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_EDGE = "\"'()[]{}<>.,;:!?\u2018\u2019\u201c\u201d\u00ab\u00bb*\u2026"


class Dictionary(Protocol):
    """A word list that can say whether a word is spelled right and suggest corrections."""

    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary does not know, at ``start:end`` (Python string offsets) of the checked text."""

    start: int
    end: int
    word: str


def default_language(locale_name: str) -> str:
    """The spelling a locale name such as "en_GB.UTF-8" or "en-AU" suggests: UK for British-style regions."""
    base = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    parts = base.split("_")
    region = parts[1].upper() if len(parts) > 1 else ""
    return UK if region in UK_REGIONS else US


def language_label(code: str) -> str:
    return LANGUAGES.get(code, code)


@lru_cache(maxsize=4096)
def _latin_letter(ch: str) -> bool:
    if ch.isascii():
        return True
    try:
        return unicodedata.name(ch).startswith("LATIN")
    except ValueError:
        return False


def is_latin_word(word: str) -> bool:
    """True when every letter is Latin: other scripts are not English misspellings."""
    return all(_latin_letter(ch) for ch in word if ch.isalpha())


def is_acronym(word: str) -> bool:
    """ "KPI", "KPIs", "OKRs", "SaaS"-like all-caps words (a plural 's' allowed) are never marked."""
    core = word[:-1] if len(word) > 2 and word.endswith("s") else word
    return len(core) >= 2 and core.isupper()


def is_code_like(chunk: str) -> bool:
    """URLs, e-mail addresses, paths, snake_case, camelCase, dotted.names and anything with a digit."""
    if any(ch.isdigit() for ch in chunk) or "_" in chunk or "@" in chunk:
        return bool(chunk)
    if _URL.match(chunk) or _EMAIL.match(chunk) or _CAMEL.search(chunk) or _DOTTED.search(chunk):
        return True
    if "\\" in chunk or chunk.startswith(("/", "~", "./", "../")):
        return True
    return "/" in chunk and bool(_FILE_EXT.search(chunk))


def candidate_words(text: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, word)`` for each word the skip rules leave to the dictionary, in text order."""
    for chunk in _CHUNK.finditer(text):
        offset = chunk.start()
        for start, end, word in chunk_words(chunk.group()):
            yield offset + start, offset + end, word


@lru_cache(maxsize=65_536)
def chunk_words(raw: str) -> tuple[tuple[int, int, str], ...]:
    """The words to look up in one space-free chunk, at offsets within it (cached: chunks repeat a lot)."""
    trimmed = raw.strip(_EDGE)
    if not trimmed or is_code_like(trimmed):
        return ()
    found = []
    for match in _WORD.finditer(raw):
        word = match.group()
        if len(word) < 2 or len(word) > MAX_WORD_CHARS or is_acronym(word) or not is_latin_word(word):
            continue
        found.append((match.start(), match.end(), word))
    return tuple(found)


def normalise(word: str) -> str:
    """The form looked up: typographic apostrophes as plain ones."""
    return word.replace("\u2019", "'")


class SpellChecker:
    """Checks text against one dictionary plus the personal word list; caches every look-up."""

    def __init__(self, dictionary: Dictionary, language: str = US, personal: Iterable[str] = ()) -> None:
        self.dictionary = dictionary
        self.language = language
        self._personal: frozenset[str] = frozenset()
        self._cache: dict[str, bool] = {}
        self.set_personal(personal)

    def set_personal(self, words: Iterable[str]) -> None:
        """The user's own words; they match as written and in lower case ("Kubernetes", "kubernetes")."""
        cleaned = {normalise(w.strip()) for w in words if w and w.strip()}
        self._personal = frozenset(cleaned | {w.lower() for w in cleaned})

    def knows(self, word: str) -> bool:
        """True when ``word`` is spelled right (dictionary or personal list)."""
        key = normalise(word)
        known = self._cache.get(key)
        if known is None:
            known = self._look_up(key)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = known
        return known or key in self._personal or key.lower() in self._personal

    def _look_up(self, word: str) -> bool:
        try:
            if self.dictionary.spell(word):
                return True
            return word.endswith("'s") and len(word) > 3 and self.dictionary.spell(word[:-2])
        except (UnicodeError, ValueError):  # a letter the dictionary's encoding cannot hold: not ours to judge
            return True

    def misspellings(self, text: str, ignored: Iterable[str] = ()) -> list[Misspelling]:
        """Every word of ``text`` that is not known and not ``ignored`` (in this story).

        A hyphenated word the dictionary knows whole ("sign-offs") is fine; otherwise each part is judged.
        """
        skip = {normalise(w) for w in ignored}
        out: list[Misspelling] = []
        for start, end, word in candidate_words(text):
            if self.knows(word) or normalise(word) in skip:
                continue
            if "-" not in word:
                out.append(Misspelling(start, end, word))
                continue
            for part in _PART.finditer(word):
                piece = part.group()
                if len(piece) > 1 and not is_acronym(piece) and not self.knows(piece) and normalise(piece) not in skip:
                    out.append(Misspelling(start + part.start(), start + part.end(), piece))
        return out

    def suggestions(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to ``limit`` corrections for ``word``, best first (slow: call it on a right-click, not per key)."""
        try:
            found = self.dictionary.suggest(normalise(word))
        except (UnicodeError, ValueError):
            return []
        out: list[str] = []
        # Whole words first: "plat from" for "platfrom" is rarely what was meant.
        for candidate in sorted(found, key=lambda c: " " in c or "-" in c and "-" not in word):
            if candidate != word and candidate not in out:
                out.append(candidate)
            if len(out) >= limit:
                break
        return out
