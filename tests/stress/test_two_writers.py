"""Stress: the app and another program write the same bank; nothing is lost or silently overwritten."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from storybook.bank import StoryBank
from storybook.export.portable import dump_json
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool

pytestmark = pytest.mark.timeout(300)
CONFLICT_SUFFIX = " (changed elsewhere)"  # what the user sees on the other version's copy


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "bank.sqlite"
    with StoryBank.open(path) as bank:
        bank.stories.load_samples()
    return path


@pytest.fixture
def window(qtbot, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    from PySide6.QtWidgets import QDialog, QMessageBox

    from storybook.gui.main_window import MainWindow

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    bank = StoryBank.open(db)
    ctx = AppContext(bank=bank, ui_settings=settings, pool=WorkerPool(), features=frozenset())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    story_id = bank.stories.list()[0].id
    win.open_story(story_id)
    yield win
    win.close()
    ctx.pool.waitForDone(5000)
    bank.close()


def _other_program_replaces(db: Path, tmp_path: Path, story_id: int, action: str) -> None:
    """Run ``storybook import-json --replace`` in another process with a changed Action for the story."""
    with StoryBank.open(db) as bank:
        payload = bank.transfer.export_payload()
    title = next(s["title"] for s in payload["stories"] if s["title"] == _title(db, story_id))
    payload["stories"] = [dict(s, action=action) for s in payload["stories"] if s["title"] == title]
    payload.update(targets=[], rehearsals=[])
    path = tmp_path / "changed.json"
    path.write_text(dump_json(payload), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storybook", "--db", str(db), "import-json", str(path), "--replace"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def _title(db: Path, story_id: int) -> str:
    with StoryBank.open(db) as bank:
        return bank.stories.get(story_id).title


def _stored(db: Path) -> dict[str, str]:
    with StoryBank.open(db) as bank:
        return {s.title: s.action for s in bank.stories.list()}


def _type_at_end(qtbot, edit, text: str) -> None:  # noqa: ANN001
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def test_an_import_elsewhere_shows_up_and_the_next_keystroke_keeps_it(qtbot, window, db: Path,
                                                                      tmp_path: Path) -> None:
    story_id = window.workspace.current_story_id
    edit = window.workspace.editor.section_edit("action")
    _other_program_replaces(db, tmp_path, story_id, "Imported by another program.")
    qtbot.waitUntil(lambda: edit.toPlainText() == "Imported by another program.", timeout=5000)
    _type_at_end(qtbot, edit, " Plus my words.")
    assert window.workspace.flush()
    stored = _stored(db)
    assert stored[_title(db, story_id)] == "Imported by another program. Plus my words."


def test_both_changed_the_story_keeps_both_versions(qtbot, window, db: Path, tmp_path: Path) -> None:
    workspace = window.workspace
    workspace.autosaver.timer.setInterval(600_000)  # the user's edit stays unsaved until the clash is noticed
    story_id = workspace.current_story_id
    title = _title(db, story_id)
    edit = workspace.editor.section_edit("action")
    _type_at_end(qtbot, edit, " My unsaved sentence.")
    mine = edit.toPlainText()
    _other_program_replaces(db, tmp_path, story_id, "Their version of the action.")
    qtbot.waitUntil(lambda: not workspace.autosaver.dirty, timeout=5000)
    stored = _stored(db)
    assert stored[title] == mine
    assert stored[title + CONFLICT_SUFFIX] == "Their version of the action."
    assert edit.toPlainText() == mine
    assert "changed elsewhere" in window.statusBar().currentMessage()


def test_a_save_that_meets_a_lock_is_retried_until_the_text_arrives(qtbot, window, db: Path,
                                                                     stress_rounds) -> None:
    workspace = window.workspace
    story_id = workspace.current_story_id
    edit = workspace.editor.section_edit("result")
    for round_no in range(stress_rounds(20, short=1)):
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            _type_at_end(qtbot, edit, f" Round {round_no}.")
            qtbot.waitUntil(lambda: "Trying again" in window.lbl_save.text(), timeout=5000)
            assert workspace.autosaver.dirty
        finally:
            other.execute("COMMIT")
            other.close()
        qtbot.waitUntil(lambda: not workspace.autosaver.dirty, timeout=10_000)
        assert window.lbl_save.text() == "Saved"
        with StoryBank.open(db) as bank:
            assert bank.stories.get(story_id).result.endswith(f" Round {round_no}.")


def test_a_long_import_lets_another_writer_in(tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch,
                                             stress_rounds) -> None:
    import storybook.bank.transfer_batches as batches

    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.05)  # many short batches even for a small import
    with StoryBank.open(db) as bank:
        payload = bank.transfer.export_payload()
    template = payload["stories"][0]
    count = stress_rounds(2000, short=120)
    payload["stories"] = [dict(template, ref=f"story:{n}", title=f"Imported {n}") for n in range(count)]
    payload.update(targets=[], rehearsals=[])
    errors: list[BaseException] = []

    def run_import() -> None:
        try:
            with StoryBank.open(db) as bank:
                bank.transfer.import_payload(payload)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    worker = threading.Thread(target=run_import)
    worker.start()
    other = sqlite3.connect(db, timeout=1.0, isolation_level=None)  # waits at most a second for the lock
    got_in_during_import = 0
    try:
        while worker.is_alive():
            other.execute("BEGIN IMMEDIATE")
            got_in_during_import += worker.is_alive()
            other.execute("COMMIT")
            time.sleep(0.02)  # a save now and then, as the app would, not a writer hogging the lock
    finally:
        worker.join()
        other.close()
    assert not errors
    assert got_in_during_import > 0
    assert sum(1 for t in _stored(db) if t.startswith("Imported ")) == count
