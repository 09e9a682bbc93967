"""Bank: the personal spell-check words in the JSON export and import (the words join, never replace)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from storybook.bank.spelling import clean_word, merge_words, read_words
from storybook.bank.transfer_checks import ImportDataError
from storybook.bank.transfer_import import ImportReport


def dictionary_payload(session: Session) -> dict[str, Any]:
    """The export's ``spelling`` section."""
    return {"words": read_words(session)}


def dictionary_words(source: str, payload: dict[str, Any]) -> list[str]:
    """The personal spell-check words of a bank file (older files have none); a bad entry is refused."""
    section = payload.get("spelling", {})
    words = section.get("words", []) if isinstance(section, dict) else None
    if not isinstance(words, list):
        raise ImportDataError(source, "spelling", "'words' must be a list of words")
    cleaned = []
    for number, word in enumerate(words, 1):
        try:
            cleaned.append(clean_word(word))
        except ValueError as exc:
            raise ImportDataError(source, f"spelling, word {number}", str(exc).rstrip(".")) from None
    return cleaned


def import_dictionary(session: Session, words: list[str], report: ImportReport) -> None:
    """The file's personal words join this bank's list (an import never removes a word)."""
    report.dictionary_words_added += merge_words(session, words)
