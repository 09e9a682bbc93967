"""Bank: the desktop app's bank while it starts: the first screen is read with sqlite3, the full bank opens after.

``DeferredBank`` answers the reads the main window makes before its first paint (the story list, one story,
competency names, tags, settings) from a ``BankReader``, so the window shows without importing SQLAlchemy.
Everything else (any write, any other use case) opens the full ``StoryBank`` first, and from then on every call
goes to it: the reader is never asked to do what only the bank can. ``open_now()`` is called right after the
first paint, so by the time the user edits anything the full bank (with its checks and migrations) is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybook.bank.changes import ChangeHub
from storybook.bank.reader import BankReader

if TYPE_CHECKING:
    from storybook.bank.core import StoryBank

log = logging.getLogger(__name__)


def _open_bank(path: Path) -> StoryBank:
    from storybook.bank.core import StoryBank

    return StoryBank.open(path)


class _Deferred:
    """Bank: one use case (stories, questions, settings): the reader's answer until the full bank is open."""

    def __init__(self, owner: DeferredBank, name: str, early: dict[str, Callable[..., Any]]) -> None:
        self._owner = owner
        self._name = name
        self._early = early

    def __getattr__(self, attr: str) -> Any:
        if self._owner.is_open or attr not in self._early:
            return getattr(getattr(self._owner.real(), self._name), attr)
        return self._early[attr]


class DeferredBank:
    """Bank: a StoryBank stand-in for the start-up; see the module docstring."""

    def __init__(self, reader: BankReader, opener: Callable[[Path], StoryBank] = _open_bank) -> None:
        self.path = reader.path
        self._reader: BankReader | None = reader
        self._opener = opener
        self._real: StoryBank | None = None
        self.read_only = False  # the reader declines files it could not write; those open the usual way
        self.changes = ChangeHub()  # screens subscribe before the full bank opens; it then reports here
        self.stories = _Deferred(self, "stories", {
            "summaries": reader.summaries, "search_texts": reader.search_texts, "get": self._story,
            "coverage": reader.coverage,
            "search": reader.search, "search_ids": reader.search_ids,
            "all_tags": reader.all_tags, "count": lambda trashed=False: len(reader.summaries(trashed=trashed))})
        self.questions = _Deferred(self, "questions", {"competency_names": reader.competency_names})
        self.settings = _Deferred(self, "settings", {"get": reader.settings})

    @property
    def is_open(self) -> bool:
        return self._real is not None

    def real(self) -> StoryBank:
        """The full bank, opened now if it is not yet (the reader is closed then)."""
        if self._real is None:
            self._real = self._opener(self.path)
            self._real.changes = self.changes
            reader, self._reader = self._reader, None
            if reader is not None:
                reader.close()
            log.info("opened the full bank behind the first screen")
        return self._real

    def open_now(self) -> None:
        self.real()

    def effective_settings(self) -> tuple[Any, str]:
        """Before the full bank is open: the stored settings (the measured pace needs the rehearsals)."""
        if self._real is not None or self._reader is None:
            return self.real().effective_settings()
        settings = self._reader.settings()
        settings.pace_source = "default" if settings.pace_wpm == 150 else "settings"
        return settings, settings.pace_source

    def _story(self, story_id: int) -> Any:
        record = self._reader.story(story_id) if self._reader is not None else None
        if record is None:  # gone, or something only the full bank can explain: let it say so
            return self.real().stories.get(story_id)
        return record

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._real is not None:
            self._real.close()

    def __enter__(self) -> DeferredBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)
