"""GUI: the main window's menus and standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

if TYPE_CHECKING:
    from storybook.gui.window_api import AppWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def _keys(*keys: Shortcut) -> list[QKeySequence]:
    """Shortcuts without duplicates or empty entries (a standard key can be empty on some desktops)."""
    out: list[QKeySequence] = []
    for key in keys:
        seqs = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        out += [s for s in seqs if not s.isEmpty() and s not in out]
    return out


def add_action(menu: QMenu, text: str, slot: Callable[[], object], *keys: Shortcut, tip: str = "") -> QAction:
    action = QAction(text, menu)
    shortcuts = _keys(*keys)
    if shortcuts:
        action.setShortcuts(shortcuts)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _focused_editor_call(method: str) -> None:
    widget = QApplication.focusWidget()
    if widget is not None and hasattr(widget, method):
        getattr(widget, method)()


def build_menus(win: AppWindow) -> dict[str, QAction]:
    """Create File, Edit, Story, View, Tools and Help; return the actions by name."""
    bar = win.menuBar()
    a: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    win.menu_file = file_menu
    a["new"] = add_action(file_menu, "&New story", win.new_story, QKeySequence.StandardKey.New, "Ctrl+N")
    file_menu.addSeparator()
    win.menu_file_extra = file_menu.addSeparator()
    a["restore_backup"] = add_action(file_menu, "&Restore from backup…", lambda: _restore_in_app(win),
                                     tip="Put a backup back in place of the stories you have now (they are backed up first)")
    file_menu.addSeparator()
    a["quit"] = add_action(file_menu, "&Quit", win.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
    edit_menu = bar.addMenu("&Edit")
    a["undo"] = add_action(edit_menu, "&Undo", win.undo, QKeySequence.StandardKey.Undo,
                           tip="Undo typing; in the story list, put back the story last moved to the trash")
    a["redo"] = add_action(edit_menu, "&Redo", lambda: _focused_editor_call("redo"), QKeySequence.StandardKey.Redo)
    edit_menu.addSeparator()
    a["find"] = add_action(edit_menu, "&Find stories…", win.focus_search, QKeySequence.StandardKey.Find, "Ctrl+F")
    a["find_next"] = add_action(edit_menu, "Next search match", lambda: win.workspace.find_match(True),
                                QKeySequence.StandardKey.FindNext, "F3",
                                tip="Go to the next place the story list's search matches in the open story")
    a["find_previous"] = add_action(edit_menu, "Previous search match", lambda: win.workspace.find_match(False),
                                    QKeySequence.StandardKey.FindPrevious, "Shift+F3")
    edit_menu.addSeparator()
    a["settings"] = add_action(edit_menu, "&Settings…", win.open_settings, QKeySequence.StandardKey.Preferences,
                               "Ctrl+,")
    story_menu = bar.addMenu("&Story")
    win.menu_story = story_menu
    a["duplicate"] = add_action(story_menu, "&Duplicate", win.workspace.duplicate_current, "Ctrl+D")
    a["trash"] = add_action(story_menu, "Move to &trash", win.workspace.trash_current, "Del",
                            tip="Move the selected story to the trash (Del in the story list)")
    # Del trashes only from the story list; everywhere else it keeps its usual meaning.
    a["trash"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    win.workspace.list_panel.list_stories.addAction(a["trash"])
    story_menu.addSeparator()
    a["link"] = add_action(story_menu, "&Link a question…", win.workspace.add_question)
    view_menu = bar.addMenu("&View")
    win.menu_view = view_menu
    for n, (key, label) in enumerate(win.tab_labels().items(), start=1):
        a[f"view_{key}"] = add_action(view_menu, label, lambda k=key: win.show_tab(k), f"Ctrl+{n}")
    tools_menu = bar.addMenu("&Tools")
    win.menu_tools = tools_menu
    a["samples"] = add_action(tools_menu, "Load &sample stories", win.workspace.load_samples)
    help_menu = bar.addMenu("&Help")
    a["help"] = add_action(help_menu, "Storybook &help", win.show_help, QKeySequence.StandardKey.HelpContents, "F1")
    a["about"] = add_action(help_menu, "&About Storybook", win.show_help)
    return a


def _restore_in_app(win: AppWindow) -> None:
    """File → Restore from backup…: the dialog and the backup code load when first asked for, not at start-up."""
    from storybook.gui.dialogs.restore_backup import restore_in_app

    restore_in_app(win)
