"""CLI: ``backup`` (take one now), ``backups`` (list them) and ``restore BACKUP`` (put one back safely)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from storybook.bank import StoreError
from storybook.cli.common import CliError, print_json
from storybook.paths import resolve_db_path

if TYPE_CHECKING:  # the backup code loads when a backup command runs, not for every command
    from storybook.bank.backups import BackupInfo


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help="take a verified backup of the database now and print its path")
    p.set_defaults(handler=cmd_backup)
    p = subparsers.add_parser("backups", help="list the backups (date, reason, size, schema, stories, verified)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backups)
    p = subparsers.add_parser(
        "restore", help="put a backup back as the database (the current one is backed up first)")
    p.add_argument("backup", metavar="BACKUP", help="a backup file, or its name as listed by 'storybook backups'")
    p.set_defaults(handler=cmd_restore)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover - the loop always returns


def describe(info: BackupInfo) -> str:
    from storybook.bank.backups import stories_text

    state = "verified" if info.verified else f"NOT GOOD: {info.problem}"
    return (f"{info.path.name}  {info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason:<11}  {_size(info.size):>9}  "
            f"schema {info.revision or '-'}  {stories_text(info.stories):>11}  {state}")


def cmd_backup(args: argparse.Namespace) -> int:
    from storybook.bank.backups import backup_now

    db_path = resolve_db_path(args.db)
    try:
        info = backup_now(db_path, "manual")
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    print(info.path)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from storybook.bank.backups import backup_folder, list_backups

    db_path = resolve_db_path(args.db)
    infos = list_backups(db_path)
    if args.json:
        print_json([info.to_json() for info in infos])
        return 0
    if not infos:
        print(f"No backups yet in {backup_folder(db_path)}.")
        return 0
    print(f"Backups in {backup_folder(db_path)}, newest first:")
    for info in infos:
        print(describe(info))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from storybook.bank.backups import restore

    db_path = resolve_db_path(args.db)
    try:
        result = restore(db_path, args.backup)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot restore: {exc.strerror or exc}") from exc
    print(result.describe())
    return 0
