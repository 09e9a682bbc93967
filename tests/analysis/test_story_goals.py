"""The reference text's defaults (5-7 stories, 2-3 minutes) are in the settings and shown where the user plans."""

from __future__ import annotations

from storybook.gui.dialogs.settings_dialog import SettingsDialog
from storybook.gui.stories.first_run import FirstRunPanel
from storybook.model.values import Settings


def test_defaults_come_from_the_reference_text() -> None:
    settings = Settings()
    assert (settings.stories_min, settings.stories_max) == (5, 7)
    assert (settings.target_seconds, settings.limit_seconds) == (120, 180)
    again = Settings.from_dict(Settings(stories_min=4, stories_max=6).to_dict())
    assert (again.stories_min, again.stories_max) == (4, 6)


def test_first_run_text_follows_the_settings(qtbot) -> None:
    panel = FirstRunPanel()
    qtbot.addWidget(panel)
    assert "Prepare 5 to 7 detailed stories" in panel.lbl_text.text()
    assert "2 to 3 minutes" in panel.lbl_text.text()
    panel.set_goals(Settings(stories_min=4, stories_max=6, target_seconds=90, limit_seconds=150))
    assert "Prepare 4 to 6 detailed stories" in panel.lbl_text.text()
    assert "1.5 to 2.5 minutes" in panel.lbl_text.text()


def test_settings_dialog_edits_the_story_count(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert (dialog.spin_stories_min.value(), dialog.spin_stories_max.value()) == (5, 7)
    dialog.spin_stories_min.setValue(9)
    assert "fewest stories" in dialog.problem()
    dialog.spin_stories_min.setValue(6)
    dialog.spin_stories_max.setValue(8)
    assert dialog.problem() == ""
    chosen = dialog.settings()
    assert (chosen.stories_min, chosen.stories_max) == (6, 8)
