"""The app begins the bank's quick check before its modules import; the start-up reader uses that verdict."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storybook.bank import StoryBank
from storybook.bank.early_check import start_early_check, take_early_check
from storybook.bank.reader import BankReader


def _closed(bank: StoryBank) -> Path:
    path = bank.path
    bank.close()
    return path


def _damage(path: Path) -> None:
    """Scribble over the pages in the middle of the file, where the stories are; the header stays readable."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(b"\xff\x00 not a b-tree page \x00" * (size // 3 // 24))


def test_an_intact_bank_opens_with_the_early_verdict(sample_bank: StoryBank) -> None:
    count = len(sample_bank.stories.summaries())
    path = _closed(sample_bank)
    check = start_early_check(path)
    assert check is not None
    assert check.passed()
    with BankReader.open(path) as reader:
        assert len(reader.summaries()) == count
    assert take_early_check(path) is None  # used once: a later open checks again itself


def test_a_damaged_bank_is_declined_so_the_full_open_can_offer_a_backup(sample_bank: StoryBank) -> None:
    path = _closed(sample_bank)
    _damage(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
    check = start_early_check(path)
    assert check is not None
    assert not check.passed()
    start_early_check(path)
    assert BankReader.open(path) is None


def test_no_file_no_check_and_nothing_created(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.sqlite", tmp_path / "ünï 📚" / "bank.sqlite"):
        assert start_early_check(path) is None
        assert not path.exists()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert start_early_check(empty) is None
    assert empty.stat().st_size == 0
