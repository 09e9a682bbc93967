"""CLI: ``storybook [--db PATH] [COMMAND]``. With no command it starts the desktop app.

Each feature registers its subcommands from its own module (see COMMAND_MODULES); errors print one
clear line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys
from collections.abc import Sequence

from storybook import __version__
from storybook.cli.common import CliError, failure_line

COMMAND_MODULES = (
    "storybook.cli.core_cmds",
    "storybook.cli.analysis_cmds",
    "storybook.cli.rehearsal_cmds",
    "storybook.cli.export_cmds",
    "storybook.cli.backup_cmds",
    "storybook.cli.suggest_cmds",
    "storybook.cli.draft_cmds",
    "storybook.cli.desktop_cmds",
    "storybook.cli.import_cmds",
    "storybook.cli.history_cmds",
    "storybook.cli.completion",
)


def _storage_errors() -> tuple[type[BaseException], ...]:
    """A full disk, a lock, a vanished folder. SQLAlchemy's errors only when it was imported (not for --help)."""
    errors: list[type[BaseException]] = [OSError, sqlite3.Error]
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is not None:
        errors.append(sqlalchemy_exc.SQLAlchemyError)
    return tuple(errors)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storybook", description="Prepare behavioral interviews with STAR stories.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $STORYBOOK_DB or the user data folder)")
    parser.add_argument("--version", action="version", version=f"storybook {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    from storybook.cli.helptext import fill_missing_help

    fill_missing_help(parser)  # every option explained in --help; says that no command opens the app
    return parser


def app_only_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain app start (``[--db PATH] [-v]``, nothing else), or None.

    Starting the window then skips building the full parser, which imports every command module.
    """
    db: str | None = None
    verbose = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in ("-v", "--verbose"):
            verbose = True
        elif arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            db = arg[len("--db="):]
        else:
            return None
    return argparse.Namespace(db=db, verbose=verbose, command=None)


def _start_quick_check(db: str | None) -> None:
    from storybook.bank.early_check import start_early_check
    from storybook.paths import resolve_db_path

    try:
        start_early_check(resolve_db_path(db))
    except (OSError, RuntimeError, ValueError):
        logging.getLogger(__name__).debug("No early quick check", exc_info=True)


def start_app(db: str | None) -> int:
    """The desktop app, or one line on stderr saying why no window can open here (exit 2)."""
    from storybook.qt_libs import display_problem, libraries_problem, start_library_check

    if (problem := display_problem()) is not None:
        print(f"storybook: {problem}", file=sys.stderr)
        return 2
    missing = start_library_check()  # ldd runs while the app's modules import
    _start_quick_check(db)  # and so does SQLite's check of the bank file
    failed: ImportError | None = None
    try:
        from storybook.gui.app import run_app  # Qt only when the desktop app is asked for
    except ImportError as exc:  # QtGui itself may lack a library: then say which
        failed = exc
    if (problem := libraries_problem(missing())) is not None:
        print(f"storybook: {problem}", file=sys.stderr)
        return 2
    if failed is not None:
        raise failed
    return run_app(db)


def main(argv: Sequence[str] | None = None) -> int:
    args = app_only_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        return start_app(args.db)
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"storybook: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("storybook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except _storage_errors() as exc:  # a full disk, a lock, a vanished folder: one line
        logging.getLogger(__name__).debug("Command failed", exc_info=True)
        print(f"storybook: {failure_line(exc)}", file=sys.stderr)
        return 1
