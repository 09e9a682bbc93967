"""GUI: the main window: Stories, Coverage, Questions and Trash tabs, menus, status bar and window state.

Only what is on screen is built before the first paint: the other tabs are built (and their modules imported) the
first time they are shown or asked for, and ``after_first_paint`` runs background warm-ups once the window is up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTabWidget, QWidget

from storybook.bank import ChangeSet
from storybook.gui.bank_changes import BankChanges
from storybook.gui.context import AppContext
from storybook.gui.dialogs.confirm import ConfirmDialog, MessageDialog
from storybook.gui.hooks import WindowHooks
from storybook.gui.icons import app_icon
from storybook.gui.menus import build_menus
from storybook.gui.stories.story_workspace import StoryWorkspace
from storybook.gui.widgets.elided_label import ElidedLabel
from storybook.gui.widgets.splitter_memory import SplitterMemory
from storybook.gui.widgets.undo_notice import UndoNotice

if TYPE_CHECKING:
    from storybook.gui.checks.link import AnalysisLink
    from storybook.gui.coverage.coverage_grid import CoverageGrid
    from storybook.gui.questions.question_bank import QuestionBankView
    from storybook.gui.rehearsal.install import RehearsalActions
    from storybook.gui.stories.matching_link import MatchingLink
    from storybook.gui.stories.start_question import StartFromQuestion
    from storybook.gui.stories.trash_view import TrashView
    from storybook.gui.targets.install import TargetsFeature

log = logging.getLogger(__name__)
WINDOW_TITLE = "Storybook"
STORY_ACTIONS = ("duplicate", "trash", "link", "rehearse", "story_history")


class MainWindow(QMainWindow):
    """GUI: the window the user lives in; every panel gets the application context, never a global."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bank = ctx.bank
        self._lazy: dict[str, Callable[[], QWidget]] = {}  # tabs not built yet
        self._built: dict[str, QWidget] = {}
        self._on_built: dict[str, list[Callable[[QWidget], None]]] = {}
        self._after_paint: list[Callable[[], None]] | None = []  # None once the window has painted
        self.splitter_memories: list[SplitterMemory] = []
        self.installEventFilter(self)
        self.bank_changes = BankChanges(self.bank, self)
        self.engine_text = "Text checks are not installed"
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(app_icon())
        self._build_tabs()
        self.workspace.defer = self.after_first_paint
        self._build_status()
        self.actions = build_menus(self)
        self.hooks = WindowHooks()
        self.checks: AnalysisLink | None = None
        self.rehearsal: RehearsalActions | None = None
        self.targets: TargetsFeature | None = None
        self.matching: MatchingLink | None = None
        self.start_question: StartFromQuestion | None = None
        self._install_features()
        self.external_changes = None
        if getattr(self.bank, "is_open", True):
            self._watch_external_changes()
        else:  # the first screen is read with sqlite3 alone: watch once the full bank (SQLAlchemy) is open
            # queued: the start-up opens the full bank first (finish_opening), then this one watches it
            self.after_first_paint(lambda: QTimer.singleShot(0, self._watch_external_changes))
        from storybook.gui.desktop_link import install_desktop_actions

        self.desktop_actions = install_desktop_actions(self)
        self._connect()
        self.reload_settings()
        self.workspace.reload()
        self._update_trash_title()
        self.restore_ui_state()
        self._on_tab_changed(self.tabs.currentIndex())
        if ctx.note:
            self.statusBar().showMessage(ctx.note, 15000)

    # ---- building ---------------------------------------------------------------------
    def _build_tabs(self) -> None:
        self.workspace = StoryWorkspace(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tab_keys: list[str] = []
        self.add_tab("stories", self.workspace, "Stories")
        self.add_lazy_tab("grid", self._make_grid, "Coverage")
        self.add_lazy_tab("questions", self._make_questions, "Questions")
        self.add_lazy_tab("trash", self._make_trash, "Trash")
        self.setCentralWidget(self.tabs)

    def add_tab(self, key: str, widget: QWidget, label: str) -> None:
        self.tabs.addTab(widget, label)
        self._tab_keys.append(key)
        self._built[key] = widget

    def add_lazy_tab(self, key: str, build: Callable[[], QWidget], label: str) -> None:
        """A tab whose widget ``build()`` makes the first time it is shown (or ``tab_widget(key)`` asks)."""
        self.tabs.addTab(QWidget(), label)  # an empty page until the tab is first shown
        self._tab_keys.append(key)
        self._lazy[key] = build

    def when_built(self, key: str, hook: Callable[[QWidget], None]) -> None:
        """Run ``hook(widget)`` once the tab ``key`` exists (now, if it is built already)."""
        if key in self._built:
            hook(self._built[key])
        else:
            self._on_built.setdefault(key, []).append(hook)

    def tab_widget(self, key: str) -> QWidget:
        """The widget of tab ``key``, built now if it was not yet."""
        if key in self._lazy:
            widget = self._lazy.pop(key)()
            index = self._tab_keys.index(key)
            current = self.tabs.currentIndex()
            placeholder = self.tabs.widget(index)
            self.tabs.blockSignals(True)  # swapping the page is not a change of tab
            self.tabs.insertTab(index, widget, self.tabs.tabText(index))
            self.tabs.removeTab(index + 1)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
            self._built[key] = widget
            for hook in self._on_built.pop(key, []):
                hook(widget)
            from storybook.gui.accessibility import name_all

            name_all(widget)  # a screen reader names the new tab's widgets, as it does those built at start-up
        return self._built[key]

    def is_built(self, key: str) -> bool:
        return key in self._built

    @property
    def grid(self) -> CoverageGrid:
        return self.tab_widget("grid")

    @property
    def questions(self) -> QuestionBankView:
        return self.tab_widget("questions")

    @property
    def trash(self) -> TrashView:
        return self.tab_widget("trash")

    def _make_grid(self) -> QWidget:
        from storybook.gui.coverage.coverage_grid import CoverageGrid

        grid = CoverageGrid(self.ctx)
        grid.open_story.connect(self.open_story)
        self._remember_splitter("grid/splitter", grid.splitter)
        return grid

    def _make_questions(self) -> QWidget:
        from storybook.gui.questions.question_bank import QuestionBankView

        questions = QuestionBankView(self.ctx)
        questions.open_story.connect(self.open_story)
        self._remember_splitter("questions/splitter", questions.splitter)
        return questions

    def _make_trash(self) -> QWidget:
        from storybook.gui.stories.trash_view import TrashView

        trash = TrashView(self.ctx)
        trash.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return trash

    def _remember_splitter(self, key: str, splitter: QSplitter) -> None:
        self.splitter_memories.append(SplitterMemory(splitter, self.ctx.ui_settings, key))

    def _install_features(self) -> None:
        """Each feature's ``install(window, ctx)``, called directly; a context may leave some out (tests, probes).

        The checks load at once (their panel is on screen); rehearsal and targets load their windows on first use.
        """
        ctx = self.ctx
        from storybook.gui.stories.spelling_link import install as install_spelling  # light: the dictionary loads later

        self.spelling = install_spelling(self, ctx) if ctx.wants("spelling") else None
        if ctx.wants("analysis"):
            from storybook.gui.checks.link import install as install_checks

            self.checks = install_checks(self, ctx)
        if ctx.wants("rehearsal"):
            from storybook.gui.rehearsal.install import install as install_rehearsal

            self.rehearsal = install_rehearsal(self, ctx)
        if ctx.wants("dossier"):
            from storybook.gui.targets.install import install as install_targets

            self.targets = install_targets(self, ctx)
        if ctx.wants("matching"):
            from storybook.gui.stories.matching_link import install as install_matching

            self.matching = install_matching(self, ctx)
        if ctx.wants("start_question"):
            from storybook.gui.stories.start_question import install as install_start_question

            self.start_question = install_start_question(self, ctx)
        from storybook.gui.stories.history_link import install as install_history

        self.story_history = install_history(self, ctx)

    # ---- after the first paint ----------------------------------------------------------
    def _watch_external_changes(self) -> None:
        """Notice writes by other programs (an import, a second tool) and show them."""
        from storybook.gui.external_changes import install_external_changes

        if self.external_changes is None:
            self.external_changes = install_external_changes(self)

    def after_first_paint(self, job: Callable[[], None]) -> None:
        """Run ``job`` once the window has painted (at once if it has): warm-ups must not delay the window."""
        if self._after_paint is None:
            job()
        else:
            self._after_paint.append(job)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and self._after_paint is not None:
            QTimer.singleShot(0, self._run_after_paint)
        return super().eventFilter(watched, event)

    def _run_after_paint(self) -> None:
        jobs, self._after_paint = self._after_paint or [], None
        if not self.isVisible():  # closed before the warm-ups got their turn: they are not needed
            return
        for job in jobs:
            job()

    def tab_labels(self) -> dict[str, str]:
        return {key: self.tabs.tabText(i).split(" (")[0] for i, key in enumerate(self._tab_keys)}

    def _build_status(self) -> None:
        # Elided labels: in a narrow window (or at 200%) they shorten with "…" instead of being cut off.
        self.lbl_save = ElidedLabel("Saved")
        self.lbl_save.setAccessibleName("Save state")
        self.lbl_pace = ElidedLabel()
        self.lbl_engine = ElidedLabel()
        for label in (self.lbl_engine, self.lbl_pace, self.lbl_save):
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(label)
        self.undo_notice = UndoNotice()  # a normal widget: a newer status message covers it
        self.statusBar().addWidget(self.undo_notice, 1)

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.workspace.save_state.connect(self.set_save_state)
        self.workspace.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.bank_changes.changed.connect(self._on_bank_changes)
        self.workspace.trashed.connect(self._on_trashed)
        self.undo_notice.undo_clicked.connect(self.workspace.undo_trash)

    # ---- state --------------------------------------------------------------------------
    def set_save_state(self, text: str) -> None:
        self.lbl_save.setText(text)
        self.lbl_save.setToolTip(text)

    def reload_settings(self) -> None:
        try:
            settings, source = self.bank.effective_settings()
        except Exception:  # a broken optional pace source must not stop the editor
            log.exception("Could not read the effective settings; using the stored ones")
            settings, source = self.bank.settings.get(), "settings"
        self.workspace.apply_settings(settings, source)
        note = {"measured": " (measured)", "settings": "", "default": ""}.get(source, "")
        self.lbl_pace.setText(f"Pace {settings.pace_wpm:g} wpm{note}")
        for hook in self.hooks.on_settings_changed:
            hook(settings)

    def current_tab(self) -> str:
        return self._tab_keys[self.tabs.currentIndex()]

    def show_tab(self, key: str) -> None:
        if key in self._tab_keys:
            self.tabs.setCurrentIndex(self._tab_keys.index(key))

    def _on_tab_changed(self, index: int) -> None:
        if not 0 <= index < len(self._tab_keys):
            return
        key = self._tab_keys[index]
        if key != "stories":
            self.workspace.flush()
        if key in ("grid", "questions", "trash"):
            self.tab_widget(key).refresh()  # built the first time it is shown
        elif key in self.hooks.tab_refresh:
            self.tab_widget(key)
            self.hooks.tab_refresh[key]()
        for name in STORY_ACTIONS:
            if name in self.actions:
                self.actions[name].setEnabled(key == "stories")

    def _on_view_data_changed(self) -> None:
        self.workspace.reload()
        self._update_trash_title()

    def on_bank_changed(self) -> None:
        """Something outside the editor changed the bank (an import): re-read every view."""
        self.workspace.flush()
        self._on_view_data_changed()
        self._on_tab_changed(self.tabs.currentIndex())

    def _on_bank_changes(self, change: ChangeSet) -> None:
        # an autosave changes one story's text: the trash count only moves when the trash does
        if change.trash:
            self._update_trash_title()
        # the story list follows what the other tabs (coverage, questions, trash) wrote; on the Stories tab the
        # workspace has shown its own writes already, and rehearsals, targets and settings do not touch the list
        if self.current_tab() != "stories" and (change.stories or change.story_list or change.trash
                                                or change.questions):
            self.workspace.reload()
            if self.workspace.current_story_id in change.stories:
                self.workspace.reload_current()  # the open story too (it has nothing unsaved: the tab was left)

    def _update_trash_title(self) -> None:
        count = self.bank.stories.count(trashed=True)
        index = self._tab_keys.index("trash")
        self.tabs.setTabText(index, f"Trash ({count})" if count else "Trash")

    def _on_trashed(self, _story_id: int, title: str) -> None:
        self.statusBar().clearMessage()
        self.undo_notice.show_notice(f"Moved “{title}” to the trash")

    # ---- actions ------------------------------------------------------------------------
    def undo(self) -> None:
        """Edit → Undo: text fields undo their typing; in the story list it puts back the last trashed story."""
        widget = QApplication.focusWidget()
        if widget is self.workspace.list_panel.list_stories:
            self.undo_notice.dismiss()
            self.workspace.undo_trash()
        elif self.story_history.takes_undo(widget):  # just after a history restore, with no typing to undo
            self.story_history.undo_restore()
        elif widget is not None and hasattr(widget, "undo"):
            widget.undo()

    def new_story(self) -> None:
        self.show_tab("stories")
        self.workspace.new_story()

    def focus_search(self) -> None:
        self.show_tab("stories")
        self.workspace.list_panel.focus_search()

    def open_story(self, story_id: int) -> None:
        self.show_tab("stories")
        self.workspace.open_story(story_id)

    def open_settings(self) -> None:
        stored = self.bank.settings.get()
        effective, source = self.bank.effective_settings()
        note = (f"Your measured pace from rehearsals is {effective.pace_wpm:g} words per minute; it is used "
                "instead of this value while the box below is ticked.") if source == "measured" else ""
        from storybook.gui.dialogs.settings_dialog import SettingsDialog

        value, accepted = SettingsDialog.get_settings(self, stored, note)
        if not accepted or value is None:
            return
        try:
            self.bank.settings.save(value)
        except ValueError as exc:
            MessageDialog.show(self, "Settings not saved", str(exc))
            return
        self.reload_settings()
        self.statusBar().showMessage("Settings saved.", 5000)

    def show_help(self) -> None:
        from storybook.gui.dialogs.about import AboutDialog

        AboutDialog.show_help(self, str(self.ctx.db_path), self.engine_text)

    # ---- window state ---------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters on screen from the start; the lazy tabs add theirs when built."""
        return {
            "stories/splitter": self.workspace.splitter,
            "stories/side": self.workspace.side_splitter,
        }

    def save_ui_state(self) -> None:
        ui = self.ctx.ui_settings
        ui.setValue("main/geometry", self.saveGeometry())
        ui.setValue("main/state", self.saveState())
        ui.setValue("main/tab", self.current_tab())
        for memory in self.splitter_memories:
            memory.save()
        ui.sync()

    def restore_ui_state(self) -> None:
        ui = self.ctx.ui_settings
        self.splitter_memories.extend(SplitterMemory(s, ui, key) for key, s in self._splitters().items())
        geometry = ui.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = ui.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        tab = ui.value("main/tab")
        if isinstance(tab, str) and self.workspace.stack.currentWidget() is not self.workspace.first_run:
            self.show_tab(tab)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workspace.flush():
            ok, _accepted = ConfirmDialog.ask(
                self, "Close without saving?", "Your last edits could not be saved.", "Close anyway",
                f"{self.lbl_save.text()}\nCopy the text somewhere safe before closing.")
            if not ok:
                event.ignore()
                return
        self.save_ui_state()
        self.bank_changes.stop()
        for hook in self.hooks.on_close:
            hook()
        # Background checks may still run: take no new work and wait briefly, before the widgets go away.
        if not self.ctx.stop_workers():
            log.info("Closing while background work still runs; its results will be dropped")
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if event.key() == Qt.Key.Key_Escape and self.workspace.list_panel.edit_search.hasFocus():
            self.workspace.list_panel.edit_search.clear()
            return
        super().keyPressEvent(event)
