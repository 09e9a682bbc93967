"""Bank: the one way into the data. ``StoryBank.open(path)`` hands out the use cases.

The GUI and the CLI import what they need from here (the facade, its filter, the change set, the errors
and the field limit) and never from ``storybook.store``.
"""

from __future__ import annotations

from storybook.bank.changes import ChangeHub, ChangeSet
from storybook.bank.core import StoryBank, StoryFilter
from storybook.bank.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    head_revision,
)
from storybook.model.values import MAX_FIELD_CHARS

__all__ = [
    "MAX_FIELD_CHARS",
    "ChangeHub",
    "ChangeSet",
    "DatabaseDamagedError",
    "DatabaseLockedError",
    "NotFoundError",
    "SchemaTooNewError",
    "StoreError",
    "StoryBank",
    "StoryFilter",
    "head_revision",
]
