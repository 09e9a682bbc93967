"""CLI: the dossier, interview targets, and JSON / Markdown import and export."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storybook.cli.common import CliError, open_bank, print_json
from storybook.export.files import ExportError, check_target, ensure_folder

if TYPE_CHECKING:
    from storybook.bank import StoryBank


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("dossier", help="write the interview prep dossier (DOCX)")
    p.add_argument("--target", metavar="NAME", help="a target's number, company, or 'company role' (default: all stories)")
    p.add_argument("--out", metavar="PATH.docx", help="where to write it (default: the exports folder)")
    p.add_argument("--parts", metavar="LIST", help="comma-separated parts to include (default: all; a wrong name lists the choices)")
    p.add_argument("--no-checks", action="store_true", help="skip the story checks (faster; no findings or bold measures)")
    p.add_argument("--key-points", action="store_true",
                   help="print which key points of each linked question the story covers (loads the language model)")
    p.add_argument("--pdf", action="store_true", help="also write a PDF beside the DOCX (needs LibreOffice)")
    p.set_defaults(handler=cmd_dossier)
    p = subparsers.add_parser("export-json", help="write the whole bank to one JSON file")
    p.add_argument("path")
    p.set_defaults(handler=cmd_export_json)
    p = subparsers.add_parser("import-json", help="import a bank JSON file (same-title stories are skipped)")
    p.add_argument("path")
    _import_flags(p)
    p.set_defaults(handler=cmd_import_json)
    p = subparsers.add_parser("export-md", help="write one Markdown file per story into a folder")
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(handler=cmd_export_md)
    p = subparsers.add_parser("import-md", help="import stories from Markdown files")
    p.add_argument("files", nargs="+", metavar="FILE")
    _import_flags(p)
    p.set_defaults(handler=cmd_import_md)
    _register_targets(subparsers)


def _import_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replace", action="store_true", help="overwrite stories that have the same title")
    p.add_argument("--dry-run", action="store_true", help="show what would change without changing anything")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def _register_targets(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("targets", help="list interview targets with their countdown")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_targets)
    p = subparsers.add_parser("target-add", help="add an interview target")
    p.add_argument("company")
    p.add_argument("role", nargs="?", default="")
    p.add_argument("--date", help="interview date and time: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
    p.add_argument("--interviewers", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--question", action="append", default=[], metavar="ID|TEXT",
                   help="a likely question: a bank question number or your own wording (repeatable)")
    p.add_argument("--competency", action="append", default=[], metavar="KEY[:WEIGHT]",
                   help="a competency the company weighs, weight 1-5 (repeatable)")
    p.add_argument("--story", action="append", default=[], type=int, metavar="ID", help="a story to take (repeatable)")
    p.add_argument("--ask", action="append", default=[], metavar="TEXT", help="a question to ask them (3 to 5)")
    p.set_defaults(handler=cmd_target_add)
    p = subparsers.add_parser("target-delete", help="delete an interview target")
    p.add_argument("target", metavar="NAME")
    p.set_defaults(handler=cmd_target_delete)


# ---- dossier ---------------------------------------------------------------------------------
def _parts(value: str | None) -> tuple[str, ...]:
    from storybook.export.dossier import PART_TITLES, PARTS  # python-docx: only for the dossier

    if not value:
        return PARTS
    parts = tuple(p.strip().lower() for p in value.split(",") if p.strip())
    unknown = [p for p in parts if p not in PART_TITLES]
    if unknown:
        raise CliError(f"unknown part {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return parts


def default_dossier_path(label: str, folder: Path) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower()[:50] or "all-stories"
    return folder / f"dossier-{slug}-{date.today():%Y-%m-%d}.docx"


class _TtyProgress:
    """CLI: a one-line progress counter on stderr, shown only on a terminal."""

    def __init__(self, label: str = "Writing the dossier") -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{self.label}: {done}/{total}")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def _dossier_out(args: argparse.Namespace, data: Any) -> Path:
    if args.out:
        out = Path(args.out).expanduser()
        if out.suffix.lower() != ".docx":
            raise CliError(f"{out} should end in .docx")
        return out
    from storybook.paths import default_export_dir

    label = data.target.label if data.target else "all stories"
    try:
        return default_dossier_path(label, ensure_folder(default_export_dir()))
    except ExportError as exc:
        raise CliError(str(exc)) from exc


def _current_reports(bank: StoryBank, data: Any, engines: Any) -> dict[int, Any]:
    """Every story's check report: the stored ones, plus the stale ones checked now in one pass and stored."""
    from storybook.export.dossier import MAX_CHECKED_CHARS

    progress = _TtyProgress("Checking the stories that changed since their last check")
    try:
        return bank.reports.ensure(data.stories, data.settings, engines, progress, MAX_CHECKED_CHARS)
    except Exception as exc:  # a broken language model must not stop the export
        print(f"The checks could not run ({exc}); the dossier has no findings.", file=sys.stderr)
        return {}
    finally:
        progress.finish()


def _engine_cache() -> Any:
    from storybook.analysis import EngineCache

    return EngineCache()


