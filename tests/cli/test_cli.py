"""CLI: the foundation commands through real subprocesses."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storybook", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_sample_then_stories_and_questions_json(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    first = run("--db", str(db), "sample")
    assert first.returncode == 0, first.stderr
    assert run("--db", str(db), "sample").returncode == 0
    stories = json.loads(run("--db", str(db), "stories", "--json").stdout)
    assert len(stories) >= 6
    for key in ("id", "title", "situation", "task", "action", "result", "competencies", "tags", "status", "updated_at"):
        assert key in stories[0]
    questions = json.loads(run("--db", str(db), "questions", "--json").stdout)
    assert len(questions) >= 80
    assert len({c for q in questions for c in q["competencies"]}) >= 15
    assert all(q["assesses"] and q["key_points"] for q in questions)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    wal = subprocess.run(["sqlite3", str(db), "PRAGMA journal_mode"], capture_output=True, text=True)
    assert wal.stdout.strip() == "wal"


def test_show_and_filtered_questions(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    run("--db", str(db), "sample")
    story = json.loads(run("--db", str(db), "stories", "--json").stdout)[0]
    shown = json.loads(run("--db", str(db), "show", str(story["id"]), "--json").stdout)
    assert shown["title"] == story["title"]
    text = run("--db", str(db), "show", str(story["id"])).stdout
    assert story["title"] in text
    assert "## Action" in text
    leadership = json.loads(run("--db", str(db), "questions", "--competency", "leadership", "--json").stdout)
    assert leadership
    assert all("leadership" in q["competencies"] for q in leadership)


def test_errors_are_one_clear_line_and_non_zero(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    missing = run("--db", str(db), "show", "4242")
    assert missing.returncode != 0
    assert missing.stderr.strip() == "storybook: There is no story 4242."
    bad = run("--db", str(db), "questions", "--competency", "nope")
    assert bad.returncode != 0
    assert bad.stderr.count("\n") == 1
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"garbage" * 1000)
    out = run("--db", str(broken), "stories")
    assert out.returncode == 2
    assert "damaged" in out.stderr
    assert out.stderr.count("\n") == 1
    assert broken.read_bytes() == b"garbage" * 1000


def test_env_variable_selects_database_and_info_reports_it(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite"
    info = json.loads(run("info", "--json", env={"STORYBOOK_DB": str(db)}).stdout)
    assert info["database"] == str(db)
    assert info["schema_revision"] == info["schema_head"]
    assert db.exists()
