"""GUI: File → Restore from backup… lists the backups, asks first, and puts the chosen one back in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from storybook.bank import StoryBank
from storybook.bank.backups import backup_now, list_backups
from storybook.gui import app as gui_app
from storybook.gui.dialogs.open_error import OpenErrorDialog
from storybook.gui.dialogs.restore_backup import RestoreBackupDialog


def _answer(monkeypatch: pytest.MonkeyPatch, accept: bool, confirm: bool) -> list[str]:
    questions: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        questions.append(text)
        return QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.Cancel

    code = QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: code)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return questions


def _stored_titles(db_path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT title FROM story WHERE deleted_at IS NULL ORDER BY id")]
    finally:
        con.close()


def test_the_dialog_lists_every_backup_and_offers_the_one_with_stories(qtbot, db_path: Path) -> None:
    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="One")
        backup_now(db_path, "manual")
        bank.stories.purge(bank.stories.list()[0].id)
        backup_now(db_path, "start")
    infos = list_backups(db_path)
    dialog = RestoreBackupDialog(db_path, infos)
    qtbot.addWidget(dialog)
    assert dialog.table_backups.rowCount() == 2
    assert dialog.table_backups.item(0, 1).text() == "start-up"
    assert dialog.table_backups.item(0, 2).text() == "0"
    assert dialog.selected() is not None
    assert dialog.selected().stories == 1, "the newest backup holding stories is preselected"
    assert dialog.btn_restore.isEnabled()


def test_file_restore_puts_the_backup_back_and_the_window_shows_it(make_window, db_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bank = StoryBank.open(db_path)
    bank.stories.create(title="Before")
    backup_now(db_path, "manual")
    bank.stories.create(title="After the backup")
    win = make_window(bank)
    assert win.workspace.list_panel.model.rowCount() == 2
    questions = _answer(monkeypatch, accept=True, confirm=True)
    win.actions["restore_backup"].trigger()
    assert "with 1 story?" in questions[0]
    assert _stored_titles(db_path) == ["Before"]
    assert win.workspace.list_panel.model.rowCount() == 1
    assert "Restored 1 story" in win.statusBar().currentMessage()
    saved = [i for i in list_backups(db_path) if i.reason == "pre-restore"]
    assert [i.stories for i in saved] == [2]
    win.workspace.new_story()  # the bank keeps working on the restored file
    assert win.workspace.flush()
    bank.close()


def test_cancelling_the_confirmation_changes_nothing(make_window, db_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bank = StoryBank.open(db_path)
    bank.stories.create(title="Before")
    backup_now(db_path, "manual")
    bank.stories.create(title="Kept")
    win = make_window(bank)
    _answer(monkeypatch, accept=True, confirm=False)
    win.actions["restore_backup"].trigger()
    assert _stored_titles(db_path) == ["Before", "Kept"]
    assert len(list_backups(db_path)) == 1
    bank.close()


def test_a_missing_database_at_start_leads_to_restore(qapp, db_path: Path, ui_settings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with StoryBank.open(db_path) as bank:
        for n in range(3):
            bank.stories.create(title=f"Story {n}")
    backup_now(db_path, "start")
    for path in db_path.parent.glob(db_path.name + "*"):
        path.unlink()
    asked = []
    monkeypatch.setattr(OpenErrorDialog, "ask", classmethod(lambda cls, p, message, b: asked.append(message)
                                                            or ("restore", True)))
    _answer(monkeypatch, accept=True, confirm=True)
    ctx = gui_app.build_context(db_path, ui_settings)
    try:
        assert ctx is not None
        assert "missing" in asked[0]
        assert "3 stories" in asked[0]
        assert ctx.bank.stories.count() == 3
    finally:
        ctx.close()


def test_a_read_only_database_opens_read_only_with_a_banner(qapp, qtbot, db_path: Path, ui_settings,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from storybook.gui.main_window import MainWindow
    from storybook.gui.read_only_banner import add_read_only_banner

    with StoryBank.open(db_path) as bank:
        bank.stories.create(title="Look, don't touch")
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Open))
    ctx = gui_app.build_context(db_path, ui_settings)
    try:
        assert ctx is not None
        assert "read-only" in asked[0]
        assert "damaged" not in asked[0]
        assert ctx.bank.read_only
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        bar = add_read_only_banner(window, str(db_path))
        window.show()
        assert bar.isVisible()
        assert window.workspace.list_panel.model.rowCount() == 1
    finally:
        ctx.close()
    assert oct(db_path.stat().st_mode & 0o777) == oct(0o400)
    assert db_path.read_bytes() == before
