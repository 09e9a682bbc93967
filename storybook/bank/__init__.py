"""Bank: the one way into the data. ``StoryBank.open(path)`` hands out the use cases."""

from __future__ import annotations

from storybook.bank.core import StoryBank, StoryFilter
from storybook.store.errors import (
    BackupError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    NotFoundError,
    RestoreError,
    SchemaTooNewError,
    StoreError,
)

__all__ = ["BackupError", "DatabaseDamagedError", "DatabaseLockedError", "DatabaseMissingError",
           "DatabaseReadOnlyError", "NotFoundError", "RestoreError", "SchemaTooNewError", "StoreError",
           "StoryBank", "StoryFilter"]
