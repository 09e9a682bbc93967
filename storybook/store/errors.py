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


class DatabaseMissingError(StoreError):
    """The database file is missing or empty although backups of it exist: starting empty would hide them."""

    def __init__(self, path: Path, state: str, found: str, newest: Path | None = None) -> None:
        restore = f"storybook --db {path} restore {newest.name}" if newest else "storybook restore BACKUP"
        super().__init__(
            f"{path} is {state}, but {found}. Storybook did not start an empty bank. "
            f"Restore a backup with File → Restore from backup… or '{restore}'; "
            "to really start empty, move the backups folder aside first."
        )
        self.path = path
        self.state = state
        self.backup = newest


class DatabaseReadOnlyError(StoreError):
    """The file or its folder cannot be written; nothing was changed."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path} is read-only ({detail}). Storybook did not change it; "
                         "it can be read, but saving needs write permission.")
        self.path = path
        self.detail = detail


class BackupError(StoreError):
    """A backup could not be taken or proven good; nothing was left behind."""


class RestoreError(StoreError):
    """A backup could not be put back; the current database was left as it was."""
