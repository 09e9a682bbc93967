"""Help lists the shortcuts of the window's real actions (not a typed list)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from storybook.bank import StoryBank
from storybook.gui.dialogs.about import AboutDialog, shortcut_rows


def test_help_lists_every_action_shortcut(make_window, sample_bank: StoryBank, qtbot) -> None:
    win = make_window(sample_bank, features=None)
    rows = dict(shortcut_rows(win))
    for n, label in enumerate(win.tab_labels().values(), start=1):
        assert rows[f"Ctrl+{n}"] == label
    assert rows["Ctrl+R"] == "Rehearse"
    assert rows["Ctrl+E"] == "Export dossier"
    assert rows["Ctrl+N"] == "New story"
    assert rows["F1"] == "Storybook help"
    extra = QAction("Frobnicate", win)
    extra.setShortcut(QKeySequence("Ctrl+Shift+J"))
    win.menu_tools.addAction(extra)
    assert dict(shortcut_rows(win))["Ctrl+Shift+J"] == "Frobnicate"
    dialog = AboutDialog("db.sqlite", "basic", win)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Ctrl+Shift+J" in text
    assert "Ctrl+5" in text
    assert "Rehearsal: start, pause or resume" in text
