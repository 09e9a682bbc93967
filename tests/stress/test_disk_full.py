"""Stress: a full disk (a small tmpfs) loses no confirmed save and leaves no failed backup behind."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storybook.bank import BackupError, StoryBank
from storybook.bank.backups import backup_now, list_backups, offered_backup

pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; run `make stress` as root for the disk-full test")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(bank: StoryBank) -> list[str]:
    """Save stories until the disk is full; return the titles whose save returned."""
    confirmed = []
    for n in range(10_000):
        try:
            bank.stories.create(title=f"Story {n}", situation="x" * 16_000)
        except Exception:  # noqa: BLE001 - the full disk surfaces as a driver error
            return confirmed
        confirmed.append(f"Story {n}")
    raise AssertionError("the small disk never filled up")


def test_full_disk_loses_nothing_and_leaves_no_bad_backup(small_disk: Path) -> None:
    db = small_disk / "data" / "bank.sqlite"
    filler = small_disk / "filler.bin"
    with StoryBank.open(db) as bank:
        bank.stories.create(title="Before the disk filled")
        first = backup_now(db, "manual")
        filler.write_bytes(b"\0" * 400_000)
        confirmed = ["Before the disk filled", *_fill(bank)]
        with pytest.raises(BackupError, match="failed and was removed"):
            backup_now(db, "start")
    backups_folder = db.parent / "backups"
    leftovers = sorted(p.name for p in backups_folder.iterdir() if p.name.startswith("."))
    cli = subprocess.run([sys.executable, "-m", "storybook", "--db", str(db), "backup"],
                         capture_output=True, text=True, timeout=120)
    filler.unlink()
    lost = unopenable = 0
    try:
        with StoryBank.open(db) as bank:
            titles = {s.title for s in bank.stories.list()}
        lost = len([t for t in confirmed if t not in titles])
    except Exception:  # noqa: BLE001 - counted and reported
        unopenable = 1
    failures = int(bool(leftovers)) + int(cli.returncode == 0) + lost + unopenable
    print(f"\n[stress] full disk ({len(confirmed)} saves before it filled): rounds=1 failures={failures} "
          f"lost={lost} unopenable={unopenable}")
    assert leftovers == []
    assert cli.returncode != 0
    assert "Traceback" not in cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1
    assert [b.path for b in list_backups(db)] == [first.path]
    assert offered_backup(db).path == first.path
    assert (lost, unopenable) == (0, 0)
