"""Bank: the one way into the data. ``StoryBank.open(path)`` hands out the use cases.

The GUI and the CLI import what they need from here (the facade, its filter, the change set, the errors
and the field limit) and never from ``storybook.store``.

``StoryBank`` is imported on first use: it pulls in SQLAlchemy, which commands such as ``--help`` and the
read-only fast paths (``storybook.bank.reader``) never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storybook.bank.changes import ChangeHub, ChangeSet
from storybook.bank.errors import (
    BackupError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    NotFoundError,
    RestoreError,
    SchemaTooNewError,
    StoreError,
    head_revision,
)
from storybook.bank.fulltext import SearchHit
from storybook.bank.listing import StoryFilter
from storybook.model.values import MAX_FIELD_CHARS

if TYPE_CHECKING:
    from storybook.bank.core import StoryBank

__all__ = [
    "MAX_FIELD_CHARS",
    "BackupError",
    "ChangeHub",
    "ChangeSet",
    "DatabaseDamagedError",
    "DatabaseLockedError",
    "DatabaseMissingError",
    "DatabaseReadOnlyError",
    "NotFoundError",
    "RestoreError",
    "SchemaTooNewError",
    "SearchHit",
    "StoreError",
    "StoryBank",
    "StoryFilter",
    "head_revision",
]


def __getattr__(name: str) -> Any:
    if name == "StoryBank":
        from storybook.bank.core import StoryBank

        return StoryBank
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
