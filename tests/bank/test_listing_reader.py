"""The story list and the read-only reader answer exactly what the ORM path answers, from plain SQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from storybook.bank import StoryBank, StoryFilter
from storybook.bank.listing import StorySummary
from storybook.bank.reader import BankReader, script_head
from storybook.store.db import head_revision


def test_script_head_is_alembics_head() -> None:
    assert script_head() == head_revision()


def test_summaries_show_what_the_list_needs_in_the_same_order(sample_bank: StoryBank) -> None:
    story = sample_bank.stories.list()[3]
    sample_bank.stories.update(story.id, tags=["zeta", "Alpha"])
    records = sample_bank.stories.list()
    summaries = sample_bank.stories.summaries()
    assert [s.id for s in summaries] == [r.id for r in records]
    assert summaries == [StorySummary.of(r) for r in records]
    assert summaries[0].tags == ["Alpha", "zeta"]


def test_trashed_summaries_and_count(sample_bank: StoryBank) -> None:
    first = sample_bank.stories.list()[0]
    total = sample_bank.stories.count()
    sample_bank.stories.trash(first.id)
    assert [s.id for s in sample_bank.stories.summaries(trashed=True)] == [first.id]
    assert sample_bank.stories.count() == total - 1


def test_search_texts_cover_title_and_sections(sample_bank: StoryBank) -> None:
    story = sample_bank.stories.list()[0]
    sample_bank.stories.update(story.id, result="Saved ÆRØ forty hours")
    texts = sample_bank.stories.search_texts()
    assert "ærø forty" in texts[story.id]
    assert story.title.casefold() in texts[story.id]


def test_reader_lists_what_the_bank_lists(sample_bank: StoryBank) -> None:
    some = sample_bank.stories.list()[2]
    sample_bank.stories.update(some.id, status="ready")
    for flt in (StoryFilter(), StoryFilter(status="ready"), StoryFilter(text="customer", sort="title"),
                StoryFilter(competency="leadership")):
        with BankReader.open(sample_bank.path) as reader:
            assert reader.stories(flt) == sample_bank.stories.list(flt)


def test_reader_declines_a_missing_file_or_an_old_schema(tmp_path: Path, sample_bank: StoryBank) -> None:
    assert BankReader.open(tmp_path / "none.sqlite") is None
    sample_bank.close()
    con = sqlite3.connect(sample_bank.path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.close()
    assert BankReader.open(sample_bank.path) is None


def test_stories_json_reads_without_sqlalchemy(sample_bank: StoryBank) -> None:
    expected = [r.title for r in sample_bank.stories.list()]
    sample_bank.close()
    code = ("import contextlib, io, json, sys\nfrom storybook.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    main(['--db', {str(sample_bank.path)!r}, 'stories', '--json'])\n"
            "print(json.dumps({'sqlalchemy': 'sqlalchemy' in sys.modules, 'out': out.getvalue()}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [s["title"] for s in json.loads(result["out"])] == expected
    assert result["sqlalchemy"] is False
