"""Store: migration 0004 moves target competency weights from ``meta`` keys onto the link rows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command

from storybook.bank import StoryBank
from storybook.store.db import _prepare_file, alembic_config, make_engine, read_revision

OLD_KEY = "target_weights:{}"


def _database_at_0003(path: Path) -> None:
    """A database as the 0003 code left it: links without weights, weights in a meta row."""
    _prepare_file(path)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0003")
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO competency (id, key, name, description, builtin) VALUES (?, ?, ?, '', 1)",
                        [(1, "leadership", "Leadership"), (2, "conflict", "Conflict"), (3, "ownership", "Ownership")])
        for target_id, company in ((1, "Northwind"), (2, "Contoso")):
            con.execute("INSERT INTO target (id, company, role, interviewers, notes, questions_to_ask, created_at, "
                        "updated_at) VALUES (?, ?, 'Engineer', '', '', '[]', '2030-01-01', '2030-01-01')",
                        (target_id, company))
        con.executemany("INSERT INTO target_competency (target_id, competency_id) VALUES (?, ?)",
                        [(1, 1), (1, 2), (1, 3), (2, 3)])
        # Target 1 has weights stored (one out of range); target 2 never had any stored.
        con.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                    (OLD_KEY.format(1), json.dumps({"leadership": 5, "conflict": 2, "ownership": 9})))
        con.execute("INSERT INTO meta (key, value) VALUES ('unrelated', 'kept')")
    con.close()


def _meta(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()


def test_upgrade_keeps_the_stored_weights_and_drops_the_meta_rows(db_path: Path) -> None:
    _database_at_0003(db_path)
    assert read_revision(db_path) == "0003"
    with StoryBank.open(db_path) as bank:
        first, second = bank.targets.get(1), bank.targets.get(2)
        assert first.competencies == {"leadership": 5, "conflict": 2, "ownership": 3}
        assert list(first.competencies) == ["leadership", "ownership", "conflict"]  # heaviest first
        assert second.competencies == {"ownership": 3}
        bank.targets.set_competencies(2, {"ownership": 4, "conflict": 1})
        assert bank.targets.get(2).competencies == {"ownership": 4, "conflict": 1}
    meta = _meta(db_path)
    assert not [k for k in meta if k.startswith("target_weights:")]
    assert meta["unrelated"] == "kept"


def test_deleting_a_target_removes_its_weights_with_it(db_path: Path) -> None:
    _database_at_0003(db_path)
    with StoryBank.open(db_path) as bank:
        bank.targets.delete(1)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT target_id, weight FROM target_competency").fetchall() == [(2, 3)]
    finally:
        con.close()


def test_downgrade_writes_the_weights_back_to_meta(db_path: Path) -> None:
    _database_at_0003(db_path)
    with StoryBank.open(db_path):
        pass
    engine = make_engine(db_path)
    command.downgrade(alembic_config(engine), "0003")
    engine.dispose()
    assert json.loads(_meta(db_path)[OLD_KEY.format(1)]) == {"conflict": 2, "leadership": 5, "ownership": 3}
