"""GUI: the main window: Stories, Coverage, Questions and Trash tabs, menus, status bar and window state."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTabWidget, QWidget

from storybook.bank import ChangeSet
from storybook.gui.bank_changes import BankChanges
from storybook.gui.context import AppContext
from storybook.gui.dialogs.about import AboutDialog
from storybook.gui.dialogs.confirm import ConfirmDialog, MessageDialog
from storybook.gui.dialogs.settings_dialog import SettingsDialog
from storybook.gui.icons import app_icon
from storybook.gui.menus import build_menus
from storybook.gui.panels.coverage_grid import CoverageGrid
from storybook.gui.panels.elided_label import ElidedLabel
from storybook.gui.panels.question_bank import QuestionBankView
from storybook.gui.panels.story_workspace import StoryWorkspace
from storybook.gui.panels.trash_view import TrashView
from storybook.gui.panels.undo_notice import UndoNotice
from storybook.gui.splitter_memory import SplitterMemory

log = logging.getLogger(__name__)
WINDOW_TITLE = "Storybook"
STORY_ACTIONS = ("duplicate", "trash", "link", "rehearse")


class MainWindow(QMainWindow):
    """GUI: the window the user lives in; every panel gets the application context, never a global."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bank = ctx.bank
        self.bank_changes = BankChanges(self.bank, self)
        self.engine_text = "Text checks are not installed"
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(app_icon())
        self._build_tabs()
        self._build_status()
        self.actions = build_menus(self)
        from storybook.gui.wiring import install_features

        self.features = install_features(self)
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
        self.grid = CoverageGrid(self.ctx)
        self.questions = QuestionBankView(self.ctx)
        self.trash = TrashView(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tab_keys: list[str] = []
        for key, widget, label in (("stories", self.workspace, "Stories"), ("grid", self.grid, "Coverage"),
                                   ("questions", self.questions, "Questions"), ("trash", self.trash, "Trash")):
            self.add_tab(key, widget, label)
        self.setCentralWidget(self.tabs)

    def add_tab(self, key: str, widget: QWidget, label: str) -> None:
        self.tabs.addTab(widget, label)
        self._tab_keys.append(key)

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
        self.grid.open_story.connect(self.open_story)
        self.questions.open_story.connect(self.open_story)
        for view in (self.grid, self.questions, self.trash):
            view.data_changed.connect(self._on_view_data_changed)
        self.trash.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

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
        for hook in self.features.on_settings_changed:
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
        refresh = {"grid": self.grid.refresh, "questions": self.questions.refresh, "trash": self.trash.refresh}
        refresh.update(self.features.tab_refresh)
        if key in refresh:
            refresh[key]()
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
        AboutDialog.show_help(self, str(self.ctx.db_path), self.engine_text)

    # ---- window state ---------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "stories/splitter": self.workspace.splitter,
            "stories/side": self.workspace.side_splitter,
            "grid/splitter": self.grid.splitter,
            "questions/splitter": self.questions.splitter,
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
        self.splitter_memories = [SplitterMemory(s, ui, key) for key, s in self._splitters().items()]
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
        for hook in self.features.on_close:
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
