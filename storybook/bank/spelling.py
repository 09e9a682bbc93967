"""Bank: the spell check's stored words: the personal word list and the words ignored in each story.

The spelling language is a setting (``Settings.spelling_language``). The words live in the key/value
``meta`` table (no migration):

- ``spelling.words``: the personal dictionary, a JSON list (exported and imported with the bank);
- ``spelling.ignored.<story id>``: the words "Ignore in this story" was chosen for, per story, with the
  story's creation time so a later story that reuses a purged story's id starts clean (kept with the
  database, not exported: they belong to one story's draft).

Every write sends ``ChangeSet(spelling=True)`` so open editors re-check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.model.tables import Meta, Story

WORDS_KEY = "spelling.words"
IGNORED_PREFIX = "spelling.ignored."
MAX_WORD_CHARS = 100
MAX_WORDS = 20_000


def clean_word(word: Any) -> str:
    """``word`` trimmed, or ValueError with a message a user can act on."""
    if not isinstance(word, str):
        raise ValueError("A dictionary word must be text.")
    text = word.strip().replace("\u2019", "'")
    if not text:
        raise ValueError("An empty word cannot be added to the dictionary.")
    if len(text) > MAX_WORD_CHARS:
        raise ValueError(f"A dictionary word can be at most {MAX_WORD_CHARS} characters long.")
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text):
        raise ValueError("A dictionary word cannot contain spaces or control characters.")
    return text


def _read_list(session: Session, key: str) -> list[str]:
    row = session.get(Meta, key)
    try:
        data = json.loads(row.value) if row and row.value else []
    except ValueError:
        return []
    return [w for w in data if isinstance(w, str)] if isinstance(data, list) else []


def _write_list(session: Session, key: str, words: Iterable[str]) -> None:
    row = session.get(Meta, key) or Meta(key=key)
    row.value = json.dumps(sorted(set(words), key=lambda w: (w.lower(), w)), ensure_ascii=False)
    session.add(row)


def read_words(session: Session) -> list[str]:
    """The personal word list (for the export)."""
    return _read_list(session, WORDS_KEY)


def merge_words(session: Session, words: Iterable[Any]) -> int:
    """Add ``words`` (from an import) to the personal list; return how many were new. Bad entries raise."""
    current = set(_read_list(session, WORDS_KEY))
    new = {clean_word(w) for w in words} - current
    if len(current) + len(new) > MAX_WORDS:
        raise ValueError(f"The personal dictionary can hold at most {MAX_WORDS} words.")
    if new:
        _write_list(session, WORDS_KEY, current | new)
    return len(new)


class SpellingService:
    """Bank: the personal dictionary and the words ignored in each story."""

    def __init__(self, bank: BankBase) -> None:
        self._bank = bank

    def words(self) -> list[str]:
        with self._bank.unit_of_work() as session:
            return read_words(session)

    def add_word(self, word: str) -> ChangeSet:
        """Add ``word`` to the personal dictionary (a word already there changes nothing)."""
        text = clean_word(word)
        with self._bank.unit_of_work() as session:
            if text in read_words(session):
                return ChangeSet()
        with self._bank.write(ChangeSet(spelling=True)) as session:
            merge_words(session, [text])
        return ChangeSet(spelling=True)

    def remove_word(self, word: str) -> ChangeSet:
        with self._bank.write(ChangeSet(spelling=True)) as session:
            words = set(read_words(session))
            words.discard(str(word).strip())
            _write_list(session, WORDS_KEY, words)
        return ChangeSet(spelling=True)

    def ignored(self, story_id: int) -> frozenset[str]:
        """The words "Ignore in this story" was chosen for in story ``story_id``."""
        with self._bank.unit_of_work() as session:
            return frozenset(_read_ignored(session, int(story_id)))

    def ignore(self, story_id: int, word: str) -> ChangeSet:
        text = clean_word(word)
        change = ChangeSet(spelling=True)  # not a story change: the story's text stays as it is
        with self._bank.write(change) as session:
            story = session.get(Story, int(story_id))
            if story is None:
                raise ValueError("That story no longer exists.")
            words = {*_read_ignored(session, story.id), text}
            row = session.get(Meta, f"{IGNORED_PREFIX}{story.id}") or Meta(key=f"{IGNORED_PREFIX}{story.id}")
            row.value = json.dumps({"story": _identity(story), "words": sorted(words)}, ensure_ascii=False)
            session.add(row)
        return change


def _identity(story: Story) -> str:
    """Tells a story from a later one that got the same id after a purge (SQLite may reuse the last id)."""
    return story.created_at.isoformat() if story.created_at else ""


def _read_ignored(session: Session, story_id: int) -> list[str]:
    row = session.get(Meta, f"{IGNORED_PREFIX}{story_id}")
    story = session.get(Story, story_id)
    try:
        data = json.loads(row.value) if row and row.value else {}
    except ValueError:
        return []
    if story is None or not isinstance(data, dict) or data.get("story") != _identity(story):
        return []
    words = data.get("words", [])
    return [w for w in words if isinstance(w, str)] if isinstance(words, list) else []
