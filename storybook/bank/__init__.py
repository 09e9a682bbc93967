"""Bank: the one way into the data. ``StoryBank.open(path)`` hands out the use cases.

``StoryBank`` is imported on first use: it pulls in SQLAlchemy, which commands such as ``--help`` and the
read-only fast paths (``storybook.bank.reader``) never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storybook.bank.listing import StoryFilter
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

if TYPE_CHECKING:
    from storybook.bank.core import StoryBank

__all__ = ["BackupError", "DatabaseDamagedError", "DatabaseLockedError", "DatabaseMissingError",
           "DatabaseReadOnlyError", "NotFoundError", "RestoreError", "SchemaTooNewError", "StoreError",
           "StoryBank", "StoryFilter"]


def __getattr__(name: str) -> Any:
    if name == "StoryBank":
        from storybook.bank.core import StoryBank

        return StoryBank
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
