"""The dossier read with sqlite3 alone (``BankReader``) shows exactly what the full bank's dossier shows."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx

from storybook.bank import StoryBank
from storybook.bank.reader import BankReader
from storybook.export.dossier import build_dossier
from storybook.model.values import Finding, Metric, Settings, StoryReport

FULL = {"name": "en_core_web_sm", "version": "3.8.0", "full": True}
SCRIPT = """
import json, sys
from storybook.cli import main
code = main(["--db", sys.argv[1], "dossier", "--out", sys.argv[2]])
print(json.dumps({"code": code, "sqlalchemy": "sqlalchemy" in sys.modules, "spacy": "spacy" in sys.modules}))
"""


def _report(story_id: int, score: int) -> StoryReport:
    return StoryReport(engine=FULL, words={"total": 120}, spoken_seconds=48.0, quantified=True,
                       metrics=[Metric("the", "count", "action", 0, 3)], i_we={"i": 4, "we": 1},
                       findings=[Finding("hedge", "warning", "action", 0, 7, "Hedge", "Say what you did.")],
                       score=score, title="t", story_id=story_id)


def _full_bank(db: Path) -> list[int]:
    """Samples, one in the trash, a linked question, three measured rehearsals, a report for every story."""
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with StoryBank.open(db) as bank:
        bank.stories.load_samples()
        stories = bank.stories.list()
        bank.stories.trash(stories[-1].id)
        kept = stories[:-1]
        question = bank.questions.list()[0]
        bank.stories.link_question(kept[0].id, question.id, note="the short one")
        for n in range(4):
            bank.rehearsals.record(kept[n % 2].id, [10.0, 5.0, 60.0 + n, 20.0], analyze=False,
                                   started_at=start + timedelta(days=n), outcome="finished" if n else "aborted")
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE rehearsal SET wpm = 140 + id, recording_path = 'run.wav'")
    con.close()
    with StoryBank.open(db) as bank:
        kept = bank.stories.list()
        settings, _ = bank.rehearsals.effective_settings()
        bank.reports.put([(s, _report(s.id, 40 + i)) for i, s in enumerate(kept)], settings, FULL)
    return sorted(s.id for s in kept)


def _text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_the_reader_reads_the_same_dossier_data_and_reports_as_the_bank(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    ids = _full_bank(db)
    with StoryBank.open(db) as bank:
        expected = bank.targets.dossier_data()
        expected.reports, stale = bank.reports.split(expected.stories, expected.settings, FULL)
    assert stale == []
    assert expected.pace_source == "measured"
    with BankReader.open(db) as reader:
        data = reader.dossier_data()
        data.reports, stale = reader.current_reports(data.stories, data.settings, FULL)
    assert stale == []
    assert [s.id for s in data.stories] == [s.id for s in expected.stories]
    assert sorted(data.reports) == ids
    assert data.settings == expected.settings
    assert data.pace_source == expected.pace_source
    assert data.questions == expected.questions
    assert data.unlinked_questions == expected.unlinked_questions
    assert data.rehearsals == expected.rehearsals
    assert len(data.rehearsals) == 2
    assert data.competency_names == expected.competency_names
    assert data.reports == expected.reports
    for mine, theirs in zip(data.stories, expected.stories, strict=True):
        assert replace(mine, created_at=None, updated_at=None) == replace(theirs, created_at=None, updated_at=None)

    data.generated_at = expected.generated_at
    build_dossier(expected, tmp_path / "bank.docx", checks=False)
    build_dossier(data, tmp_path / "reader.docx", checks=False)
    text = _text(tmp_path / "reader.docx")
    assert text == _text(tmp_path / "bank.docx")
    assert any("the short one" in line for line in text)


def test_an_edited_story_makes_the_reader_report_it_stale(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    ids = _full_bank(db)
    with StoryBank.open(db) as bank:
        bank.stories.update(ids[0], action="I rewrote the whole plan in one night.")
    with BankReader.open(db) as reader:
        data = reader.dossier_data()
        reports, stale = reader.current_reports(data.stories, data.settings, FULL)
        assert [s.id for s in stale] == [ids[0]]
        assert ids[0] not in reports
        assert reader.current_reports(data.stories, Settings(pace_wpm=100), FULL)[0] == {}


def test_the_command_with_current_reports_never_imports_sqlalchemy_and_writes_the_same_text(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    with StoryBank.open(db) as bank:
        bank.stories.load_samples()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    runs = []
    for name in ("first.docx", "second.docx"):  # the first checks every story and stores the reports
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(db), str(tmp_path / name)], env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert runs[0]["sqlalchemy"]
    assert runs[0]["spacy"]
    assert runs[1] == {"code": 0, "sqlalchemy": False, "spacy": False}

    def text(name: str) -> list[str]:
        return [line for line in _text(tmp_path / name) if not line.startswith("Generated:")]

    assert text("second.docx") == text("first.docx")
    assert any("Readiness" in line for line in text("second.docx"))  # the stored reports are in it


def test_the_coverage_read_holds_what_the_grid_shows_and_no_text(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    ids = _full_bank(db)
    with StoryBank.open(db) as bank:
        full = bank.stories.list()
        read = bank.stories.coverage()
        some = bank.stories.coverage([ids[0], ids[1], 99999])
    assert [s.id for s in read] == [s.id for s in full]
    for mine, theirs in zip(read, full, strict=True):
        assert (mine.title, mine.status, mine.competencies, mine.questions) == (
            theirs.title, theirs.status, theirs.competencies, theirs.questions)
        assert not hasattr(mine, "action")
    assert sorted(s.id for s in some) == ids[:2]
    with BankReader.open(db) as reader:
        assert reader.coverage() == read
