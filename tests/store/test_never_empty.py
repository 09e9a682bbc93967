"""Store: a bank never starts empty by accident, and failed backups never count as good (issue 10, 1 and 2)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storybook.bank import StoreError, StoryBank
from storybook.paths import backups_dir
from storybook.store.backup import backup_database, list_backups, newest_good_backup


def _bank_with(db_path: Path, titles: list[str]) -> None:
    with StoryBank.open(db_path) as bank:
        for title in titles:
            bank.stories.create(title=title)


def _stories_in(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT COUNT(*) FROM story").fetchone()[0]
    finally:
        con.close()


def _remove_database(db_path: Path) -> None:
    for path in db_path.parent.glob(db_path.name + "*"):
        if not path.name.endswith(".lock"):
            path.unlink()


def test_deleted_database_with_backups_is_refused_and_says_how_to_restore(db_path: Path) -> None:
    _bank_with(db_path, ["One", "Two", "Three"])
    assert backup_database(db_path, "manual") is not None
    _remove_database(db_path)
    with pytest.raises(StoreError) as info:
        StoryBank.open(db_path)
    message = str(info.value)
    assert "missing" in message
    assert "3 stories" in message
    assert "restore" in message
    assert not db_path.exists(), "no empty bank may be created in its place"


def test_empty_file_with_backups_is_refused_and_left_alone(db_path: Path) -> None:
    _bank_with(db_path, ["Kept"])
    assert backup_database(db_path, "manual") is not None
    _remove_database(db_path)
    db_path.write_bytes(b"")
    backups_before = list_backups(db_path)
    for _start in range(3):
        with pytest.raises(StoreError, match="empty"):
            StoryBank.open(db_path)
    assert db_path.read_bytes() == b""
    assert list_backups(db_path) == backups_before


def test_a_true_first_run_starts_quietly(db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        assert bank.stories.count() == 0
    assert not backups_dir(db_path).exists() or list_backups(db_path) == []


def test_backups_of_an_empty_bank_never_push_out_backups_with_stories(db_path: Path) -> None:
    _bank_with(db_path, ["Precious one", "Precious two"])
    precious = backup_database(db_path, "start")
    assert precious is not None
    with StoryBank.open(db_path) as bank:
        for record in bank.stories.list():
            bank.stories.trash(record.id)
            bank.stories.purge(record.id)
    for _start in range(15):
        backup_database(db_path, "start")
    assert precious in list_backups(db_path)
    assert newest_good_backup(db_path) == precious
    assert _stories_in(precious) == 2


def test_an_empty_file_in_backups_is_not_a_good_backup(db_path: Path) -> None:
    _bank_with(db_path, ["Real"])
    real = backup_database(db_path, "start")
    assert real is not None
    zero = real.with_name(real.name.replace("-start", "9-start"))  # sorts as newer
    zero.write_bytes(b"")
    assert newest_good_backup(db_path) == real


FULL_DISK_CHILD = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from storybook.store.backup import backup_database
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # writes past this fail like a full disk
    try:
        print(backup_database(Path(sys.argv[1]), "start"))
    except Exception as exc:
        print("raised", type(exc).__name__, exc)
""")


def test_a_backup_that_fails_on_a_full_disk_leaves_nothing_behind(db_path: Path) -> None:
    _bank_with(db_path, [f"Story {n}" for n in range(13)])
    good = backup_database(db_path, "manual")
    assert good is not None
    with StoryBank.open(db_path) as bank:  # keeps -shm at full size, as a running app does
        bank.stories.create(title="Fourteen")
        before = set(backups_dir(db_path).iterdir())
        out = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(db_path), "4096"],
                             capture_output=True, text=True, timeout=60)
    assert "Traceback" not in out.stderr
    assert set(backups_dir(db_path).iterdir()) == before, "a failed backup must leave no file"
    assert newest_good_backup(db_path) == good
    assert _stories_in(good) == 13
