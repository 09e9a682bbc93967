"""GUI: Story → History… (Ctrl+Shift+H) for the open story, and the Undo notice after a restore.

The dialog module is imported when the menu entry is first used, so start-up does not pay for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from storybook.gui.hooks import make_action
from storybook.gui.widgets.undo_notice import UndoNotice

if TYPE_CHECKING:
    from storybook.bank.history import RestoreOutcome
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)
SHORTCUT = "Ctrl+Shift+H"


class HistoryLink(QObject):
    """GUI: opens the history of the open story and offers to undo a restore."""

    def __init__(self, win: AppWindow) -> None:
        super().__init__(win.workspace)
        self.win = win
        self.undo_snapshot: int | None = None  # restoring this snapshot takes the last restore back
        self.notice = UndoNotice()
        self.notice.btn_undo.setToolTip("Put back the text the restore replaced (it is also in the history)")
        self.notice.undo_clicked.connect(self.undo_restore)
        win.statusBar().addWidget(self.notice, 1)
        self.action = make_action(win.workspace, "&History\u2026", self.open_history, SHORTCUT,
                                  "Earlier versions of this story: compare them and restore one")
        win.menu_story.addAction(self.action)
        win.actions["story_history"] = self.action
        self.action_deleted = make_action(win.workspace, "History of &deleted stories\u2026", self.open_deleted,
                                          tip="Versions of stories deleted for good: bring one back or empty it")
        win.menu_story.addAction(self.action_deleted)
        win.actions["story_history_deleted"] = self.action_deleted

    def open_history(self) -> RestoreOutcome | None:
        from storybook.gui.stories.history_dialog import StoryHistoryDialog

        workspace = self.win.workspace
        story_id = workspace.current_story_id
        if story_id is None:
            self.win.statusBar().showMessage("Open a story first to see its history.", 6000)
            return None
        if not workspace.flush():  # the text being typed is part of "the current text"
            return None
        outcome, restored = StoryHistoryDialog.open_for(self.win, self.win.bank, story_id, self.win.ctx.pool)
        if restored and outcome is not None:
            self._after_restore(outcome, "Restored an earlier version")
        return outcome

    def open_deleted(self) -> RestoreOutcome | None:
        from storybook.gui.stories.deleted_history import DeletedHistoryDialog

        if not self.win.workspace.flush():
            return None
        outcome, restored = DeletedHistoryDialog.open_for(self.win, self.win.bank, self.win.ctx.pool)
        if restored and outcome is not None:
            self.win.show_tab("stories")
            self._after_restore(outcome, "Brought back")
        return outcome

    def takes_undo(self, widget: QWidget | None) -> bool:
        """Edit → Undo means "undo the restore" while its notice shows and the focused field has no typing to undo."""
        if self.undo_snapshot is None or not self.notice.active:
            return False
        if isinstance(widget, QLineEdit):
            return not widget.isUndoAvailable()
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            return not widget.document().isUndoAvailable()
        return True

    def undo_restore(self) -> None:
        self.notice.dismiss()
        snapshot_id, self.undo_snapshot = self.undo_snapshot, None
        if snapshot_id is None:
            return
        if not self.win.workspace.flush():
            return
        try:
            outcome = self.win.bank.history.restore(snapshot_id)
        except Exception as exc:
            log.exception("Undoing a restore failed")
            self.win.statusBar().showMessage(f"Could not undo the restore: {exc}", 8000)
            return
        self.undo_snapshot = None
        self._show(outcome)
        self.win.statusBar().showMessage("The restore was undone; the text it replaced is back.", 8000)

    def _after_restore(self, outcome: RestoreOutcome, text: str) -> None:
        self._show(outcome)
        self.undo_snapshot = outcome.before_id
        title = outcome.record.title or "Untitled story"
        self.win.statusBar().clearMessage()
        if outcome.recreated:
            self.win.statusBar().showMessage(f"{text} \u201c{title}\u201d from its history.", 8000)
        elif outcome.before_id is not None:
            self.notice.show_notice(f"{text} of \u201c{title}\u201d")
        for warning in outcome.warnings:
            log.info("Restore note: %s", warning)

    def _show(self, outcome: RestoreOutcome) -> None:
        """The editor shows the restored text at once (nothing unsaved: the dialog saved it first)."""
        workspace = self.win.workspace
        workspace.reload(select_id=outcome.record.id)
        workspace.reload_current(outcome.record.id)


def install(win: AppWindow, ctx: AppContext) -> HistoryLink:
    """Add Story → History… and its undo notice; returns the link (kept by the window)."""
    link = HistoryLink(win)
    win.hooks.screenshots["story-history.png"] = lambda: dialog_for_screenshot(win)
    return link


def dialog_for_screenshot(win: AppWindow) -> QWidget | None:
    """The comparison view of the open story, with two versions made for the picture."""
    from storybook.bank.snapshots import Reason
    from storybook.gui.stories.history_dialog import StoryHistoryDialog

    story_id = win.workspace.current_story_id
    if story_id is None:
        return None
    bank = win.bank
    record = bank.stories.get(story_id)
    sentences = record.action.rstrip().rsplit(". ", 1)
    shorter = sentences[0] + "." if len(sentences) == 2 else record.action
    bank.history.take(story_id, Reason.EDIT)
    bank.stories.update(story_id, action=shorter.replace("I ", "I personally ", 1) + " It took two weeks.")
    dialog = StoryHistoryDialog(bank, story_id, win)
    bank.stories.update(story_id, action=record.action)  # the sample bank as it was
    return dialog
