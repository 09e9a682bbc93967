"""CLI: helpers shared by the command modules (opening the bank, JSON output, errors)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from storybook.bank import StoreError, StoryBank


class CliError(Exception):
    """A failure to report as one line on stderr with a non-zero exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextlib.contextmanager
def open_bank(args: argparse.Namespace) -> Iterator[StoryBank]:
    """Open the bank named by ``--db`` and turn store errors into CLI errors."""
    try:
        bank = StoryBank.open(args.db)
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
        bank.close()


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")
