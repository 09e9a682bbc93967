"""GUI: start-up: resolve the database, take the instance lock, open the bank (or restore a backup), show the window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from storybook.bank import (
    DatabaseDamagedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    SchemaTooNewError,
    StoreError,
)
from storybook.bank.deferred import DeferredBank
from storybook.bank.reader import BankReader
from storybook.gui.context import AppContext
from storybook.gui.icons import app_icon
from storybook.gui.instance import InstanceLock
from storybook.gui.probe import FirstPaintProbe, probe_requested
from storybook.gui.workers import WorkerPool, run_in_pool
from storybook.paths import resolve_db_path

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)
ORGANIZATION = "Storybook"
APPLICATION = "Storybook"
ALREADY_OPEN = ("This database is already open in another Storybook window:\n{path}\n\n"
                "Switch to that window, or close it and start Storybook again.")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("storybook")
    app.setWindowIcon(app_icon())
    return app


def ui_settings() -> QSettings:
    """Window geometry and splitter sizes; tests point this elsewhere with QSettings.setPath."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def open_bank_interactive(path: Path, parent: QWidget | None = None) -> tuple[StoryBank | None, str]:
    """Open the bank; on a damaged or missing file explain and lead to Restore from backup."""
    from storybook.bank import StoryBank

    try:
        return StoryBank.open(path), ""
    except (DatabaseDamagedError, DatabaseMissingError) as exc:
        return restore_at_start(path, str(exc), exc.backup, parent)
    except SchemaTooNewError as exc:
        from storybook.gui.dialogs.open_error import OpenErrorDialog  # only on this path: not at every start

        OpenErrorDialog.ask(parent, str(exc), None)
        return None, ""
    except DatabaseReadOnlyError as exc:
        return open_read_only(path, exc, parent)
    except (StoreError, OSError) as exc:
        QMessageBox.critical(parent, "Storybook cannot open the database", str(exc))
        return None, ""


def open_read_only(path: Path, exc: DatabaseReadOnlyError,
                   parent: QWidget | None = None) -> tuple[StoryBank | None, str]:
    """A file the user made read-only: offer to open it for reading; nothing is chmodded."""
    from storybook.bank import StoryBank

    answer = QMessageBox.question(parent, "Storybook: read-only database",
                                  f"{exc}\n\nOpen it read-only? You can read and export, but not edit.",
                                  QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Open)
    if answer != QMessageBox.StandardButton.Open:
        return None, ""
    try:
        return StoryBank.open(path, read_only=True), f"Opened read-only: {exc.detail}."
    except (StoreError, OSError) as inner:
        QMessageBox.critical(parent, "Storybook cannot open the database", str(inner))
        return None, ""


def restore_at_start(path: Path, message: str, backup: Path | None,
                     parent: QWidget | None = None) -> tuple[StoryBank | None, str]:
    """Explain, let the user pick a backup, restore it in place (under our lock) and open the bank."""
    from storybook.bank import StoryBank
    from storybook.bank.backups import restore
    from storybook.gui.dialogs.open_error import OpenErrorDialog
    from storybook.gui.dialogs.restore_backup import RestoreBackupDialog

    choice, accepted = OpenErrorDialog.ask(parent, message, backup)
    if not accepted or choice != "restore":
        return None, ""
    chosen, confirmed = RestoreBackupDialog.choose(parent, path)
    if not confirmed or chosen is None:
        return None, ""
    try:
        result = restore(path, chosen.path, app_holds_lock=True)
        return StoryBank.open(path), result.describe()
    except (StoreError, OSError) as exc:
        QMessageBox.critical(parent, "Storybook", f"The backup could not be restored:\n{exc}")
        return None, ""


def acquire_lock(path: Path, parent: QWidget | None = None) -> InstanceLock | None:
    """Take the single-instance lock, or say clearly that another window has the database."""
    lock = InstanceLock(path)
    try:
        ok = lock.acquire()
    except OSError as exc:
        QMessageBox.critical(parent, "Storybook", f"Cannot use the data folder {path.parent}:\n{exc}")
        return None
    if not ok:
        QMessageBox.information(parent, "Storybook is already open", ALREADY_OPEN.format(path=path))
        return None
    return lock


