"""Bank: drafting a story's short version, and never overwriting one the user wrote.

The digest of the last draft put into a story's short version is kept in the ``Meta`` table
(``short_draft:<story id>``). A short version may be (re)drafted when it is empty, when it is still that
untouched draft, or when it equals what drafting gives now; anything else is the user's own text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storybook.analysis.short_version import ShortDraft, draft_digest, draft_short_version
from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.stories import StoryService, clean_text
from storybook.model.tables import Meta, Story, utcnow
from storybook.store.errors import NotFoundError

if TYPE_CHECKING:
    from storybook.analysis.nlp import Engine
    from storybook.model.values import Settings, StoryRecord

META_PREFIX = "short_draft:"
EDITED_MESSAGE = ("The short version holds text you wrote or edited, so it was not replaced. "
                  "Clear the field first if you want a new draft.")


class ShortVersionEditedError(ValueError):
    """The short version is the user's own text: a draft must not replace it."""

    def __init__(self, message: str = EDITED_MESSAGE) -> None:
        super().__init__(message)


class ShortDraftService:
    """Bank: drafts short versions and remembers which short versions are untouched drafts."""

    def __init__(self, bank: BankBase, stories: StoryService) -> None:
        self._bank = bank
        self._stories = stories

    def draft(self, story: StoryRecord | int, settings: Settings, engine: Engine | None = None) -> ShortDraft:
        """A draft for ``story`` at the pace and short-version time of ``settings`` (nothing is stored)."""
        record = self._stories.get(story) if isinstance(story, int) else story
        return draft_short_version(record, settings.pace_wpm, settings.short_seconds, engine)

    def last_digest(self, story_id: int) -> str:
        with self._bank.unit_of_work() as session:
            row = session.get(Meta, f"{META_PREFIX}{story_id}")
            return row.value if row is not None else ""

    def is_untouched_draft(self, story_id: int, text: str) -> bool:
        """True when ``text`` is exactly the last draft put into this story (spacing aside)."""
        digest = self.last_digest(story_id)
        return bool(digest) and bool(text.strip()) and draft_digest(text) == digest

    def may_replace(self, story_id: int, current: str, fresh: ShortDraft | None = None) -> bool:
        """An empty field, an untouched draft or a field equal to the fresh draft may be replaced."""
        if not current.strip() or self.is_untouched_draft(story_id, current):
            return True
        return fresh is not None and draft_digest(current) == fresh.digest

    def remember(self, story_id: int, text: str) -> None:
        """Record ``text`` as the draft now in the story's short version (the editor saves the text itself)."""
        with self._bank.write(ChangeSet()) as session:
            row = session.get(Meta, f"{META_PREFIX}{story_id}") or Meta(key=f"{META_PREFIX}{story_id}")
            row.value = draft_digest(text)
            session.add(row)

    def write(self, story_id: int, settings: Settings, engine: Engine | None = None) -> ShortDraft:
        """Draft and store the short version in one transaction; refuses to replace the user's own text."""
        record = self._stories.get(story_id)
        fresh = self.draft(record, settings, engine)
        if fresh.empty:
            raise ValueError(fresh.problem)
        if not self.may_replace(story_id, record.short_version, fresh):
            raise ShortVersionEditedError()
        with self._bank.write(ChangeSet.of_stories([story_id])) as session:
            story = session.get(Story, story_id)
            if story is None:
                raise NotFoundError(f"There is no story {story_id}.")
            story.short_version = clean_text(fresh.text)
            story.updated_at = utcnow()
            session.add(story)
            row = session.get(Meta, f"{META_PREFIX}{story_id}") or Meta(key=f"{META_PREFIX}{story_id}")
            row.value = fresh.digest
            session.add(row)
        return fresh
