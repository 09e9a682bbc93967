"""Store and CLI: restoring a backup safely, and honest read-only states (issue 10, failures 5 and 6)."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from storybook.bank import StoreError, StoryBank
from storybook.cli import main
from storybook.paths import backups_dir


def _titles(db_path: Path) -> list[str]:
    out = subprocess.run(["sqlite3", str(db_path), "SELECT title FROM story ORDER BY id"],
                         capture_output=True, text=True, check=True)
    return out.stdout.split("\n")[:-1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storybook", *args], capture_output=True, text=True, timeout=120)


def _bank_with(db_path: Path, titles: list[str]) -> None:
    with StoryBank.open(db_path) as bank:
        for title in titles:
            bank.stories.create(title=title)


def test_backup_backups_and_restore_from_the_command_line(db_path: Path) -> None:
    _bank_with(db_path, ["First", "Second"])
    taken = _cli("--db", str(db_path), "backup")
    assert taken.returncode == 0, taken.stderr
    backup = Path(taken.stdout.strip())
    assert backup.parent == backups_dir(db_path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    _bank_with(db_path, ["Third, written after the backup"])
    listed = _cli("--db", str(db_path), "backups", "--json")
    rows = json.loads(listed.stdout)
    assert [(r["file"], r["reason"], r["stories"], r["verified"]) for r in rows] == [(str(backup), "manual", 2, True)]
    assert rows[0]["size"] == backup.stat().st_size
    assert rows[0]["schema_revision"]
    assert rows[0]["taken_at"]
    restored = _cli("--db", str(db_path), "restore", backup.name)
    assert restored.returncode == 0, restored.stderr
    assert "Restored 2 stories" in restored.stdout
    assert _titles(db_path) == ["First", "Second"]
    saved = [r for r in json.loads(_cli("--db", str(db_path), "backups", "--json").stdout)
             if r["reason"] == "pre-restore"]
    assert [r["stories"] for r in saved] == [3], "the replaced database is kept as a backup"
    assert _cli("--db", str(db_path), "stories").returncode == 0


def test_restore_with_a_live_write_ahead_log_does_not_corrupt(db_path: Path) -> None:
    _bank_with(db_path, ["Backed up"])
    assert main(["--db", str(db_path), "backup"]) == 0
    holder = sqlite3.connect(db_path)  # another reader keeps the -wal from being folded in and removed
    holder.execute("PRAGMA wal_autocheckpoint=0")
    with holder:
        holder.executemany("INSERT INTO story (title, situation, task, action, result, reflection, "
                           "short_version, notes, status, cue_cards, created_at, updated_at) VALUES "
                           "(?, '', '', '', '', '', '', '', 'draft', '[]', '2030-01-01', '2030-01-01')",
                           [(f"Only in the log {n}",) for n in range(50)])
    holder.close()
    backup = sorted(backups_dir(db_path).glob("*-manual.sqlite"))[0]
    assert main(["--db", str(db_path), "restore", str(backup)]) == 0
    check = subprocess.run(["sqlite3", str(db_path), "PRAGMA integrity_check"], capture_output=True, text=True)
    assert check.stdout.strip() == "ok"
    assert _titles(db_path) == ["Backed up"]


def test_restore_refuses_while_the_app_has_the_database_open(db_path: Path, capsys) -> None:
    from storybook.gui.instance import InstanceLock

    _bank_with(db_path, ["Open elsewhere"])
    assert main(["--db", str(db_path), "backup"]) == 0
    backup = next(backups_dir(db_path).glob("*.sqlite"))
    lock = InstanceLock(db_path)
    assert lock.acquire()
    try:
        before = db_path.read_bytes()
        assert main(["--db", str(db_path), "restore", backup.name]) != 0
        assert "already open" in capsys.readouterr().err
        assert db_path.read_bytes() == before
    finally:
        lock.release()


def test_restoring_over_a_damaged_database_keeps_it_aside(db_path: Path) -> None:
    _bank_with(db_path, ["Safe"])
    assert main(["--db", str(db_path), "backup"]) == 0
    for extra in db_path.parent.glob(db_path.name + "-*"):
        extra.unlink()
    junk = b"SQLite format 3\x00" + b"\x00\xff" * 5000
    db_path.write_bytes(junk)
    backup = next(backups_dir(db_path).glob("*.sqlite"))
    assert main(["--db", str(db_path), "restore", backup.name]) == 0
    assert _titles(db_path) == ["Safe"]
    kept = list(db_path.parent.glob("*.damaged-*"))
    assert [p.read_bytes() for p in kept] == [junk]
    assert not list(db_path.parent.glob("*recovered*")), "no second, diverging bank"


def test_a_bad_backup_is_not_restored(db_path: Path, capsys) -> None:
    _bank_with(db_path, ["Current"])
    bad = backups_dir(db_path) / "bank-20300101-000000-000000-start.sqlite"
    bad.parent.mkdir(mode=0o700, exist_ok=True)
    bad.write_bytes(b"")
    assert main(["--db", str(db_path), "restore", bad.name]) != 0
    assert "empty" in capsys.readouterr().err
    assert _titles(db_path) == ["Current"]


def test_a_read_only_file_is_not_chmodded_and_can_still_be_read(db_path: Path, capsys) -> None:
    _bank_with(db_path, ["Read me"])
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="read-only") as info:
        StoryBank.open(db_path)
    assert "damaged" not in str(info.value)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400
    assert main(["--db", str(db_path), "stories"]) == 0
    assert "Read me" in capsys.readouterr().out
    assert main(["--db", str(db_path), "sample"]) != 0
    err = capsys.readouterr().err
    assert "read-only" in err
    assert "Traceback" not in err
    assert db_path.read_bytes() == before
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


def test_a_read_only_folder_is_reported_as_read_only_not_damaged(db_path: Path) -> None:
    _bank_with(db_path, ["In a locked folder"])
    folder = db_path.parent
    listing = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as info:
            StoryBank.open(db_path)
        assert "read-only" in str(info.value)
        assert "damaged" not in str(info.value)
        with StoryBank.open(db_path, read_only=True) as bank:
            assert [s.title for s in bank.stories.list()] == ["In a locked folder"]
        assert stat.S_IMODE(folder.stat().st_mode) == 0o500, "never chmodded behind the user's back"
        assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == listing
    finally:
        folder.chmod(0o700)


def test_odd_folder_names_work_for_checks_backups_and_restore(tmp_path: Path) -> None:
    db_path = tmp_path / "my #1 stories? 100%" / "bank.sqlite"
    _bank_with(db_path, ["Odd folder"])
    assert main(["--db", str(db_path), "backup"]) == 0
    backup = next(backups_dir(db_path).glob("*.sqlite"))
    _bank_with(db_path, ["Second"])
    assert main(["--db", str(db_path), "restore", backup.name]) == 0
    assert _titles(db_path) == ["Odd folder"]


def test_a_read_only_folder_without_logs_is_read_as_immutable(db_path: Path) -> None:
    from storybook.store.access import read_only_uri

    _bank_with(db_path, ["Sealed"])
    assert "immutable" not in read_only_uri(db_path)
    db_path.parent.chmod(0o500)
    try:
        assert read_only_uri(db_path).endswith("mode=ro&immutable=1")
        with StoryBank.open(db_path, read_only=True) as bank:
            assert bank.stories.count() == 1
    finally:
        db_path.parent.chmod(0o700)
