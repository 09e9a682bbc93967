"""GUI: puts rehearsal on the menus: Story → Rehearse (Ctrl+R), Tools → Question drill and Rehearsal history.

The windows' modules load on first use (``storybook.gui.rehearsal`` imports them inside its open functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from storybook.gui import rehearsal as windows
from storybook.gui.hooks import make_action

if TYPE_CHECKING:
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow


@dataclass
class RehearsalActions:
    """GUI: the rehearsal entry points of one main window; the windows run on the context's pool."""

    win: AppWindow
    ctx: AppContext

    def rehearse(self) -> QWidget | None:
        win = self.win
        if not win.workspace.flush() or win.workspace.current_story_id is None:
            win.statusBar().showMessage("Select a story to rehearse.", 5000)
            return None
        return self._keep(windows.open_rehearsal_window(win, win.bank, story_id=win.workspace.current_story_id,
                                                        engines=self.ctx.engines, pool=self.ctx.pool))

    def drill(self) -> QWidget:
        self.win.workspace.flush()
        drill = self._keep(windows.open_drill(self.win, self.win.bank, engines=self.ctx.engines,
                                            pool=self.ctx.pool))
        if self.win.start_question is not None:  # "Write a story for this question" from the drill
            self.win.start_question.connect_drill(drill)
        return drill

    def history(self) -> QWidget:
        return windows.open_history_window(self.win, self.win.bank, story_id=self.win.workspace.current_story_id,
                                           engines=self.ctx.engines, pool=self.ctx.pool)

    def _keep(self, widget: QWidget) -> QWidget:
        widget.destroyed.connect(lambda *_: self._after_rehearsal())
        return widget

    def _after_rehearsal(self) -> None:
        """A rehearsal may have changed the measured pace: refresh the estimates (unless the app is closing)."""
        try:
            if self.win.isVisible():
                self.win.reload_settings()
        except RuntimeError:  # the window is being destroyed
            pass


def install(win: AppWindow, ctx: AppContext) -> RehearsalActions:
    actions = RehearsalActions(win, ctx)
    win.actions["rehearse"] = make_action(win, "&Rehearse", actions.rehearse, "Ctrl+R",
                                          "Rehearse this story against the clock")
    win.menu_story.addSeparator()
    win.menu_story.addAction(win.actions["rehearse"])
    win.actions["drill"] = make_action(win, "Question &drill", actions.drill,
                                       tip="Answer a random question with a story")
    win.actions["history"] = make_action(win, "Rehearsal &history", actions.history,
                                         tip="Past runs, charts and what to practise")
    win.menu_tools.addSeparator()
    win.menu_tools.addAction(win.actions["drill"])
    win.menu_tools.addAction(win.actions["history"])
    win.hooks.screenshots["rehearsal.png"] = actions.rehearse
    win.hooks.screenshots["rehearsal-history.png"] = actions.history
    return actions
