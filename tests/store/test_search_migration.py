"""Store: migration 0007 builds the search index for the stories already there, and takes it away again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from storybook.bank import StoryBank
from storybook.store.db import _prepare_file, alembic_config, make_engine


def _objects(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'")}
    finally:
        con.close()


def _migrate(path: Path, revision: str, down: bool = False) -> None:
    engine = make_engine(path)
    (command.downgrade if down else command.upgrade)(alembic_config(engine), revision)
    engine.dispose()


def test_upgrade_indexes_existing_stories_and_downgrade_removes_the_index(db_path: Path) -> None:
    _prepare_file(db_path)
    _migrate(db_path, "0006")
    con = sqlite3.connect(db_path)
    with con:
        con.execute("INSERT INTO story (id, title, situation, task, action, result, reflection, short_version, notes, "
                    "status, cue_cards, created_at, updated_at) VALUES (1, 'Old résumé story', '', '', "
                    "'I planned the migration', '', '', '', 'bring charts', 'draft', '[]', '2030-01-01', '2030-01-01')")
        con.execute("INSERT INTO tag (id, name) VALUES (1, 'legacy')")
        con.execute("INSERT INTO story_tag (story_id, tag_id) VALUES (1, 1)")
    con.close()
    assert _objects(db_path) == set()

    with StoryBank.open(db_path) as bank:  # upgrades to the head
        assert [h.story_id for h in bank.stories.search("resume migrat")] == [1]
        assert bank.stories.search("legacy")[0].fields == ("tags",)
        assert bank.stories.search("charts")[0].fields == ("notes",)
    assert "story_fts" in _objects(db_path)

    _migrate(db_path, "0006", down=True)
    assert _objects(db_path) == set()  # table, shadow tables and triggers gone
    con = sqlite3.connect(db_path)
    with con:  # the story table still takes writes without the triggers
        con.execute("UPDATE story SET action = 'I planned the rollout' WHERE id = 1")
        assert con.execute("SELECT title FROM story").fetchall() == [("Old résumé story",)]
    con.close()

    _migrate(db_path, "0007")
    with StoryBank.open(db_path) as bank:
        assert [h.story_id for h in bank.stories.search("rollout")] == [1]
        assert bank.stories.search("migration") == []
