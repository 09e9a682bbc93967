"""CLI: helpers shared by the command modules (opening the bank, JSON output, errors)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from storybook.bank import DatabaseReadOnlyError, StoreError

if TYPE_CHECKING:  # the bank pulls in SQLAlchemy: parsing arguments and --help must not pay for it
    from storybook.bank import StoryBank, StoryFilter
    from storybook.bank.reader import BankReader
    from storybook.model.values import StoryRecord


class CliError(Exception):
    """A failure to report as one line on stderr with a non-zero exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextlib.contextmanager
def open_bank(args: argparse.Namespace) -> Iterator[StoryBank]:
    """Open the bank named by ``--db`` and turn store errors into CLI errors."""
    from storybook.bank import StoryBank

    try:
        try:
            bank = StoryBank.open(args.db)
        except DatabaseReadOnlyError:  # reading still works; a write says "read-only" in one line
            bank = StoryBank.open(args.db, read_only=True)
    except StoreError as exc:
        raise CliError(str(exc), exit_code=2) from exc
    except OSError as exc:
        raise CliError(f"cannot open the database: {exc}", exit_code=2) from exc
    try:
        yield bank
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    finally:
        if bank.stored_text.broken:
            from storybook.bank.stored_text import NOTE

            print(f"storybook: note: {NOTE}", file=sys.stderr)
        bank.close()


def failure_line(exc: BaseException) -> str:
    """One line for an error from the disk or the database (a full disk says so plainly)."""
    from storybook.bank.transfer_batches import describe_db_error

    reason = describe_db_error(exc)
    where = getattr(exc, "filename", None)
    if reason == "the disk is full":
        return f"the disk is full{f' ({where})' if where else ''}; nothing more was written. Free some space and try again."
    return f"{where}: {reason}" if where else reason


@contextlib.contextmanager
def open_reader(args: argparse.Namespace) -> Iterator[BankReader | StoryBank]:
    """For commands that only read: the SQLite-only reader when the schema is current, else the full bank.

    Both answer ``stories(flt)``-style reads through ``read_stories``; the reader skips SQLAlchemy entirely.
    """
    from storybook.bank.reader import BankReader
    from storybook.paths import resolve_db_path

    reader = BankReader.open(resolve_db_path(args.db))
    if reader is None:
        with open_bank(args) as bank:
            yield bank
        return
    try:
        yield reader
    finally:
        if reader.stored_text.broken:
            from storybook.bank.stored_text import NOTE

            print(f"storybook: note: {NOTE}", file=sys.stderr)
        reader.close()


def read_stories(source: BankReader | StoryBank, flt: StoryFilter) -> list[StoryRecord]:
    from storybook.bank.reader import BankReader

    return source.stories(flt) if isinstance(source, BankReader) else source.stories.list(flt)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")
