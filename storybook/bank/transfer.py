"""Bank: import and export of the whole bank (JSON) and of stories (Markdown).

JSON is a full-fidelity copy: stories with links, tags and trash state, questions the user added,
edited or hid, targets and rehearsal records (metadata only; recordings stay where they are).
Importing never overwrites silently: a story whose title is already in the bank is reported and
skipped unless ``replace`` is set, and ``dry_run`` reports what would change and rolls back.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from storybook.bank.base import BankBase
from storybook.bank.changes import ChangeSet
from storybook.bank.history_transfer import import_snapshots, snapshot_list
from storybook.bank.spelling_transfer import dictionary_payload, dictionary_words, import_dictionary
from storybook.bank.stories import StoryService
from storybook.bank.transfer_batches import BatchWriter, describe_db_error
from storybook.bank.transfer_checks import ImportDataError, check_markdown_fields, check_payload, decode_text
from storybook.bank.transfer_export import read_payload
from storybook.bank.transfer_import import (
    ImportReport,
    StoryWriter,
    apply_questions,
    import_rehearsals,
    import_targets,
    known_competencies,
    norm,
)
from storybook.export.files import PRIVATE_FILE_MODE, ExportError, atomic_write_text, ensure_folder
from storybook.export.portable import (
    PortableFormatError,
    dump_json,
    markdown_filename,
    parse_json,
    parse_markdown,
    story_to_markdown,
)

__all__ = ["ImportFileError", "ImportReport", "TransferService", "read_payload"]
log = logging.getLogger(__name__)
MAX_IMPORT_BYTES = 200 * 1024 * 1024


class ImportFileError(ExportError):
    """Bank: a file that cannot be imported (missing, unreadable or not in a known format)."""


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(f"{path} is {size // (1024 * 1024)} MB; that is too big to be a Storybook file.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError(f"{path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"{path} is a folder, not a file.") from exc
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ImportFileError(f"{path} is empty; nothing was imported.")
    try:
        return decode_text(data, path)
    except ValueError as exc:
        raise ImportFileError(f"{exc}; nothing was imported.") from exc


class TransferService:
    """Bank: export the bank to JSON / Markdown and import it back."""

    def __init__(self, bank: BankBase, stories: StoryService) -> None:
        self._bank = bank
        self._stories = stories

    # ---- JSON ----------------------------------------------------------------------------
    def export_payload(self) -> dict[str, Any]:
        with self._bank.unit_of_work() as session:
            return {**read_payload(session), "spelling": dictionary_payload(session)}

    def export_json(self, path: str | os.PathLike[str]) -> Path:
        """Write the whole bank to ``path`` (atomically); return the path."""
        return atomic_write_text(path, dump_json(self.export_payload()), mode=PRIVATE_FILE_MODE)

    def import_json(self, path: str | os.PathLike[str], replace: bool = False, dry_run: bool = False) -> ImportReport:
        source = Path(path).expanduser()
        try:
            payload = parse_json(_read_text(source))
        except PortableFormatError as exc:
            raise ImportFileError(f"Cannot import {source}: {exc}; nothing was imported.") from exc
        return self.import_payload(payload, replace=replace, dry_run=dry_run, source=str(source))

    def import_payload(self, payload: dict[str, Any], replace: bool = False, dry_run: bool = False,
                       source: str = "the file") -> ImportReport:
        """Check every value first, then write in short batches (a dry run: one transaction, rolled back)."""
        try:
            check_payload(source, payload)
            words = dictionary_words(source, payload)
        except ImportDataError as exc:
            raise ImportFileError(str(exc)) from exc
        report = ImportReport(dry_run=dry_run)
        with _guard(source), BatchWriter(self._bank, dry_run) as batches:
            questions = apply_questions(batches.session, payload, replace, report)
            writer = StoryWriter(batches.session, replace, report)
            batches.undo_ids = writer.added_ids
            stories = {}
            for item in payload["stories"]:
                stories[str(item.get("ref", ""))] = writer.write(item, questions)
                writer.session = batches.checkpoint()
            import_targets(batches.session, payload["targets"], questions, stories, replace, report)
            import_dictionary(batches.session, words, report)
            for chunk in _chunks(payload["rehearsals"], 200):
                import_rehearsals(batches.checkpoint(), chunk, questions, writer.fresh_ids, stories, report)
            for chunk in _chunks(snapshot_list(payload), 200):
                import_snapshots(batches.checkpoint(), chunk, writer.fresh_ids, stories, report.warnings)
        if not dry_run:
            self._bank.changes.emit(ChangeSet.everything())
        return report

    # ---- Markdown ------------------------------------------------------------------------
    def export_md(self, folder: str | os.PathLike[str]) -> list[Path]:
        """One Markdown file per story (trash left out) in ``folder``, created if needed."""
        target = ensure_folder(folder, private=True)
        taken: set[str] = set()
        written = []
        for story in sorted(self._stories.list(), key=lambda s: (s.created_at, s.id)):
            name = markdown_filename(story.title, taken)
            fields = {k: getattr(story, k) for k in ("title", "situation", "task", "action", "result", "reflection",
                                                     "short_version", "notes", "status", "cue_cards",
                                                     "competencies", "tags")}
            written.append(atomic_write_text(target / name, story_to_markdown(fields), mode=PRIVATE_FILE_MODE))
        return written

    def import_md(self, files: Iterable[str | os.PathLike[str]], replace: bool = False,
                  dry_run: bool = False) -> ImportReport:
        parsed = []
        for name in files:
            path = Path(name).expanduser()
            story = parse_markdown(_read_text(path), fallback_title=path.stem.replace("-", " ").replace("_", " "))
            try:
                check_markdown_fields(str(path), story.fields)
            except ImportDataError as exc:
                raise ImportFileError(str(exc)) from exc
            parsed.append((path, story))
        report = ImportReport(dry_run=dry_run)
        with _guard("the Markdown files"), BatchWriter(self._bank, dry_run) as batches:
            comps = known_competencies(batches.session)
            writer = StoryWriter(batches.session, replace, report)
            batches.undo_ids = writer.added_ids
            for path, story in parsed:
                report.warnings += [f"{path.name}: {w}" for w in story.warnings]
                writer.write(_md_fields(path, story.fields, comps, report), {})
                writer.session = batches.checkpoint()
        if not dry_run:
            self._bank.changes.emit(ChangeSet.everything())
        return report


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextlib.contextmanager
def _guard(source: str) -> Iterator[None]:
    """Database and data errors during an import become one clear ImportFileError."""
    try:
        yield
    except ImportFileError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFileError(f"{source}: the data is not what Storybook expects ({exc}); nothing was imported.") \
            from exc
    except (SQLAlchemyError, OSError) as exc:
        raise ImportFileError(f"The import of {source} stopped: {describe_db_error(exc)}.") from exc


def _md_fields(path: Path, fields: dict[str, Any], comps: dict[str, str], report: ImportReport) -> dict[str, Any]:
    out = dict(fields)
    keys = []
    for raw in fields.get("competencies", []):
        key = comps.get(norm(raw))
        if key is None:
            report.warnings.append(f"{path.name}: unknown competency {raw!r} left out")
        elif key not in keys:
            keys.append(key)
    out["competencies"] = keys
    status = fields.get("status")
    if status not in (None, "draft", "ready"):
        report.warnings.append(f"{path.name}: status {status!r} is not draft or ready; imported as draft")
        status = None
    out["status"] = status or "draft"
    if not str(out.get("title") or "").strip():
        out["title"] = path.stem
    return out
