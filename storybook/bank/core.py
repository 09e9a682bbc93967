"""Bank: the facade object that owns the engine and hands out every use case."""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from storybook.bank.base import BankBase
from storybook.bank.questions import QuestionService
from storybook.bank.settings import SettingsService
from storybook.bank.spelling import SpellingService
from storybook.bank.stored_text import StoredTextRepair
from storybook.bank.stories import StoryFilter, StoryService
from storybook.model.values import Settings
from storybook.paths import resolve_db_path
from storybook.store.db import open_engine
from storybook.store.seed import load_bank_file, seed_question_bank

if TYPE_CHECKING:
    from storybook.bank.history import HistoryService
    from storybook.bank.matching import MatchingService
    from storybook.bank.rehearsals import RehearsalService
    from storybook.bank.reports import ReportService
    from storybook.bank.short_drafts import ShortDraftService
    from storybook.bank.targets import TargetService
    from storybook.bank.transfer import TransferService

log = logging.getLogger(__name__)

__all__ = ["StoryBank", "StoryFilter"]


class StoryBank(BankBase):
    """Owns one database and hands out its use cases: stories, questions, settings, rehearsals, targets, transfer.

    Every write tells ``bank.changes`` subscribers what it changed (a ``ChangeSet``).
    """

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        super().__init__(path, engine)
        self.read_only = read_only
        self.stories = StoryService(self, on_purged=self._forget_recordings)
        self.questions = QuestionService(self)
        self.settings = SettingsService(self)
        self.spelling = SpellingService(self)  # personal dictionary, spelling language, ignored words
        self.stored_text = StoredTextRepair()  # text another tool stored as invalid UTF-8 is read, never fatal
        self.stored_text.install(engine)

    # The services below load numpy, the analysis and the portable formats: they are built on first use,
    # so a command that only lists stories starts as fast as it did. They always exist.
    @cached_property
    def rehearsals(self) -> RehearsalService:
        from storybook.bank.rehearsals import RehearsalService

        return RehearsalService(self, self.stories, self.settings)

    @cached_property
    def targets(self) -> TargetService:
        from storybook.bank.targets import TargetService

        return TargetService(self, self.stories, self.questions, self.rehearsals)

    @cached_property
    def transfer(self) -> TransferService:
        from storybook.bank.transfer import TransferService

        return TransferService(self, self.stories)

    @cached_property
    def matching(self) -> MatchingService:
        """Story-to-question fit (brings in the analysis package when first used)."""
        from storybook.bank.matching import MatchingService

        return MatchingService(self.stories, self.questions)

    @cached_property
    def reports(self) -> ReportService:
        """The stored check reports."""
        from storybook.bank.reports import ReportService

        return ReportService(self)

    @cached_property
    def short_drafts(self) -> ShortDraftService:
        """Drafted short versions (brings in the analysis package when first used)."""
        from storybook.bank.short_drafts import ShortDraftService

        return ShortDraftService(self, self.stories)

    @cached_property
    def history(self) -> HistoryService:
        """Story snapshots: list, compare, restore (bank.history)."""
        from storybook.bank.history import HistoryService

        return HistoryService(self)

    def _forget_recordings(self, story_id: int) -> None:
        """A purged story's recordings go with it (its rehearsal rows go by cascade)."""
        self.rehearsals.forget_story(story_id)

    @classmethod
    def open(cls, path: str | Path | None = None, *, seed: bool = True, read_only: bool = False) -> StoryBank:
        """Open (creating, checking and upgrading as needed) the database at ``path``.

        ``read_only`` opens an existing database without writing to it (no upgrade, no seeding); a
        write then raises DatabaseReadOnlyError.
        """
        db_path = resolve_db_path(path)
        engine = open_engine(db_path, read_only=read_only)
        bank = cls(db_path, engine, read_only=read_only)
        if seed and not read_only:
            with bank.unit_of_work() as session:
                seed_question_bank(session, load_bank_file())
        return bank

    def __enter__(self) -> StoryBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def effective_settings(self) -> tuple[Settings, str]:
        """Settings with the pace the app should use, and where that pace came from."""
        return self.rehearsals.effective_settings()