def _lean_data(args: argparse.Namespace, engines: Any) -> tuple[Any | None, bool]:
    """A whole-bank dossier's data read with sqlite3 alone (when the schema is current), and whether some story
    still needs checking. With every report current, SQLAlchemy is never imported. (None, True): use the bank."""
    from storybook.bank.reader import BankReader
    from storybook.paths import resolve_db_path

    reader = None if args.target else BankReader.open(resolve_db_path(args.db))
    if reader is None:
        return None, True
    stale: list[Any] = []
    with reader:
        data = reader.dossier_data()
        if not args.no_checks:
            from storybook.analysis import engine_info
            from storybook.bank.plain_reads import checked_chars
            from storybook.export.dossier import MAX_CHECKED_CHARS

            data.reports, stale = reader.current_reports(data.stories, data.settings, engine_info(engines))
            stale = [story for story in stale if checked_chars(story) <= MAX_CHECKED_CHARS]
        if reader.stored_text.broken:
            from storybook.bank.stored_text import NOTE

            print(f"storybook: note: {NOTE}", file=sys.stderr)
    return data, bool(stale)


def _bank_data(args: argparse.Namespace, engines: Any, data: Any | None = None) -> Any:
    """Through the full bank: the dossier's data (unless the reader read it already), and the stale reports
    checked now and stored."""
    with open_bank(args) as bank:
        if data is None:
            target_id = bank.targets.find(args.target).id if args.target else None
            data = bank.targets.dossier_data(target_id)
        out = _dossier_out(args, data)
        try:
            check_target(out)  # fail before the slow part, not after it
        except ExportError as exc:
            raise CliError(str(exc)) from exc
        if not args.no_checks:
            data.reports = _current_reports(bank, data, engines)
    return data


def cmd_dossier(args: argparse.Namespace) -> int:
    parts = _parts(args.parts)
    engines = _engine_cache() if args.key_points or not args.no_checks else None
    data, needs_checks = _lean_data(args, engines)
    if needs_checks:
        data = _bank_data(args, engines, data)
    out = _dossier_out(args, data)
    try:
        check_target(out)  # fail before the slow part, not after it
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    from storybook.export.dossier import build_dossier

    progress = _TtyProgress()
    try:
        path = build_dossier(data, out, parts=parts, progress=progress, checks=False, engine=engines,
                             key_points=args.key_points)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        progress.finish()
    print(f"Wrote {path} ({len(data.stories)} stories).")
    if args.pdf:
        from storybook.export.office import convert_to_pdf

        try:
            print(f"Wrote {convert_to_pdf(path)}.")
        except ExportError as exc:
            raise CliError(str(exc), exit_code=3) from exc
    return 0


# ---- JSON and Markdown -----------------------------------------------------------------------
def _print_report(report: Any, as_json: bool) -> int:
    if as_json:
        print_json(report.to_json())
    else:
        print("\n".join(report.lines()))
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        try:
            path = bank.transfer.export_json(args.path)
        except ExportError as exc:
            raise CliError(str(exc)) from exc
        count = bank.stories.count()
    print(f"Wrote {path} ({count} stories, plus the trash, questions, targets and rehearsals).")
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        try:
            report = bank.transfer.import_json(args.path, replace=args.replace, dry_run=args.dry_run)
        except ExportError as exc:
            raise CliError(str(exc)) from exc
    return _print_report(report, args.json)


def cmd_export_md(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        try:
            written = bank.transfer.export_md(args.folder)
        except ExportError as exc:
            raise CliError(str(exc)) from exc
    print(f"Wrote {len(written)} Markdown files to {Path(args.folder).expanduser()}.")
    return 0


def cmd_import_md(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        try:
            report = bank.transfer.import_md(args.files, replace=args.replace, dry_run=args.dry_run)
        except ExportError as exc:
            raise CliError(str(exc)) from exc
    return _print_report(report, args.json)


# ---- targets ---------------------------------------------------------------------------------
def target_json(target: Any) -> dict[str, Any]:
    return {
        "id": target.id, "company": target.company, "role": target.role, "interview_at": target.interview_at,
        "countdown": target.countdown(), "interviewers": target.interviewers, "notes": target.notes,
        "questions": [{"id": q.id, "text": q.text} for q in target.questions], "competencies": target.competencies,
        "story_ids": target.story_ids, "questions_to_ask": target.questions_to_ask,
    }


def cmd_targets(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        targets = bank.targets.list()
    if args.json:
        print_json([target_json(t) for t in targets])
        return 0
    if not targets:
        print("No targets yet. Add one with: storybook target-add COMPANY ROLE --date YYYY-MM-DD")
    for t in targets:
        print(f"{t.id:>4}  {t.name}  ({t.countdown()})  {len(t.questions)} questions, {len(t.story_ids)} stories")
    return 0


def _weights(items: list[str]) -> dict[str, int]:
    out = {}
    for item in items:
        key, _, weight = item.partition(":")
        try:
            out[key.strip()] = int(weight) if weight else 3
        except ValueError as exc:
            raise CliError(f"weight in {item!r} must be a number from 1 to 5") from exc
    return out


def cmd_target_add(args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {"interview_at": args.date, "interviewers": args.interviewers, "notes": args.notes}
    if args.question:
        fields["questions"] = args.question
    if args.competency:
        fields["competencies"] = _weights(args.competency)
    if args.story:
        fields["story_ids"] = args.story
    if args.ask:
        fields["questions_to_ask"] = args.ask
    with open_bank(args) as bank:
        target = bank.targets.create(args.company, args.role, **fields)
    print(f"Added target {target.id}: {target.name} ({target.countdown()}).")
    if target.questions_to_ask and len(target.questions_to_ask) < 3:
        print("Tip: prepare three to five questions to ask.")
    return 0


def cmd_target_delete(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        target = bank.targets.find(args.target)
        bank.targets.delete(target.id)
    print(f"Deleted target {target.id}: {target.name}.")
    return 0
