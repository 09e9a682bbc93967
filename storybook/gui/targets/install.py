"""GUI: puts the targets feature on the window: the Targets tab, File → Export dossier (Ctrl+E), Import / Export.

This module stays light: the dialogs, python-docx and the transfer code load the first time they are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from storybook.gui.hooks import make_action

if TYPE_CHECKING:
    from storybook.gui.context import AppContext
    from storybook.gui.coverage.coverage_grid import CoverageGrid
    from storybook.gui.targets.export_dialog import DossierExportJob
    from storybook.gui.targets.targets_panel import TargetsPanel
    from storybook.gui.window_api import AppWindow


class TargetsFeature:
    """GUI: the targets entry points of one main window (what its menu entries and the tab call)."""

    def __init__(self, win: AppWindow, ctx: AppContext, transfer: QMenu) -> None:
        self.win = win
        self.ctx = ctx
        self.transfer = transfer
        self.jobs: list[DossierExportJob] = []  # the running export, kept alive until the next one

    def export(self, preselect: int | None = None) -> None:
        from storybook.gui.targets import export_dialog

        self.win.workspace.flush()
        job = export_dialog.export_dossier(self.win, self.win.bank, self.ctx.pool, preselect=preselect,
                                           engines=self.ctx.engines)
        if job is not None:
            self.jobs[:] = [job]

    def panel(self) -> TargetsPanel:
        return self.win.tab_widget("targets")

    def fill_transfer(self) -> None:
        """The Import / Export actions (and python-docx) load when the menu first opens."""
        from storybook.gui.targets.transfer_actions import build_transfer_actions

        if not self.transfer.actions():
            for action in build_transfer_actions(self.win, self.win.bank, on_changed=self.win.on_bank_changed):
                self.transfer.addAction(action)

    def make_panel(self) -> QWidget:
        from storybook.gui.targets.targets_panel import TargetsPanel

        panel = TargetsPanel(self.win.bank)
        panel.exportRequested.connect(self.export)
        panel.targetsChanged.connect(lambda: self.win.when_built("grid", self.set_grid_targets))
        return panel

    def set_grid_targets(self, grid: CoverageGrid) -> None:
        from storybook.gui.targets.targets_panel import target_question_sets

        grid.set_targets(target_question_sets(self.win.bank))

    def save(self) -> None:
        if self.win.is_built("targets"):
            self.panel().save()


def install(win: AppWindow, ctx: AppContext) -> TargetsFeature:
    win.actions["export_dossier"] = make_action(win, "&Export dossier…", lambda: feature.export(), "Ctrl+E",
                                                "Write a DOCX prep dossier for an interview")
    win.menu_file.insertAction(win.menu_file_extra, win.actions["export_dossier"])
    transfer = win.menu_file.addMenu("&Import / Export")
    win.menu_file.insertMenu(win.menu_file_extra, transfer)
    feature = TargetsFeature(win, ctx, transfer)
    transfer.aboutToShow.connect(feature.fill_transfer)
    win.add_lazy_tab("targets", feature.make_panel, "Targets")
    win.menu_view.addAction(make_action(win, "Targets", lambda: win.show_tab("targets"),
                                        f"Ctrl+{len(win.tab_labels())}"))
    win.when_built("grid", feature.set_grid_targets)
    win.hooks.tab_refresh["targets"] = lambda: feature.panel().refresh()
    win.hooks.on_close.append(feature.save)
    win.hooks.screenshots["targets.png"] = lambda: (win.show_tab("targets"), win)[1]
    return feature
