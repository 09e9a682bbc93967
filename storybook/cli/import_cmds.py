"""CLI: stories in from where they live now (CSV from Notion, Sheets, Airtable or Excel; Word documents)."""

from __future__ import annotations

import argparse

from storybook.cli.common import CliError, open_bank, print_json

FIELD_HELP = ("title, situation, task, action, result, reflection, short_version, notes, competencies, tags, "
              "status, or ignore")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("import-csv", help="import stories from CSV files (Notion, Google Sheets, Airtable "
                              "or Excel exports); columns are matched by their headers")
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV files, one story per row")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help=f"use COLUMN for FIELD instead of the guess (repeatable); FIELD is {FIELD_HELP}")
    _flags(p)
    p.set_defaults(handler=cmd_import_csv)
    p = subparsers.add_parser("import-docx", help="import stories from Word documents (one story per Heading 1; "
                              "parts by headings or bold labels)")
    p.add_argument("files", nargs="+", metavar="FILE", help="Word (.docx) documents")
    _flags(p)
    p.set_defaults(handler=cmd_import_docx)


def _flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replace", action="store_true", help="overwrite stories that have the same title")
    p.add_argument("--dry-run", action="store_true", help="preview what would be added or skipped; change nothing")
    p.add_argument("--json", action="store_true", help="print one report per file as JSON")


def _run(args: argparse.Namespace, reader) -> int:  # noqa: ANN001 - a FileRecords reader
    from storybook.bank.import_records import import_records, read_files
    from storybook.bank.transfer import ImportFileError

    try:
        files = read_files(args.files, reader)
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    with open_bank(args) as bank:
        reports = import_records(bank, files, replace=args.replace, dry_run=args.dry_run)
    if args.json:
        print_json([r.to_json() for r in reports])
        return 0
    for report in reports:
        print("\n".join(report.lines()))
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    from storybook.bank.import_records import csv_reader

    return _run(args, csv_reader(args.map))


def cmd_import_docx(args: argparse.Namespace) -> int:
    from storybook.bank.import_records import docx_reader

    return _run(args, docx_reader)
