"""Store: the errors opening a database can raise, each with a message fit for a user."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class for database problems the user must hear about."""


class SchemaTooNewError(StoreError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer Storybook (schema {revision}); "
            "update Storybook to open it. The file was not changed."
        )
        self.path = path
        self.revision = revision


class DatabaseDamagedError(StoreError):
    def __init__(self, path: Path, detail: str, backup: Path | None = None) -> None:
        hint = f" The newest good backup is {backup}." if backup else ""
        super().__init__(f"{path} is damaged ({detail}). The file was not changed.{hint}")
        self.path = path
        self.detail = detail
        self.backup = backup


class DatabaseLockedError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is already open in another Storybook window. Close it there first.")
        self.path = path


class NotFoundError(StoreError):
    """A story, question or target id that does not exist."""
