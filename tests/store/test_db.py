"""Store: engine pragmas, permissions, migrations, refusal of damaged and too-new databases."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.store.backup import backup_database, is_healthy, list_backups
from storybook.store.db import head_revision, read_revision
from storybook.store.errors import DatabaseDamagedError, SchemaTooNewError


def test_new_database_is_wal_private_and_at_head(db_path: Path) -> None:
    with StoryBank.open(db_path):
        pass
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    mode = subprocess.run(["sqlite3", str(db_path), "PRAGMA journal_mode"], capture_output=True, text=True, check=True)
    assert mode.stdout.strip() == "wal"
    assert read_revision(db_path) == head_revision()


def test_connections_enforce_foreign_keys_and_busy_timeout(bank: StoryBank) -> None:
    with bank.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_reopening_at_head_is_a_no_op_without_backup(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="Kept")
    before = list_backups(db_path)
    with StoryBank.open(db_path) as bank:
        assert [s.title for s in bank.stories.list()] == ["Kept"]
    assert list_backups(db_path) == before
    assert read_revision(db_path) == head_revision()


def test_upgrade_from_older_revision_backs_up_first(db_path: Path) -> None:
    from storybook.store.schema import create_database

    create_database(db_path, "0001")
    assert read_revision(db_path) == "0001"
    with StoryBank.open(db_path):
        pass
    assert read_revision(db_path) == head_revision()
    backups = list_backups(db_path)
    assert len(backups) == 1
    assert "pre-upgrade" in backups[0].name
    assert read_revision(backups[0]) == "0001"


def test_newer_schema_is_refused_and_left_byte_identical(db_path: Path) -> None:
    with StoryBank.open(db_path):
        pass
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer Storybook"):
        StoryBank.open(db_path)
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_damaged_file_is_refused_and_not_overwritten(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 100)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError, match="damaged"):
        StoryBank.open(db_path)
    assert db_path.read_bytes() == before


def test_damaged_database_points_at_newest_good_backup(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="Precious")
    good = backup_database(db_path, "manual")
    assert good is not None
    assert is_healthy(good)
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError) as info:
        StoryBank.open(db_path)
    assert info.value.backup == good
    with StoryBank.open(good) as restored:
        assert [s.title for s in restored.stories.list()] == ["Precious"]


def test_backups_of_an_empty_bank_rotate_keeping_the_newest(db_path: Path) -> None:
    with StoryBank.open(db_path):
        pass
    made = [backup_database(db_path, "start") for _ in range(5)]
    kept = list_backups(db_path)
    assert len(kept) == 3
    assert set(kept) == set(made[-3:])
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)


def test_a_backup_is_one_self_contained_file(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="Kept in the backup")
        copy = backup_database(db_path, "manual")
    assert copy is not None
    leftovers = [p.name for p in copy.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
    assert leftovers == []
    con = sqlite3.connect(copy)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("SELECT title FROM story").fetchone()[0] == "Kept in the backup"
    finally:
        con.close()
