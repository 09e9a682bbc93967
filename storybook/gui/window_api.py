"""GUI: what a feature may use of the main window, as a Protocol that ``MainWindow`` satisfies.

Every feature's ``install(window, ctx)`` (and the menus, the desktop imports, the external-change watcher, the
restore dialog) takes an ``AppWindow``, never ``MainWindow`` itself: so no feature imports main_window, and the
window's own imports of the features form no cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMenu, QMenuBar, QStatusBar, QTabWidget, QWidget

    from storybook.bank import StoryBank
    from storybook.gui.bank_changes import BankChanges
    from storybook.gui.checks.findings_panel import FindingsPanel
    from storybook.gui.checks.worker import AnalysisWorker
    from storybook.gui.context import AppContext
    from storybook.gui.coverage.coverage_grid import CoverageGrid
    from storybook.gui.hooks import WindowHooks
    from storybook.gui.stories.story_workspace import StoryWorkspace


class LiveChecks(Protocol):
    """GUI: what other features use of the live checks (``window.checks``): their worker and findings panel."""

    @property
    def worker(self) -> AnalysisWorker: ...

    @property
    def panel(self) -> FindingsPanel: ...


class AppWindow(Protocol):
    """GUI: the main window as the features see it: context, bank, story workspace, hooks, menus, tabs, status."""

    ctx: AppContext
    hooks: WindowHooks
    actions: dict[str, QAction]
    tabs: QTabWidget
    menu_file: QMenu
    menu_file_extra: QAction  # the separator before which features add their File entries
    menu_story: QMenu
    menu_view: QMenu
    menu_tools: QMenu
    lbl_engine: QLabel
    engine_text: str  # what Help → About says about the checks' engine
    bank_changes: BankChanges  # the bank's change sets on the GUI thread: screens refresh from them

    @property
    def bank(self) -> StoryBank: ...

    @property
    def workspace(self) -> StoryWorkspace: ...

    @property
    def checks(self) -> LiveChecks | None: ...

    @property
    def grid(self) -> CoverageGrid: ...

    # ---- QMainWindow ----
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name

    def isVisible(self) -> bool: ...  # noqa: N802 - Qt's name

    def close(self) -> bool: ...

    def raise_(self) -> None: ...

    def activateWindow(self) -> None: ...  # noqa: N802 - Qt's name

    # ---- tabs ----
    def add_lazy_tab(self, key: str, build: Callable[[], QWidget], label: str) -> None: ...

    def when_built(self, key: str, hook: Callable[[QWidget], None]) -> None: ...

    def tab_widget(self, key: str) -> QWidget: ...

    def is_built(self, key: str) -> bool: ...

    def tab_labels(self) -> dict[str, str]: ...

    def show_tab(self, key: str) -> None: ...

    # ---- what the window does ----
    def after_first_paint(self, job: Callable[[], None]) -> None: ...

    def reload_settings(self) -> None: ...

    def on_bank_changed(self) -> None: ...

    def open_story(self, story_id: int) -> None: ...

    def new_story(self) -> None: ...

    def focus_search(self) -> None: ...

    def undo(self) -> None: ...

    def open_settings(self) -> None: ...

    def show_help(self) -> None: ...
