"""``storybook history``: list snapshots, restore one, empty a purged story's history."""

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


def _story_with_history(db: Path) -> tuple[int, int]:
    with StoryBank.open(db) as bank:
        story = bank.stories.create(title="Rollout", action="First draft of the rollout 🚀.")
        kept = bank.history.take(story.id)
        bank.stories.update(story.id, action="Rewritten completely.")
        return story.id, kept.id


def test_list_as_text_and_json(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    story_id, snap_id = _story_with_history(db)
    listed = json.loads(run("--db", str(db), "history", str(story_id), "--json").stdout)
    assert [s["id"] for s in listed] == [snap_id]
    assert listed[0]["reason"] == "manual"
    assert listed[0]["words"] == 5
    assert listed[0]["title"] == "Rollout"
    text = run("--db", str(db), "history", str(story_id))
    assert text.returncode == 0
    assert "Kept by hand" in text.stdout
    assert "Rollout" in text.stdout


def test_restore_then_undo_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    story_id, snap_id = _story_with_history(db)
    out = run("--db", str(db), "history", str(story_id), "--restore", str(snap_id), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    with StoryBank.open(db) as bank:
        assert bank.stories.get(story_id).action == "First draft of the rollout 🚀."
    back = run("--db", str(db), "history", str(story_id), "--restore", str(result["undo_snapshot"]))
    assert back.returncode == 0, back.stderr
    with StoryBank.open(db) as bank:
        assert bank.stories.get(story_id).action == "Rewritten completely."


def test_errors_are_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    story_id, snap_id = _story_with_history(db)
    missing = run("--db", str(db), "history", "999")
    assert missing.returncode == 1
    assert "no story 999" in missing.stderr
    wrong = run("--db", str(db), "history", str(story_id + 1), "--restore", str(snap_id))
    assert wrong.returncode == 1
    assert f"belongs to story {story_id}" in wrong.stderr
    assert "no snapshot 777" in run("--db", str(db), "history", str(story_id), "--restore", "777").stderr
    assert "still exists" in run("--db", str(db), "history", str(story_id), "--empty").stderr


def test_purged_story_history_can_be_emptied(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    story_id, _ = _story_with_history(db)
    with StoryBank.open(db) as bank:
        bank.stories.trash(story_id)
        bank.stories.purge(story_id)
    listed = run("--db", str(db), "history", str(story_id))
    assert "deleted for good" in listed.stdout
    emptied = run("--db", str(db), "history", str(story_id), "--empty")
    assert emptied.returncode == 0
    assert "Removed 2 snapshots" in emptied.stdout
    assert run("--db", str(db), "history", str(story_id)).returncode == 1
