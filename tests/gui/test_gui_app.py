"""Start-up: one instance per database, damaged or too-new files are never overwritten, backups on start."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from storybook.bank import StoryBank
from storybook.gui import app as gui_app
from storybook.gui.dialogs.open_error import OpenErrorDialog
from storybook.gui.dialogs.restore_backup import RestoreBackupDialog
from storybook.gui.instance import InstanceLock
from storybook.paths import backups_dir
from storybook.store.backup import backup_database


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    for name in ("information", "critical", "warning"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, title, text, *a, **k: said.append(text)))
    return said


def test_second_instance_is_refused_with_a_clear_message(qapp, db_path, ui_settings, messages) -> None:
    db_path.parent.mkdir(parents=True)
    with InstanceLock(db_path) as first:
        assert first.acquire()
        assert gui_app.build_context(db_path, ui_settings) is None
        assert gui_app.run_app(str(db_path)) == 1
    assert len(messages) == 2
    assert "already open in another Storybook window" in messages[0]
    assert str(db_path) in messages[0]
    ctx = gui_app.build_context(db_path, ui_settings)  # free again once the first instance is gone
    assert ctx is not None
    ctx.close()


def test_lock_held_by_another_process_is_respected(db_path) -> None:
    db_path.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from storybook.gui.instance import InstanceLock
            lock = InstanceLock(Path({str(db_path)!r}))
            print(lock.acquire(), flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert not InstanceLock(db_path).acquire()
    finally:
        holder.communicate("\n", timeout=10)
    with InstanceLock(db_path) as again:
        assert again.acquire()


def test_start_takes_a_backup(qapp, db_path, ui_settings) -> None:
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="kept")
    ctx = gui_app.build_context(db_path, ui_settings)
    ctx.pool.waitForDone(10000)
    ctx.close()
    assert any(p.name.endswith("-start.sqlite") for p in backups_dir(db_path).iterdir())


def _damaged(db_path: Path) -> bytes:
    with StoryBank.open(db_path) as bank:
        bank.stories.load_samples()
    assert backup_database(db_path, "manual") is not None
    for extra in db_path.parent.glob(db_path.name + "-*"):
        extra.unlink()
    junk = b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 4096
    db_path.write_bytes(junk)
    return junk


def test_damaged_database_leads_to_restore_in_place(qapp, db_path, ui_settings, monkeypatch) -> None:
    junk = _damaged(db_path)
    asked = []

    def ask(cls, parent, message, backup):  # noqa: ANN001, ANN202
        asked.append((message, backup))
        return "restore", True

    monkeypatch.setattr(OpenErrorDialog, "ask", classmethod(ask))
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    ctx = gui_app.build_context(db_path, ui_settings)
    try:
        assert ctx is not None
        message, backup = asked[0]
        assert "is damaged" in message
        assert "not changed" in message
        assert backup is not None
        assert backup.parent == backups_dir(db_path)
        assert ctx.bank.path == db_path, "the real bank is restored, not a second diverging copy"
        assert ctx.bank.stories.count() == 13
        assert "Restored 13 stories" in ctx.note
    finally:
        ctx.close()
    kept = list(db_path.parent.glob("*.damaged-*"))
    assert [p.read_bytes() for p in kept] == [junk]
    assert not list(db_path.parent.glob("*recovered*"))


def test_declining_leaves_the_damaged_file_alone(qapp, db_path, ui_settings, monkeypatch) -> None:
    junk = _damaged(db_path)
    monkeypatch.setattr(OpenErrorDialog, "ask", classmethod(lambda cls, *a: ("quit", False)))
    assert gui_app.build_context(db_path, ui_settings) is None
    assert db_path.read_bytes() == junk
    assert InstanceLock(db_path).acquire()  # the refused start released its lock


def test_too_new_database_is_explained_and_untouched(qapp, db_path, ui_settings, monkeypatch) -> None:
    with StoryBank.open(db_path):
        pass
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    asked = []
    monkeypatch.setattr(OpenErrorDialog, "ask", classmethod(lambda cls, p, message, b: asked.append(message)
                                                            or ("quit", False)))
    assert gui_app.build_context(db_path, ui_settings) is None
    assert "newer Storybook" in asked[0]
    assert db_path.read_bytes() == before
