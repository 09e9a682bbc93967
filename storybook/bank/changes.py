"""Bank: what a write changed (in the spirit of Anki's OpChanges), so each screen refreshes only what it shows."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChangeSet:
    """Which stories, questions, targets, settings and rehearsals one write touched."""

    stories: frozenset[int] = frozenset()  # stories whose fields or links changed
    story_list: bool = False  # a story was added, trashed, restored or purged: lists and counts change
    trash: bool = False  # the trash gained or lost a story
    questions: bool = False  # the question bank or a question's links changed
    targets: bool = False
    settings: bool = False
    rehearsals: bool = False  # a run was saved, measured, rated or deleted (the measured pace may move)
    spelling: bool = False  # the personal word list, the spelling language or a story's ignored words

    @classmethod
    def of_stories(cls, ids: Iterable[int | None], **flags: bool) -> ChangeSet:
        return cls(stories=frozenset(i for i in ids if i is not None), **flags)

    @classmethod
    def everything(cls) -> ChangeSet:
        """An import or a restore: any screen may be out of date."""
        return cls(story_list=True, trash=True, questions=True, targets=True, settings=True)

    @property
    def empty(self) -> bool:
        return self == ChangeSet()

    @property
    def pace_may_change(self) -> bool:
        """The effective settings depend on the stored settings and on recorded runs."""
        return self.settings or self.rehearsals

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            stories=self.stories | other.stories, story_list=self.story_list or other.story_list,
            trash=self.trash or other.trash, questions=self.questions or other.questions,
            targets=self.targets or other.targets, settings=self.settings or other.settings,
            rehearsals=self.rehearsals or other.rehearsals,
            spelling=self.spelling or other.spelling,
        )


Listener = Callable[[ChangeSet], None]


class ChangeHub:
    """Tells every subscriber what a committed write changed; a failing subscriber never undoes the write."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, change: ChangeSet) -> ChangeSet:
        """Send ``change`` (after its transaction committed) and return it, so a write can also return it."""
        if change.empty:
            return change
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("A change listener failed for %s", change)
        return change
