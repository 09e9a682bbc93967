"""CLI: ``storybook stories --search`` finds through the index and shows where (JSON gains ``snippet``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storybook.bank import StoryBank


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storybook", *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


def test_search_prints_snippets_and_keeps_the_json_contract(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    with StoryBank.open(db) as bank:
        story = bank.stories.create(title="Billing", action="I planned the database migration in two steps.")
        bank.stories.create(title="Hiring", action="I interviewed twelve people.")
    text = run("--db", str(db), "stories", "--search", "MIGRAT")
    assert text.returncode == 0, text.stderr
    assert "Billing" in text.stdout
    assert "Hiring" not in text.stdout
    assert "Action: I planned the database migration in two steps." in text.stdout
    found = json.loads(run("--db", str(db), "stories", "--json", "--search", '"database migration"').stdout)
    assert [s["id"] for s in found] == [story.id]
    assert found[0]["snippet"] == "Action: I planned the database migration in two steps."
    assert found[0]["matched_fields"] == ["action"]
    assert {"title", "action", "tags", "status"} <= set(found[0])
    hostile = run("--db", str(db), "stories", "--search", 'AND OR "(')
    assert hostile.returncode == 0, hostile.stderr
    assert "No stories match the search." in hostile.stdout
