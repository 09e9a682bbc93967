"""CLI: the foundation commands (sample, stories, show, questions, info)."""

from __future__ import annotations

import argparse
import platform
from typing import Any

from storybook import __version__
from storybook.bank import NotFoundError, head_revision
from storybook.cli.common import CliError, open_bank, open_reader, print_json, read_stories
from storybook.model.measures import section_words, spoken_seconds
from storybook.model.values import SECTION_TITLES, SECTIONS, QuestionRecord, StoryRecord
from storybook.paths import resolve_db_path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("sample", help="load the sample stories (running it twice adds nothing)")
    p.set_defaults(handler=cmd_sample)
    p = subparsers.add_parser("stories", help="list stories")
    p.add_argument("--json", action="store_true")
    p.add_argument("--search", default="", help="only stories whose title or text holds these words")
    p.add_argument("--competency", help="only stories showing this competency key")
    p.add_argument("--tag")
    p.add_argument("--status", choices=["draft", "ready"])
    p.set_defaults(handler=cmd_stories)
    p = subparsers.add_parser("show", help="show one story")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = subparsers.add_parser("questions", help="list bank questions")
    p.add_argument("--competency", metavar="KEY")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_questions)
    p = subparsers.add_parser("info", help="versions, paths and schema revision")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_info)


def story_json(record: StoryRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        **{s: record.section_text(s) for s in SECTIONS},
        "reflection": record.reflection,
        "short_version": record.short_version,
        "competencies": record.competencies,
        "tags": record.tags,
        "status": record.status,
        "cue_cards": record.cue_cards,
        "questions": [{"id": q.question_id, "text": q.text, "note": q.note} for q in record.questions],
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def question_json(record: QuestionRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "text": record.text,
        "competencies": record.competencies,
        "assesses": record.assesses,
        "key_points": record.key_points,
        "builtin": record.builtin,
        "hidden": record.hidden,
    }


def cmd_sample(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        added = bank.stories.load_samples()
        total = bank.stories.count()
    print(f"Added {added} sample stories; the bank now holds {total}.")
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from storybook.bank import StoryFilter

    with open_reader(args) as source:  # a current schema is read with sqlite3 alone
        records = read_stories(source, StoryFilter(text=args.search, competency=args.competency, tag=args.tag,
                                                   status=args.status))
        hits = search_hits(source, args.search, [r.id for r in records if r.id is not None])
    if args.json:
        print_json([{**story_json(r), **({"snippet": hits[r.id].snippet, "matched_fields": list(hits[r.id].fields)}
                                         if r.id in hits else {})} for r in records])
        return 0
    if not records:
        print("No stories match the search." if args.search.strip() else
              "No stories yet. Run 'storybook sample' to load examples, or start the app to write one.")
    for r in records:
        comps = ", ".join(r.competencies) or "no competencies"
        print(f"{r.id:>4}  [{r.status}]  {r.title or 'Untitled'}  ({comps})")
        if r.id in hits and hits[r.id].snippet:
            print(f"      {hits[r.id].snippet}")
    return 0


def search_hits(source: Any, query: str, ids: list[int]) -> dict[int, Any]:
    """The search hit (fields and snippet) of each listed story, by id; empty without a search."""
    if not query.strip() or not ids:
        return {}
    from storybook.bank.reader import BankReader

    search = source.search if isinstance(source, BankReader) else source.stories.search
    return {hit.story_id: hit for hit in search(query, ids=ids)}


def cmd_show(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        try:
            record = bank.stories.get(args.id)
        except NotFoundError as exc:
            raise CliError(str(exc)) from exc
        settings, _ = bank.effective_settings()
    if args.json:
        # the same words object and spoken time that ``analyze`` reports for this story
        words = section_words(record)
        print_json({**story_json(record), "words": words,
                    "spoken_seconds": spoken_seconds(words["total"], settings.pace_wpm)})
        return 0
    print(f"# {record.title or 'Untitled'}  [{record.status}]")
    print(f"Competencies: {', '.join(record.competencies) or '-'}   Tags: {', '.join(record.tags) or '-'}")
    for name in (*SECTIONS, "reflection", "short_version"):
        text = getattr(record, name)
        if text:
            print(f"\n## {SECTION_TITLES[name]}\n{text}")
    for q in record.questions:
        print(f"\n- answers: {q.text}" + (f" ({q.note})" if q.note else ""))
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    with open_bank(args) as bank:
        known = {c.key for c in bank.questions.competencies()}
        if args.competency and args.competency not in known:
            raise CliError(f"unknown competency {args.competency!r}; known: {', '.join(sorted(known))}")
        records = bank.questions.list(competency=args.competency)
    if args.json:
        print_json([question_json(r) for r in records])
        return 0
    for r in records:
        print(f"{r.id:>4}  {r.text}  [{', '.join(r.competencies)}]")
    return 0


def info_data(args: argparse.Namespace) -> dict[str, Any]:
    import sqlalchemy
    import sqlmodel

    with open_bank(args) as bank:
        revision = bank.schema_revision
        stories = bank.stories.count()
    data: dict[str, Any] = {
        "storybook": __version__,
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlmodel": sqlmodel.__version__,
        "database": str(resolve_db_path(args.db)),
        "schema_revision": revision,
        "schema_head": head_revision(),
        "data_folder": str(resolve_db_path(args.db).parent),
        "log_folder": str(_log_dir()),
        "stories": stories,
    }
    from storybook.analysis.nlp import engine_info

    data["engine"] = engine_info()
    return data


def cmd_info(args: argparse.Namespace) -> int:
    data = info_data(args)
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        if key == "engine":
            from storybook.analysis.nlp import describe_engine

            value = describe_engine(value)
        print(f"{key:>16}: {value}")
    return 0


def _log_dir() -> Any:
    from storybook.logs import log_dir  # platformdirs and the log set-up: only for the command that shows it

    return log_dir()
