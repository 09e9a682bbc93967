"""CLI: ``storybook history ID`` lists a story's snapshots; ``--restore SNAPSHOT`` puts one back."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from storybook.bank import NotFoundError
from storybook.cli.common import CliError, open_bank, print_json

if TYPE_CHECKING:
    from storybook.bank import StoryBank


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("history", help="list a story's snapshots, or restore one")
    p.add_argument("story", type=int, metavar="ID", help="the story (a purged story's history is listed too)")
    p.add_argument("--restore", type=int, metavar="SNAPSHOT",
                   help="put this snapshot back (the current text is kept as a snapshot first)")
    p.add_argument("--empty", action="store_true", help="delete every snapshot of a story deleted for good")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)


def cmd_history(args: argparse.Namespace) -> int:
    if args.restore is not None and args.empty:
        raise CliError("Use either --restore or --empty, not both.")
    with open_bank(args) as bank:
        if args.restore is not None:
            return _restore(bank, args)
        if args.empty:
            return _empty(bank, args)
        snaps = bank.history.list(args.story)
        exists = _exists(bank, args.story)
    if not snaps and not exists:
        raise CliError(f"There is no story {args.story} and no history of one.")
    if args.json:
        print_json([s.to_json() for s in snaps])
        return 0
    if not snaps:
        print("No snapshots yet. One is kept when the status changes, before an import or restore overwrites "
              "the story, and every ten minutes of editing.")
        return 0
    for s in snaps:
        print(f"{s.id:>5}  {s.taken_at.astimezone():%Y-%m-%d %H:%M}  {s.words:>5} words  {s.reason_text:<30}  "
              f"{s.title or 'Untitled'}")
    if not exists:
        print(f"\nStory {args.story} was deleted for good; restore a snapshot to bring it back, "
              "or --empty to remove its history.")
    return 0


def _exists(bank: StoryBank, story_id: int) -> bool:
    try:
        bank.stories.get(story_id)
    except NotFoundError:
        return False
    return True


def _restore(bank: StoryBank, args: argparse.Namespace) -> int:
    try:
        snap = bank.history.get(args.restore)
    except NotFoundError as exc:
        raise CliError(str(exc)) from exc
    if snap.info.story_id != args.story:
        raise CliError(f"Snapshot {args.restore} belongs to story {snap.info.story_id}, not {args.story}.")
    outcome = bank.history.restore(args.restore)
    if args.json:
        print_json({"story_id": outcome.record.id, "restored": args.restore, "undo_snapshot": outcome.before_id,
                    "recreated": outcome.recreated, "warnings": outcome.warnings})
        return 0
    where = f" as story {outcome.record.id}" if outcome.recreated else ""
    print(f"Restored snapshot {args.restore} of \u201c{outcome.record.title or 'Untitled'}\u201d{where}.")
    if outcome.before_id is not None:
        print(f"The text it replaced is snapshot {outcome.before_id} "
              f"(storybook history {outcome.record.id} --restore {outcome.before_id} takes it back).")
    for warning in outcome.warnings:
        print(f"Note: {warning}")
    return 0


def _empty(bank: StoryBank, args: argparse.Namespace) -> int:
    if _exists(bank, args.story):
        raise CliError(f"Story {args.story} still exists; its history is emptied only once it is deleted for good.")
    removed = bank.history.empty(args.story)
    if args.json:
        print_json({"story_id": args.story, "removed": removed})
    else:
        print(f"Removed {removed} snapshot{'s' if removed != 1 else ''} of story {args.story}.")
    return 0
