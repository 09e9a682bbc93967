"""Bank: stories read from other tools' files (CSV, Word, Markdown variants) into the bank, one report per file.

The readers in ``storybook.export`` turn a file into plain story records; this module writes them with
the same writer as the JSON import, so titles already in the bank are skipped unless ``replace`` is set,
and a dry run previews everything and rolls back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybook.bank.changes import ChangeSet
from storybook.bank.transfer import ImportFileError
from storybook.bank.transfer_import import ImportReport, StoryWriter

if TYPE_CHECKING:
    from storybook.bank.base import BankBase

log = logging.getLogger(__name__)


@dataclass
class FileRecords:
    """Bank: the stories one file holds, as plain records, with the reader's warnings."""

    path: Path
    records: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileReport:
    """Bank: what importing one file did (or would do in a dry run)."""

    path: Path
    report: ImportReport

    def lines(self) -> list[str]:
        return [f"{self.path.name}:", *(f"  {line}" for line in self.report.lines())]

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), **self.report.to_json()}


class _DryRun(Exception):
    pass


def read_files(paths: Iterable[str | os.PathLike[str]], reader: Callable[[Path], FileRecords]) -> list[FileRecords]:
    """Read every file first, so a bad one stops the import before anything is written."""
    out = []
    for name in paths:
        path = Path(name).expanduser()
        try:
            out.append(reader(path))
        except ValueError as exc:  # the readers' CsvImportError / DocxImportError
            raise ImportFileError(f"Cannot import {path}: {exc}.") from exc
    return out


def _write_file(writer: StoryWriter, item: FileRecords) -> None:
    for record in item.records:
        title = str(record.get("title") or "").strip()
        before = len(writer.report.added)
        story_id = writer.write(record, {})
        if title and story_id is not None and len(writer.report.added) > before:
            writer.existing[title.casefold()] = story_id  # the same title twice in one file: keep the first


def import_records(bank: BankBase, files: list[FileRecords], replace: bool = False,
                   dry_run: bool = False) -> list[FileReport]:
    """Write the stories of every file in one transaction; report per file."""
    reports = [FileReport(item.path, ImportReport(dry_run=dry_run)) for item in files]
    try:
        with bank.unit_of_work() as session:
            for item, file_report in zip(files, reports, strict=True):
                file_report.report.warnings += item.warnings
                _write_file(StoryWriter(session, replace, file_report.report), item)
                session.flush()
            if dry_run:
                raise _DryRun
    except _DryRun:
        log.info("Dry-run import of %d files rolled back", len(files))
    except (KeyError, TypeError) as exc:
        raise ImportFileError(f"The stories could not be imported ({exc}); nothing was imported.") from exc
    if not dry_run:
        bank.changes.emit(ChangeSet.everything())
    return reports


def csv_reader(overrides: list[str] | None = None) -> Callable[[Path], FileRecords]:
    """A reader for :func:`read_files`: CSV with the guessed columns, changed by ``COLUMN=FIELD``."""
    from storybook.export.import_csv import IGNORE, read_csv_stories

    def read(path: Path) -> FileRecords:
        stories = read_csv_stories(path, overrides)
        used = ", ".join(f"{col} \u2192 {name}" for col, name in stories.mapping.items() if name != IGNORE)
        ignored = [col for col, name in stories.mapping.items() if name == IGNORE]
        notes = [f"columns: {used}"] + ([f"columns left out: {', '.join(ignored)}"] if ignored else [])
        return FileRecords(path, stories.records, notes + stories.warnings)

    return read


def docx_reader(path: Path) -> FileRecords:
    """A reader for :func:`read_files`: one story per Heading 1 of a Word document."""
    from storybook.export.import_docx import read_docx_stories

    stories = read_docx_stories(path)
    return FileRecords(path, stories.records, stories.warnings)
