"""Screen readers: every interactive widget of every tab and dialog has an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from storybook.bank import StoryBank
from storybook.gui.accessibility import AccessibleNamer, derive_name, install_accessible_names, is_interactive


@pytest.fixture
def namer(qapp) -> Iterator[AccessibleNamer]:
    """The same hook run_app installs: names the widgets of each window that focus enters."""
    hook = install_accessible_names(qapp)
    yield hook
    qapp.focusChanged.disconnect(hook.on_focus)
    hook.deleteLater()


def _unnamed(root: QWidget) -> tuple[int, list[str]]:
    widgets = [w for w in [root, *root.findChildren(QWidget)] if is_interactive(w)]
    return len(widgets), [f"{type(w).__name__} in {type(w.parentWidget()).__name__}" for w in widgets
                          if not w.accessibleName()]


def _enter(qtbot, window: QWidget) -> None:
    """Show the window and move keyboard focus into it, as a user opening it would."""
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    target = next((w for w in window.findChildren(QWidget)
                   if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisible() and w.isEnabled()), window)
    target.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()


def test_every_tab_of_the_main_window(make_window, sample_bank: StoryBank, qtbot, namer) -> None:
    win = make_window(sample_bank, features=None)
    seen = 0
    for index in range(win.tabs.count()):
        win.tabs.setCurrentIndex(index)
        _enter(qtbot, win)
        count, unnamed = _unnamed(win.tabs.widget(index))
        assert unnamed == [], win.tabs.tabText(index)
        seen += count
    count, unnamed = _unnamed(win)
    assert unnamed == []
    assert seen > 80  # the walk saw the tabs' widgets, not an empty window


def _dialogs(bank: StoryBank) -> Iterator[tuple[str, QWidget]]:
    from storybook.gui.checks.check_all_dialog import CheckAllDialog
    from storybook.gui.dialogs.about import AboutDialog
    from storybook.gui.dialogs.import_csv_dialog import CsvImportDialog
    from storybook.gui.dialogs.model_setup_dialog import ModelSetupDialog
    from storybook.gui.dialogs.settings_dialog import SettingsDialog
    from storybook.gui.dialogs.unexpected_error import UnexpectedErrorDialog
    from storybook.gui.questions.question_edit import QuestionEditDialog
    from storybook.gui.questions.question_picker import QuestionPickerDialog
    from storybook.gui.rehearsal.cue_dialog import CueCardDialog
    from storybook.gui.targets.export_dialog import ExportDossierDialog
    from storybook.logs import ErrorSummary

    story = bank.stories.list()[0]
    comps = bank.questions.competencies()
    yield "about", AboutDialog("db.sqlite", "basic")
    yield "check all", CheckAllDialog()
    yield "csv import", CsvImportDialog(["Name", "What I did"], "x.csv", {"Name": "title", "What I did": "action"},
                                        lambda _m: ([{"title": "t", "action": "a"}], "1 new"))
    yield "model setup", ModelSetupDialog(["true"])
    yield "question edit", QuestionEditDialog(comps)
    yield "question picker", QuestionPickerDialog(bank.questions.list(), {c.key: c.name for c in comps}, set())
    yield "settings", SettingsDialog(bank.settings.get())
    yield "unexpected error", UnexpectedErrorDialog(ErrorSummary("E: x", "f.py, line 1", "Traceback"), None)
    yield "export dossier", ExportDossierDialog(bank)
    yield "cue cards", CueCardDialog(story)


def test_every_dialog(sample_bank: StoryBank, qtbot, namer) -> None:
    walked = 0
    for name, dialog in _dialogs(sample_bank):
        qtbot.addWidget(dialog)
        _enter(qtbot, dialog)
        count, unnamed = _unnamed(dialog)
        assert unnamed == [], name
        walked += count
        dialog.close()
    assert walked > 40


def test_rehearsal_windows(make_window, sample_bank: StoryBank, qtbot, namer) -> None:
    win = make_window(sample_bank, features=None)
    actions = win.rehearsal
    win.workspace.open_story(sample_bank.stories.list()[0].id)
    for name in ("rehearse", "drill", "history"):
        window = getattr(actions, name)()
        _enter(qtbot, window)
        _count, unnamed = _unnamed(window)
        assert unnamed == [], name
        window.close()


def test_names_come_from_what_is_on_screen(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout()
    spin = QSpinBox()
    form.addRow("Leadership weight:", spin)
    row = QHBoxLayout()
    beside = QLineEdit()
    row.addWidget(QLabel("Company"))
    row.addWidget(beside)
    search = QLineEdit()
    search.setPlaceholderText("Search questions")
    group = QGroupBox("Notes")
    inner = QLineEdit(group)
    QVBoxLayout(group).addWidget(inner)
    layout = QVBoxLayout(root)
    layout.addLayout(form)
    layout.addLayout(row)
    layout.addWidget(search)
    layout.addWidget(group)
    assert derive_name(spin) == "Leadership weight"
    assert derive_name(beside) == "Company"
    assert derive_name(search) == "Search questions"
    assert derive_name(inner) == "Notes"