def build_context(db: str | Path | None, settings: QSettings | None = None, backup: bool = True,
                  deferred: bool = False) -> AppContext | None:
    """Lock, open and back up the database; None when the user cannot or chose not to continue.

    With ``deferred``, a database whose schema is current and that passes its quick check is first read with
    sqlite3 alone (``DeferredBank``); the caller opens the full bank once the window is on screen.
    """
    path = resolve_db_path(db)
    lock = acquire_lock(path)
    if lock is None:
        return None
    reader = BankReader.open(path) if deferred else None
    bank, note = (DeferredBank(reader), "") if reader is not None else open_bank_interactive(path)
    if bank is None:
        lock.release()
        return None
    ctx = AppContext(bank=bank, ui_settings=settings or ui_settings(), pool=WorkerPool(), lock=lock, note=note)
    ctx.checks_process = os.environ.get("STORYBOOK_CHECKS", "process") != "thread"  # spaCy off the GUI's lock
    if backup:
        start_backup(ctx)
    return ctx


def finish_opening(window: QWidget, ctx: AppContext) -> None:
    """After the first paint: open the full bank behind a deferred one, then take the start backup."""
    bank = ctx.bank
    if isinstance(bank, DeferredBank) and not bank.is_open:
        try:
            bank.open_now()
        except (StoreError, OSError) as exc:
            log.exception("The full bank could not be opened after the first screen")
            QMessageBox.critical(window, "Storybook cannot open the database", str(exc))
            window.close()
            return
        window.reload_settings()  # a measured pace needs the rehearsals, which only the full bank reads
    start_backup(ctx)


def start_backup(ctx: AppContext) -> None:
    """The rotating backup taken at every start, in the worker pool (after the first paint)."""
    from storybook.bank.backups import backup_quietly

    run_in_pool(ctx.pool, backup_quietly, ctx.bank.path, "start")


def close_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C or SIGTERM close the windows normally, so pending edits are saved first."""
    def close(*_: object) -> None:
        QTimer.singleShot(0, app.closeAllWindows)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    timer = QTimer(app)  # Python runs signal handlers only when it gets control: wake it twice a second
    timer.timeout.connect(lambda: None)
    timer.start(500)
    return timer


def run_app(db: str | None = None) -> int:
    """Entry point used by ``storybook [--db PATH]`` with no subcommand."""
    app = make_application()
    from storybook.gui.dialogs.unexpected_error import start_error_reporting

    logs, guard = start_error_reporting(app)  # noqa: F841 - both live as long as the app
    from storybook.gui.accessibility import install_accessible_names

    namer = install_accessible_names(app)  # noqa: F841 - names the widgets of each window focus enters
    ctx = build_context(db, backup=False, deferred=True)
    if ctx is None:
        return 1
    from storybook.gui.main_window import MainWindow

    window = MainWindow(ctx)
    if ctx.bank.read_only:
        from storybook.gui.read_only_banner import add_read_only_banner

        add_read_only_banner(window, str(ctx.bank.path))
    if probe_requested():
        FirstPaintProbe(window, window.workspace.list_panel.model.rowCount)
    window.after_first_paint(lambda: finish_opening(window, ctx))  # the window first; the full bank right after
    window.show()
    if os.environ.get("STORYBOOK_PROBE") == "coverage":
        from storybook.gui.coverage.coverage_probe import install_coverage_probe

        install_coverage_probe(window)
    close_on_signals(app)
    code = 1
    try:
        code = int(app.exec())
    finally:
        if not ctx.close():  # everything is saved and closed; a worker still parses (read-only work)
            leave_without_waiting(code)
    return code


def leave_without_waiting(code: int) -> None:
    """End the process now: a thread still inside spaCy would abort the interpreter's shutdown (libblis)."""
    log.warning("Background work was still running at exit; leaving without waiting for it")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
