"""GUI: connects the optional features (checks, rehearsal, dossier) to the main window when they exist."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from storybook.gui.integrations import analysis_gui, dossier_gui, rehearsal_gui

if TYPE_CHECKING:
    from storybook.gui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class Features:
    """GUI: what the optional features added: hooks the window calls and the names of what is present."""

    present: set[str] = field(default_factory=set)
    tab_refresh: dict[str, Callable[[], None]] = field(default_factory=dict)
    on_settings_changed: list[Callable[[Any], None]] = field(default_factory=list)
    on_close: list[Callable[[], None]] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)
    screenshots: dict[str, Callable[[], QWidget | None]] = field(default_factory=dict)


def _action(win: MainWindow, text: str, slot: Callable[[], object], shortcut: str = "", tip: str = "") -> QAction:
    action = QAction(text, win)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class LazyFeature:
    """A feature package imported on first use (its menu entries exist from the start; its code loads later)."""

    def __init__(self, name: str, loader: Callable[[], ModuleType | None]) -> None:
        self.name = name
        self._loader = loader
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = self._loader()
            if self._module is None:
                raise ImportError(f"the {self.name} feature could not be loaded")
        return getattr(self._module, attr)


def _lazy(name: str, package: str, loader: Callable[[], ModuleType | None]) -> Callable[[], Any]:
    """A loader that only checks the package is there; importing it waits until it is used."""
    def find() -> Any:
        return LazyFeature(name, loader) if importlib.util.find_spec(package) is not None else None

    return find


def install_features(win: MainWindow) -> Features:
    """Add whatever optional feature imports cleanly; a failing one is logged and left out.

    The checks load at once (their panel is on screen); rehearsal and the dossier import on first use.
    """
    features = Features()
    for name, loader, install in (("analysis", analysis_gui, _install_analysis),
                                  ("rehearsal", _lazy("rehearsal", "storybook.gui.rehearsal", rehearsal_gui),
                                   install_rehearsal),
                                  ("dossier", _lazy("dossier", "storybook.gui.targets", dossier_gui), install_dossier)):
        module = loader() if win.ctx.wants(name) else None
        if module is None:
            continue
        try:
            install(win, module, features)
        except Exception:  # the editor must open even if a feature's widgets are broken
            log.exception("Could not add the %s feature to the window", name)
    win.features = features  # the matching link reads the analysis feature's objects
    if win.ctx.wants("matching"):
        from storybook.gui.stories.matching_link import install_matching

        install_matching(win)
    return features


def _install_analysis(win: MainWindow, module: ModuleType, features: Features) -> None:
    from storybook.gui.checks.link import install_analysis

    install_analysis(win, module, features)


# ---- rehearsal ----------------------------------------------------------------------------------
def install_rehearsal(win: MainWindow, module: Any, features: Features) -> None:
    def keep(widget: QWidget) -> QWidget:
        widget.destroyed.connect(lambda *_: _after_rehearsal(win))
        return widget

    def rehearse() -> QWidget | None:
        if not win.workspace.flush() or win.workspace.current_story_id is None:
            win.statusBar().showMessage("Select a story to rehearse.", 5000)
            return None
        return keep(module.open_rehearsal_window(win, win.bank, story_id=win.workspace.current_story_id,
                                                 engines=win.ctx.engines))

    def drill() -> QWidget:
        win.workspace.flush()
        return keep(module.open_drill(win, win.bank, engines=win.ctx.engines))

    def history() -> QWidget:
        return module.open_history_window(win, win.bank, story_id=win.workspace.current_story_id,
                                          engines=win.ctx.engines)

    win.actions["rehearse"] = _action(win, "&Rehearse", rehearse, "Ctrl+R", "Rehearse this story against the clock")
    win.menu_story.addSeparator()
    win.menu_story.addAction(win.actions["rehearse"])
    win.actions["drill"] = _action(win, "Question &drill", drill, tip="Answer a random question with a story")
    win.actions["history"] = _action(win, "Rehearsal &history", history, tip="Past runs, charts and what to practise")
    win.menu_tools.addSeparator()
    win.menu_tools.addAction(win.actions["drill"])
    win.menu_tools.addAction(win.actions["history"])
    features.objects["rehearsal"] = {"rehearse": rehearse, "drill": drill, "history": history}
    features.screenshots["rehearsal.png"] = rehearse
    features.screenshots["rehearsal-history.png"] = history
    features.present.add("rehearsal")


def _after_rehearsal(win: MainWindow) -> None:
    """A rehearsal may have changed the measured pace: refresh the estimates (unless the app is closing)."""
    try:
        if win.isVisible():
            win.reload_settings()
    except RuntimeError:  # the window is being destroyed
        pass


# ---- dossier ------------------------------------------------------------------------------------
def install_dossier(win: MainWindow, module: Any, features: Features) -> None:
    jobs: list[Any] = []

    def export(preselect: int | None = None) -> None:
        win.workspace.flush()
        job = module.export_dossier(win, win.bank, win.ctx.pool, preselect=preselect, engines=win.ctx.engines)
        if job is not None:
            jobs[:] = [job]  # keep the running job alive

    win.actions["export_dossier"] = _action(win, "&Export dossier…", export, "Ctrl+E",
                                            "Write a DOCX prep dossier for an interview")
    win.menu_file.insertAction(win.menu_file_extra, win.actions["export_dossier"])
    transfer = win.menu_file.addMenu("&Import / Export")
    win.menu_file.insertMenu(win.menu_file_extra, transfer)

    def fill_transfer() -> None:  # the actions (and python-docx) load when the menu first opens
        if not transfer.actions():
            for action in module.build_transfer_actions(win, win.bank, on_changed=win.on_bank_changed):
                transfer.addAction(action)

    transfer.aboutToShow.connect(fill_transfer)

    def set_grid_targets(grid: QWidget) -> None:
        grid.set_targets(module.target_question_sets(win.bank))

    def make_panel() -> QWidget:
        panel = module.TargetsPanel(win.bank)
        panel.exportRequested.connect(export)
        panel.targetsChanged.connect(lambda: win.when_built("grid", set_grid_targets))
        return panel

    win.add_lazy_tab("targets", make_panel, "Targets")
    win.menu_view.addAction(_action(win, "Targets", lambda: win.show_tab("targets"), f"Ctrl+{len(win.tab_labels())}"))
    win.when_built("grid", set_grid_targets)
    features.tab_refresh["targets"] = lambda: win.tab_widget("targets").refresh()
    features.on_close.append(lambda: win.tab_widget("targets").save() if win.is_built("targets") else None)
    features.objects["dossier"] = {"export": export, "panel": lambda: win.tab_widget("targets"), "jobs": jobs,
                                   "fill_transfer": fill_transfer}
    features.screenshots["targets.png"] = lambda: (win.show_tab("targets"), win)[1]
    features.present.add("dossier")
