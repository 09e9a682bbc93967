"""Bank: the errors the GUI and the CLI catch (and the schema head), re-exported so neither imports the store."""

from __future__ import annotations

from storybook.store.db import head_revision
from storybook.store.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
)

__all__ = ["DatabaseDamagedError", "DatabaseLockedError", "NotFoundError", "SchemaTooNewError", "StoreError",
           "head_revision"]
