"""Bank: the errors the GUI and the CLI catch (and the schema head), re-exported so neither imports the store."""

from __future__ import annotations

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
from storybook.store.revisions import head_revision

__all__ = ["BackupError", "DatabaseDamagedError", "DatabaseLockedError", "DatabaseMissingError",
           "DatabaseReadOnlyError", "NotFoundError", "RestoreError", "SchemaTooNewError", "StoreError",
           "head_revision"]
