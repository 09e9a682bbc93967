"""CLI and app: unreadable stored text, private exports and a full disk each give a clear answer, never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storybook.bank import StoryBank
from storybook.cli import main

BROKEN = "CAST(X'4920736176656420ff20696e20636f7374732e' AS TEXT)"  # "I saved \xff in costs." (not UTF-8)


def _break_text(db: Path, story_id: int) -> None:
    """What another tool might do: store bytes that are not UTF-8 in a text column."""
    con = sqlite3.connect(db)
    con.execute(f"UPDATE story SET action = {BROKEN}, title = {BROKEN} WHERE id = ?", (story_id,))
    con.commit()
    con.close()


@pytest.fixture
def broken_db(bank: StoryBank, db_path: Path) -> tuple[Path, int]:
    story_id = bank.stories.create(title="Fine", action="Fine text.").id
    bank.close()
    _break_text(db_path, story_id)
    return db_path, story_id


@pytest.mark.parametrize("command", [["stories"], ["show", "{id}"], ["stories", "--json"], ["export-json", "{out}"],
                                     ["export-md", "{folder}"], ["check", "--story", "{id}"]])
def test_invalid_utf8_in_the_database_is_shown_with_a_note(broken_db: tuple[Path, int], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    db, story_id = broken_db
    args = [a.format(id=story_id, out=tmp_path / "bank.json", folder=tmp_path / "md") for a in command]
    assert main(["--db", str(db), *args]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "not valid UTF-8" in err
    if command[0] in ("stories", "show"):
        assert "I saved \ufffd in costs." in out


def test_the_app_shows_invalid_utf8_with_replacement_characters(qtbot, broken_db: tuple[Path, int],
                                                               tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from storybook.gui.context import AppContext
    from storybook.gui.main_window import MainWindow
    from storybook.gui.workers import WorkerPool

    db, story_id = broken_db
    bank = StoryBank.open(db)
    ctx = AppContext(bank=bank, ui_settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                     pool=WorkerPool(), features=frozenset())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.open_story(story_id)
    assert win.workspace.editor.section_edit("action").toPlainText() == "I saved \ufffd in costs."
    qtbot.waitUntil(lambda: "not valid UTF-8" in win.statusBar().currentMessage(), timeout=3000)
    win.close()
    bank.close()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_bank_exports_are_private_and_the_dossier_is_not(sample_bank: StoryBank, db_path: Path, tmp_path: Path,
                                                         umask_022: None, capsys: pytest.CaptureFixture[str]) -> None:
    sample_bank.close()
    out = tmp_path / "out"
    out.mkdir()
    (out / "bank.json").write_text("old", encoding="utf-8")
    os.chmod(out / "bank.json", 0o644)  # an older, readable export is replaced by a private one
    assert main(["--db", str(db_path), "export-json", str(out / "bank.json")]) == 0
    assert main(["--db", str(db_path), "export-md", str(out / "new" / "stories")]) == 0
    assert main(["--db", str(db_path), "dossier", "--no-checks", "--out", str(out / "prep.docx")]) == 0
    capsys.readouterr()
    assert stat.S_IMODE((out / "bank.json").stat().st_mode) == 0o600
    for folder in (out / "new", out / "new" / "stories"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list((out / "new" / "stories").glob("*.md"))
    assert files
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    assert stat.S_IMODE((out / "prep.docx").stat().st_mode) == 0o644


# ---- a full disk ------------------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True,
                          check=False)  # 6 MB: the search index makes the first writes bigger than 2 MB of WAL
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave_kb: int) -> None:
    free_kb = shutil.disk_usage(folder).free // 1024
    with open(folder / f"filler-{leave_kb}", "wb") as handle:
        handle.write(bytes(max(0, free_kb - leave_kb) * 1024))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storybook", *args], capture_output=True, text=True, timeout=180,
                          check=False)


def test_every_command_reports_a_full_disk_in_one_line(sample_bank: StoryBank, db_path: Path, tmp_path: Path,
                                                       tiny_disk: Path) -> None:

    big = tmp_path / "big.json"
    payload = sample_bank.transfer.export_payload()
    payload["stories"] = [dict(s, title=f"Copy {n} of {s['title']}", ref=f"story:{n}")
                          for n, s in enumerate(payload["stories"] * 20)]
    payload.update(targets=[], rehearsals=[])
    from storybook.export.portable import dump_json

    big.write_text(dump_json(payload), encoding="utf-8")
    sample_bank.close()
    full_db = tiny_disk / "db" / "bank.sqlite"
    assert _cli("--db", str(full_db), "sample").returncode == 0
    _fill(tiny_disk, leave_kb=60)
    results = {"import-json": _cli("--db", str(full_db), "import-json", str(big))}
    _fill(tiny_disk, leave_kb=0)
    results |= {
        "export-json": _cli("--db", str(db_path), "export-json", str(tiny_disk / "bank.json")),
        "export-md": _cli("--db", str(db_path), "export-md", str(tiny_disk / "md")),
        "dossier": _cli("--db", str(db_path), "dossier", "--no-checks", "--out", str(tiny_disk / "prep.docx")),
    }
    for name, done in results.items():
        assert done.returncode != 0, name
        assert done.stderr.count("\n") == 1, f"{name}: {done.stderr}"
        assert "disk is full" in done.stderr, f"{name}: {done.stderr}"
    for filler in tiny_disk.glob("filler-*"):
        filler.unlink()
    with StoryBank.open(full_db) as bank:  # the failed import left the bank as it was
        assert len(bank.stories.list()) == 13
