"""Settings persist through the bank, drive the editor's estimates, and the dialog refuses nonsense."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeySequence

from storybook.bank import StoryBank
from storybook.gui.dialogs.settings_dialog import SettingsDialog
from storybook.model.values import Settings


def test_settings_are_saved_and_used(qtbot, make_window, bank, db_path, monkeypatch) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    qtbot.keyClicks(window.workspace.editor.section_edit("action"), "word " * 100)
    chosen = replace(Settings(), pace_wpm=120.0, target_seconds=90, limit_seconds=150, split=(10, 10, 65, 15),
                     user_name="Ada Lovelace", page_size="Letter", use_measured_pace=False)
    monkeypatch.setattr(SettingsDialog, "get_settings", classmethod(lambda cls, *a, **k: (chosen, True)))
    assert QKeySequence("Ctrl+,") in window.actions["settings"].shortcuts()
    window.actions["settings"].trigger()
    with StoryBank.open(db_path) as fresh:
        stored = fresh.settings.get()
    assert (stored.pace_wpm, stored.target_seconds, stored.limit_seconds) == (120.0, 90, 150)
    assert stored.split == (10, 10, 65, 15)
    assert (stored.user_name, stored.page_size) == ("Ada Lovelace", "Letter")
    editor = window.workspace.editor
    assert editor.sections["action"].lbl_stats.text().startswith("100 words · 0:50")
    assert editor.lbl_total.text().endswith("(120 wpm) · target 1:30 · limit 2:30")
    assert editor.sections["action"].lbl_budget.text() == "65% ≈ 0:58"
    assert window.lbl_pace.text() == "Pace 120 wpm"


def test_dialog_blocks_a_split_that_does_not_add_up(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert ok.isEnabled()
    dialog.spin_split["situation"].setValue(20)
    assert not ok.isEnabled()
    assert dialog.lbl_error.text() == "The four shares add up to 105%; they must add up to 100%."
    dialog.spin_split["action"].setValue(55)
    assert ok.isEnabled()
    dialog.spin_target.setValue(200)
    assert not ok.isEnabled()
    assert "shorter than the limit" in dialog.lbl_error.text()
    dialog.spin_limit.setValue(240)
    assert ok.isEnabled()
    result = dialog.settings()
    assert result.split == (20, 10, 55, 15)
    assert (result.target_seconds, result.limit_seconds) == (200, 240)


def test_cancelled_settings_change_nothing(make_window, bank, monkeypatch) -> None:
    window = make_window(bank)
    monkeypatch.setattr(SettingsDialog, "get_settings", classmethod(lambda cls, *a, **k: (None, False)))
    window.open_settings()
    assert bank.settings.get() == Settings()
