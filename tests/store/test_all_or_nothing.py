"""Store: creating or upgrading the schema is all or nothing (issue 10, failure 3)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.ddl.impl import DefaultImpl
from alembic.operations import Operations

from storybook.bank import StoryBank
from storybook.store.db import _prepare_file, alembic_config, head_revision, make_engine, read_revision


def _database_at(path: Path, revision: str, titles: list[str]) -> None:
    """A database as an older Storybook left it (built the way that version built it)."""
    _prepare_file(path)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), revision)
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        for title in titles:
            con.execute("INSERT INTO story (title, situation, task, action, result, reflection, short_version, "
                        "notes, status, cue_cards, created_at, updated_at) VALUES (?, '', '', '', '', '', '', '', "
                        "'draft', '[]', '2030-01-01', '2030-01-01')", (title,))
    con.close()


def test_creation_stopped_half_way_leaves_a_database_that_opens(db_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real_create = DefaultImpl.create_table
    calls = []

    def create_then_stop(self, table, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(table.name)
        if len(calls) == 3:
            raise KeyboardInterrupt("stopped while building the schema")
        return real_create(self, table, *args, **kwargs)

    monkeypatch.setattr(DefaultImpl, "create_table", create_then_stop)
    with pytest.raises(KeyboardInterrupt):
        StoryBank.open(db_path)
    monkeypatch.setattr(DefaultImpl, "create_table", real_create)
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="After the interrupted start")
        assert bank.stories.count() == 1
    assert read_revision(db_path) == head_revision()
    assert [p.name for p in db_path.parent.iterdir() if "creating" in p.name] == []


def test_upgrade_stopped_after_its_alter_table_is_undone(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _database_at(db_path, "0003", ["Old one", "Old two"])

    def stop(self):  # noqa: ANN001, ANN202 - 0004 asks for the connection right after its ALTER TABLE
        raise RuntimeError("stopped in the middle of the upgrade")

    monkeypatch.setattr(Operations, "get_bind", stop)
    with pytest.raises(Exception, match="stopped in the middle"):
        StoryBank.open(db_path)
    monkeypatch.undo()
    assert read_revision(db_path) == "0003"
    con = sqlite3.connect(db_path)
    columns = [row[1] for row in con.execute("PRAGMA table_info(target_competency)")]
    con.close()
    assert "weight" not in columns, "the ALTER TABLE must have been rolled back with the rest"
    with StoryBank.open(db_path) as bank:
        assert sorted(s.title for s in bank.stories.list()) == ["Old one", "Old two"]
    assert read_revision(db_path) == head_revision()


def test_opening_at_head_does_not_load_alembic(db_path: Path) -> None:
    import subprocess

    with StoryBank.open(db_path):
        pass
    code = ("import sys\nfrom storybook.bank import StoryBank\n"
            f"StoryBank.open({str(db_path)!r}).close()\n"
            "print(sorted(m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_head_revision_without_alembic_matches_alembic(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from storybook.store.revisions import known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
