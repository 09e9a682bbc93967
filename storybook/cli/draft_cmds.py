"""CLI: ``storybook draft-short ID [--write] [--json]``: a first ~60-second version from the story's own sentences.

Without ``--write`` the draft is only printed. ``--write`` stores it as the story's short version, but only
when the field is empty or still holds an untouched earlier draft; a short version the user wrote or edited is
never replaced (exit code 1 with a message saying so). The sentences are split by the regular expression
fallback here, so the command starts without loading the language model.
"""

from __future__ import annotations

import argparse

from storybook.bank import NotFoundError
from storybook.cli.common import CliError, open_bank, print_json
from storybook.model.measures import format_seconds


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("draft-short", help="draft a ~60-second short version from a story's own sentences")
    p.add_argument("id", type=int, help="the story")
    p.add_argument("--write", action="store_true",
                   help="store the draft as the short version (only if that field is empty or an untouched draft)")
    p.add_argument("--json", action="store_true", help="print the draft as JSON")
    p.set_defaults(handler=cmd_draft_short)


def cmd_draft_short(args: argparse.Namespace) -> int:
    from storybook.bank.short_drafts import ShortVersionEditedError

    with open_bank(args) as bank:
        settings, _source = bank.effective_settings()
        try:
            if args.write:
                draft = bank.short_drafts.write(args.id, settings)
            else:
                draft = bank.short_drafts.draft(args.id, settings)
        except NotFoundError as exc:
            raise CliError(str(exc)) from exc
        except ShortVersionEditedError as exc:
            raise CliError(str(exc)) from exc
    if draft.empty:
        raise CliError(draft.problem)
    if args.json:
        print_json({"story": args.id, "text": draft.text, "words": draft.words, "seconds": draft.seconds,
                    "target_seconds": draft.target_seconds, "written": bool(args.write),
                    "sentences": [{"section": p.section, "reason": p.reason, "text": p.text} for p in draft.pieces]})
        return 0
    print(draft.text)
    print()
    note = "stored as the short version" if args.write else "not stored; add --write to keep it"
    print(f"{draft.words} words · {format_seconds(draft.seconds)} spoken "
          f"(aim {format_seconds(draft.target_seconds)}) · {note}")
    return 0
