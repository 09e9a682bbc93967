"""Core: where Storybook keeps its files (no Qt)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "storybook"
DB_ENV_VAR = "STORYBOOK_DB"
DB_FILE_NAME = "storybook.sqlite"
PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def resources_dir() -> Path:
    """The folder holding the question bank, samples, word lists and icons."""
    installed = PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return SOURCE_ROOT / "resources"


def data_dir() -> Path:
    """The user's data folder for Storybook (not created here)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database path: ``--db`` wins, then ``STORYBOOK_DB``, then the data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return default_db_path()


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def recordings_dir(db_path: Path) -> Path:
    return db_path.parent / "recordings"


def is_source_checkout() -> bool:
    return (SOURCE_ROOT / "pyproject.toml").is_file() and (SOURCE_ROOT / "exports").is_dir()


def default_export_dir() -> Path:
    """``exports/`` in a source checkout, the user's documents folder otherwise."""
    if is_source_checkout():
        return SOURCE_ROOT / "exports"
    return Path(platformdirs.user_documents_dir())
