"""CLI: ``storybook suggest --story ID | --question ID [--limit N] [--json]``.

JSON contract (best first; ``--limit`` defaults to 5; already linked questions and tagged competencies
are included and marked ``"linked": true``):

- ``--story``: ``{"story": ID, "competencies": [{"key", "score", "reasons", "linked"}], "questions": [{"id",
  "text", "score", "reasons", "key_points": [{"text", "covered", "evidence"}], "linked"}]}``
- ``--question``: ``{"question": {"id", "text"}, "stories": [{"id", "title", "score", "reasons",
  "key_points": [...], "linked"}]}``

Scores are in 0..1. Nothing is linked or tagged by this command. Exit code 1 for an unknown story or
question, 2 for a database that cannot be opened or a wrong command line.
"""

from __future__ import annotations

import argparse
from typing import Any

from storybook.bank import NotFoundError
from storybook.cli.common import CliError, open_bank, print_json

DEFAULT_LIMIT = 5


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("suggest", help="suggest questions and competencies for a story, or stories for a question")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--story", type=int, metavar="ID", help="rank questions and competencies for this story")
    target.add_argument("--question", type=int, metavar="ID", help="rank stories for this question")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="how many of each (default 5)")
    p.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    p.set_defaults(handler=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", exit_code=2)
    from storybook.analysis.nlp import EngineCache
    from storybook.bank.matching import suggestion_json

    engine = EngineCache()
    with open_bank(args) as bank:
        try:
            if args.story is not None:
                result = bank.matching.for_story(args.story, engine, args.limit)
                data: dict[str, Any] = {
                    "story": result.story.id,
                    "competencies": [suggestion_json(s, key=s.id) for s in result.competencies],
                    "questions": [suggestion_json(s, id=s.id, text=s.label) for s in result.questions],
                }
                text = _story_text(result.story.title, data)
            else:
                found = bank.matching.for_question(args.question, engine, args.limit)
                data = {
                    "question": {"id": found.question.id, "text": found.question.text},
                    "stories": [suggestion_json(s, id=s.id, title=s.label) for s in found.stories],
                }
                text = _question_text(data)
        except NotFoundError as exc:
            raise CliError(str(exc)) from exc
    if args.json:
        print_json(data)
    else:
        print(text)
    return 0


def _mark(item: dict[str, Any]) -> str:
    return " (linked)" if item["linked"] else ""


def _reasons(item: dict[str, Any]) -> list[str]:
    return [f"      - {r}" for r in item["reasons"]]


def _story_text(title: str, data: dict[str, Any]) -> str:
    lines = [f"Story {data['story']}: {title}", "", "Competencies:"]
    for c in data["competencies"]:
        lines.append(f"  {c['score']:.2f}  {c['key']}{_mark(c)}")
        lines += _reasons(c)
    lines += ["", "Questions:"]
    for q in data["questions"]:
        lines.append(f"  {q['score']:.2f}  [{q['id']}] {q['text']}{_mark(q)}")
        lines += _reasons(q)
    return "\n".join(lines)


def _question_text(data: dict[str, Any]) -> str:
    q = data["question"]
    lines = [f"Question {q['id']}: {q['text']}", "", "Stories:"]
    if not data["stories"]:
        lines.append("  (no stories yet)")
    for s in data["stories"]:
        lines.append(f"  {s['score']:.2f}  [{s['id']}] {s['title']}{_mark(s)}")
        lines += _reasons(s)
    return "\n".join(lines)
