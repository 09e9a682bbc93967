"""The dossier costs what it writes: stored check reports are reused, missing ones computed once and stored."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx

from storybook.bank import StoryBank

SCRIPT_REUSE = """
import json, sys
from storybook.cli import main
code = main(["--db", sys.argv[1], "dossier", "--out", sys.argv[2]])
print(json.dumps({"code": code, "spacy": "spacy" in sys.modules}))
"""

SCRIPT_EXPORT_ONLY = """
import json, sys
sys.path.insert(0, sys.argv[2])
from conftest import fixed_data
from storybook.export.dossier import build_dossier
data = fixed_data()
assert len(data.reports) == len(data.stories)
build_dossier(data, sys.argv[1], checks=True)
print(json.dumps({"analysis": any(m.startswith("storybook.analysis") for m in sys.modules)}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}


def _text(path: Path) -> list[str]:
    """The dossier's paragraphs, without the time it was generated at."""
    return [p.text for p in docx.Document(str(path)).paragraphs if not p.text.startswith("Generated:")]


def _stored(db: Path) -> list[tuple[int, int]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT story_id, score FROM story_report ORDER BY story_id").fetchall()
    finally:
        con.close()


def test_the_second_dossier_reuses_the_reports_and_never_loads_spacy(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    with StoryBank.open(db) as bank:
        bank.stories.load_samples()
        ids = sorted(s.id for s in bank.stories.list())
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    run = [sys.executable, "-c", SCRIPT_REUSE, str(db)]
    done = subprocess.run([*run, str(first)], env=_env(tmp_path), capture_output=True, text=True, timeout=240)
    assert json.loads(done.stdout.splitlines()[-1]) == {"code": 0, "spacy": True}, done.stderr
    assert [story_id for story_id, _ in _stored(db)] == ids  # every report was stored

    done = subprocess.run([*run, str(second)], env=_env(tmp_path), capture_output=True, text=True, timeout=240)
    assert json.loads(done.stdout.splitlines()[-1]) == {"code": 0, "spacy": False}, done.stderr
    assert _text(second) == _text(first)  # the same findings and measures, from the stored reports


def test_an_edited_story_is_the_only_one_checked_again(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    with StoryBank.open(db) as bank:
        bank.stories.load_samples()
        story = bank.stories.list()[0]
    env = _env(tmp_path)
    cmd = [sys.executable, "-m", "storybook", "--db", str(db), "dossier", "--out"]
    assert subprocess.run([*cmd, str(tmp_path / "a.docx")], env=env, capture_output=True, timeout=240).returncode == 0
    before = dict(_stored(db))
    with StoryBank.open(db) as bank:
        bank.stories.update(story.id, result="It worked, and nothing was measured.")
    con = sqlite3.connect(db)
    stamps = dict(con.execute("SELECT story_id, checked_at FROM story_report").fetchall())
    con.close()
    assert subprocess.run([*cmd, str(tmp_path / "b.docx")], env=env, capture_output=True, timeout=240).returncode == 0
    con = sqlite3.connect(db)
    after = dict(con.execute("SELECT story_id, checked_at FROM story_report").fetchall())
    con.close()
    assert [i for i in after if after[i] != stamps[i]] == [story.id]
    assert set(dict(_stored(db))) == set(before)


def test_given_every_report_the_export_does_not_import_the_checks(tmp_path: Path) -> None:
    here = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", SCRIPT_EXPORT_ONLY, str(tmp_path / "d.docx"), str(here)],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"analysis": False}
    assert (tmp_path / "d.docx").stat().st_size > 0
