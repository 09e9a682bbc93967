"""CLI: rehearsal commands (rehearsals, audio-stats, practise-next)."""

from __future__ import annotations

import argparse
from datetime import date

from storybook.bank import NotFoundError
from storybook.cli.common import CliError, open_bank, print_json
from storybook.model.measures import format_seconds
from storybook.rehearsal.records import MODES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("rehearsals", help="list timed rehearsals, newest first")
    p.add_argument("--story", type=int, metavar="ID", help="only the runs of this story")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rehearsals)
    p = subparsers.add_parser("audio-stats", help="speaking time, silence and long pauses of a WAV recording")
    p.add_argument("file", metavar="FILE.wav")
    p.add_argument("--words", type=int, metavar="N", help="words spoken, to compute the pace in words per minute")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audio_stats)
    p = subparsers.add_parser("practise-next", help="which stories to rehearse next, and why")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="rank as of this day (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_practise_next)


def cmd_rehearsals(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        if args.story is not None:
            try:
                bank.stories.get(args.story)
            except NotFoundError as exc:
                raise CliError(str(exc)) from exc
        records = bank.rehearsals.list(story_id=args.story)
        pace = bank.rehearsals.personal_pace()
    if args.json:
        print_json([r.to_json() for r in records])
        return 0
    if not records:
        print("No rehearsals yet. Start one from a story in the app: press Space to begin.")
        return 0
    for r in records:
        title = r.story_title or ("(no story)" if r.story_id is None else "Untitled")
        rating = f"{r.rating}/5" if r.rating else "-"
        pace_text = f"  {r.wpm:.0f} wpm" if r.wpm else ""
        print(f"{r.id:>4}  {r.started_at.astimezone():%Y-%m-%d %H:%M}  {format_seconds(r.total_seconds):>6}  "
              f"{r.outcome:<8}  {MODES.get(r.mode, r.mode):<9}  {rating:>3}{pace_text}  {title}")
    if pace:
        print(f"\nYour measured pace: {pace:.0f} words per minute (median of your recent recorded runs).")
    return 0


def cmd_audio_stats(args: argparse.Namespace) -> int:
    if args.words is not None and args.words < 0:
        raise CliError("--words must be zero or more.")
    from storybook.rehearsal.audio import AudioError, analyze_wav  # numpy: only for this command

    try:
        stats = analyze_wav(args.file, words=args.words)
    except AudioError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    if args.json:
        print_json(stats.to_json())
        return 0
    print(f"Length:        {stats.duration_s:7.1f} s")
    print(f"Speaking:      {stats.speech_s:7.1f} s")
    print(f"Silence:       {stats.silence_s:7.1f} s")
    print(f"Long pauses:   {len(stats.pauses):7d}" + ("  (2 s or more)" if stats.pauses else ""))
    for p in stats.pauses:
        print(f"  {p.start_s:6.1f} s to {p.end_s:6.1f} s  ({p.duration_s:.1f} s)")
    if args.words is not None:
        pace = f"{stats.wpm:.0f} words per minute" if stats.wpm else "no speech found"
        print(f"Pace:          {pace}")
    return 0


def cmd_practise_next(args: argparse.Namespace) -> int:
    try:
        today = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError as exc:
        raise CliError(f"--date must look like 2024-05-31, not {args.date!r}.") from exc
    with open_bank(args) as bank:
        items = bank.rehearsals.practise_next(today)
    if args.json:
        print_json([i.to_json() for i in items])
        return 0
    if not items:
        print("No stories with text yet.")
    for n, item in enumerate(items, 1):
        flag = "due" if item.is_due else "   "
        print(f"{n:>3}. [{flag}] {item.title}  (readiness {item.readiness:.0f}) - {item.reason}")
    return 0
