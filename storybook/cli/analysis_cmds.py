"""CLI: ``storybook analyze`` (stories from files or stdin) and ``storybook check`` (stories in the bank).

With ``--json`` each story gives the fixed object of ``StoryReport.to_json`` (engine, words,
spoken_seconds, quantified, metrics, i_we, findings, score, plus ``title`` and, for stored stories, ``id``).
Several stories, or a JSON array on input, give an array in input order; ``check`` without ``--story``
always gives an array. A finding's ``section`` is a STAR section, or ``reflection``, or ``story`` for
findings about the whole story (its span is then 0, 0). Spans count Python characters (code points).

Exit codes: 0 when the stories were checked (findings are not errors), 1 for unreadable input or an
unknown story, 2 when the database cannot be opened or the command line is wrong.
Each command loads its own language engine once; nothing is shared between calls.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storybook.cli.common import CliError, open_bank, print_json
from storybook.model.measures import LengthBand, format_seconds, verdict_for_seconds
from storybook.model.values import SECTION_TITLES, SECTIONS, Settings, StoryRecord, StoryReport

# A story is a few kilobytes; a megabyte holds a few hundred of them. Larger input would take the language
# model minutes and gigabytes (5 MB took 19 s and 1.2 GB), so it is refused up front (see README).
MAX_INPUT_BYTES = 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("analyze", help="check stories from JSON or Markdown files (not the database)")
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a JSON story (object or array) or Markdown with '## Situation' ... headings; '-' or "
        "nothing reads standard input",
    )
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--pace", type=float, metavar="WPM", help="speaking pace in words per minute (default 150)")
    p.set_defaults(handler=cmd_analyze)
    p = subparsers.add_parser("check", help="check the stories in the database")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--story", type=int, metavar="ID", help="check only this story")
    p.set_defaults(handler=cmd_check)


def _read_source(name: str) -> str:
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise CliError(f"{name} is a folder, not a story file")
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError as exc:
        raise CliError(f"{name}: no such file") from exc
    except OSError as exc:
        raise CliError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise CliError(f"{name} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB, the most 'analyze' reads at "
                       "once; split it into smaller files")
    if b"\x00" in data[:8192]:
        raise CliError(f"{name} is not UTF-8 text (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CliError(f"{name}: byte {exc.start} (line {line}) is 0x{data[exc.start]:02x}, which is not valid UTF-8; "
                       "save the file as UTF-8") from exc


def load_sources(names: list[str]) -> tuple[list[StoryRecord], bool]:
    """All stories from the named sources, and whether the output should be a JSON array."""
    from storybook.analysis.inputs import StoryInputError, parse_stories

    names = names or ["-"]
    if names == ["-"] and sys.stdin is not None and sys.stdin.isatty():
        print("Reading a story from standard input; end it with Ctrl-D.", file=sys.stderr)
    stories: list[StoryRecord] = []
    as_list = len(names) > 1
    for name in names:
        origin = "standard input" if name == "-" else name
        try:
            found, is_list = parse_stories(_read_source(name), origin)
        except StoryInputError as exc:
            raise CliError(str(exc)) from exc
        except RecursionError as exc:
            raise CliError(f"{origin} nests lists or objects too deeply to hold stories") from exc
        stories.extend(found)
        as_list = as_list or is_list
    return stories, as_list or len(stories) > 1


def cmd_analyze(args: argparse.Namespace) -> int:
    from storybook.analysis import analyze_stories, load_engine

    stories, as_list = load_sources(list(args.files))
    settings = Settings()
    if args.pace is not None:
        if not 40 <= args.pace <= 400:
            raise CliError("--pace must be between 40 and 400 words per minute")
        settings.pace_wpm = args.pace
        settings.pace_source = "settings"  # the user's own figure, given on the command line
    reports = analyze_stories(stories, settings, load_engine())  # this command's own engine, loaded once
    _output(reports, args.json, as_list, settings, "default" if args.pace is None else "--pace")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from storybook.analysis import analyze_stories, load_engine
    from storybook.bank import NotFoundError

    with open_bank(args) as bank:
        settings, source = bank.effective_settings()
        if args.story is not None:
            try:
                stories = [bank.stories.get(args.story)]
            except NotFoundError as exc:
                raise CliError(str(exc)) from exc
        else:
            stories = bank.stories.list()
    if not stories and not args.json:
        print("No stories yet. Run 'storybook sample' to load examples, or start the app to write one.")
        return 0
    reports = analyze_stories(stories, settings, load_engine())
    _output(reports, args.json, args.story is None, settings, source)
    return 0


def _output(reports: list[StoryReport], as_json: bool, as_list: bool, settings: Settings, pace_source: str) -> None:
    if as_json:
        data = [r.to_json() for r in reports]
        print_json(data if as_list else data[0])
        return
    for n, report in enumerate(reports):
        if n:
            print()
        print_report(report, settings, pace_source)


def print_report(report: StoryReport, settings: Settings, pace_source: str = "default") -> None:
    """The human-readable report of one story."""
    heading = report.title or "Untitled story"
    if report.story_id is not None:
        heading = f"{report.story_id}. {heading}"
    engine = report.engine
    print(f"== {_one_line(heading)}  (readiness {report.score}/100)")
    print(f"   engine: {engine['name']} {engine['version']} ({'full' if engine['full'] else 'basic'})")
    w = report.words
    parts = ", ".join(f"{SECTION_TITLES[s]} {w[s]}" for s in SECTIONS)
    verdict = verdict_for_seconds(report.spoken_seconds, LengthBand.from_settings(settings))
    print(
        f"   words: {w['total']} ({parts}); about {format_seconds(report.spoken_seconds)} spoken at "
        f"{settings.pace_wpm:g} wpm ({pace_source} pace), {verdict.sentence()}"
    )
    print(
        f"   result quantified: {'yes' if report.quantified else 'no'};  Action subjects: "
        f"I {report.i_we['i']}, we {report.i_we['we']}"
    )
    if report.metrics:
        shown = "; ".join(f"\u201c{m.text}\u201d ({m.kind}, {m.section})" for m in report.metrics[:12])
        more = f" and {len(report.metrics) - 12} more" if len(report.metrics) > 12 else ""
        print(f"   measures: {_one_line(shown)}{more}")
    if report.rubric is not None:
        parts = ", ".join(f"{d.name.lower()} {d.points}/{d.maximum}" for d in report.rubric.dimensions)
        print(f"   rubric: {parts}")
    if not report.findings:
        print("   no findings")
    for f in report.findings:
        where = SECTION_TITLES.get(f.section, f.section.capitalize())
        print(f"   [{f.severity}] {where}: {_one_line(f.message)}")
        if f.suggestion:
            print(f"        -> {_one_line(f.suggestion)}")


_CONTROL = dict.fromkeys([*range(0, 32), 127], " ")


def _one_line(text: Any) -> str:
    """One printable line: control characters (a pasted escape sequence) must not reach the terminal."""
    return " ".join(str(text).translate(_CONTROL).split())[:300]
