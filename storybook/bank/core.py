"""Bank: the facade object that owns the engine and the transactions."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storybook.bank.questions import QuestionService
from storybook.bank.settings import SettingsService
from storybook.bank.stored_text import StoredTextRepair
from storybook.bank.stories import StoryFilter, StoryService
from storybook.model.values import Settings
from storybook.paths import recordings_dir, resolve_db_path
from storybook.store.db import open_engine, read_revision, session_scope
from storybook.store.seed import load_bank_file, seed_question_bank

log = logging.getLogger(__name__)

__all__ = ["StoryBank", "StoryFilter"]


class StoryBank:
    """Bank: owns one database and hands out its use cases (stories, questions, settings, ...)."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.stories = StoryService(self)
        self.questions = QuestionService(self)
        self.settings = SettingsService(self)
        self._extra_services: dict[str, object] = {}
        self.stored_text = StoredTextRepair()  # text another tool stored as invalid UTF-8 is read, never fatal
        self.stored_text.install(engine)

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

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> StoryBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    @property
    def schema_revision(self) -> str | None:
        return read_revision(self.path)

    @property
    def recordings_dir(self) -> Path:
        return recordings_dir(self.path)

    def effective_settings(self) -> tuple[Settings, str]:
        """Settings with the pace the app should use, and where that pace came from."""
        settings = self.settings.get()
        if settings.use_measured_pace:
            try:
                measured = self.rehearsals.personal_pace()
            except ImportError:
                measured = None
            if measured:
                settings.pace_wpm = round(float(measured), 1)
                settings.pace_source = "measured"
                return settings, "measured"
        settings.pace_source = "default" if settings.pace_wpm == 150 else "settings"
        return settings, settings.pace_source

    def on_story_purged(self, story_id: int) -> None:
        """Remove files that belonged to a purged story; its rows go by cascade."""
        self.rehearsals.forget_story(story_id)

    @property
    def rehearsals(self):  # noqa: ANN201  (imported lazily: the rehearsal use cases are optional)
        if "rehearsals" not in self._extra_services:
            from storybook.bank.rehearsals import RehearsalService

            self._extra_services["rehearsals"] = RehearsalService(self)
        return self._extra_services["rehearsals"]

    @property
    def matching(self):  # noqa: ANN201  (imported lazily: it brings in the analysis package)
        if "matching" not in self._extra_services:
            from storybook.bank.matching import MatchingService

            self._extra_services["matching"] = MatchingService(self)
        return self._extra_services["matching"]

    @property
    def targets(self):  # noqa: ANN201
        if "targets" not in self._extra_services:
            from storybook.bank.targets import TargetService

            self._extra_services["targets"] = TargetService(self)
        return self._extra_services["targets"]

    @property
    def reports(self):  # noqa: ANN201  (the stored check reports; imported when first used)
        if "reports" not in self._extra_services:
            from storybook.bank.reports import ReportService

            self._extra_services["reports"] = ReportService(self)
        return self._extra_services["reports"]
