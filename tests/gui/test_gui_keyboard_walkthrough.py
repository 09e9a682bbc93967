"""A whole story with the keyboard only: create, write, tag, link a question, rehearse, export."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from storybook.bank import StoryBank
from storybook.gui.accessibility import install_accessible_names

CTRL = Qt.KeyboardModifier.ControlModifier


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def tab_to(qtbot, name: str, limit: int = 40) -> QWidget:
    """Press Tab until the focused widget is the one a screen reader calls ``name``."""
    seen = []
    for _ in range(limit):
        if focus().accessibleName() == name:
            return focus()
        seen.append(focus().accessibleName())
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def type_into(qtbot, name: str, text: str) -> None:
    qtbot.keyClicks(tab_to(qtbot, name), text)


def in_popup(qtbot, keys: list[Qt.Key]) -> None:
    """Wait for the popup menu the last key opened, then press ``keys`` in it."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=3000)
    popup = QApplication.activePopupWidget()
    for key in keys:
        qtbot.keyClick(popup, key)


@pytest.fixture
def named(qapp):
    """Accessible names as run_app gives them: the widgets of each window focus enters."""
    hook = install_accessible_names(qapp)
    yield hook
    qapp.focusChanged.disconnect(hook.on_focus)


@pytest.fixture
def drive_dialogs(monkeypatch: pytest.MonkeyPatch, qtbot) -> dict[str, Callable[[QDialog], None]]:
    """Modal dialogs are shown and driven with key presses by the test, then return their result."""
    drivers: dict[str, Callable[[QDialog], None]] = {}

    def exec_(dialog: QDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        drivers.pop(type(dialog).__name__, lambda _d: dialog.reject())(dialog)
        owner = dialog.parentWidget().window() if dialog.parentWidget() is not None else None
        if owner is not None:  # what the window manager does when a dialog closes
            owner.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is owner, timeout=3000)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", exec_)
    return drivers


@pytest.mark.timeout(120)
def test_story_from_start_to_dossier_without_a_mouse(make_window, bank: StoryBank, qtbot, tmp_path: Path,
                                                     drive_dialogs, named) -> None:
    win = make_window(bank, features=frozenset({"rehearsal", "dossier"}))
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    assert focus().accessibleName() == "Title"
    qtbot.keyClicks(focus(), "Rescued the launch")
    type_into(qtbot, "Situation", "Our release was two weeks late.")
    type_into(qtbot, "Task", "I had to ship by Friday.")
    type_into(qtbot, "Action", "I split the work into slices and paired with the newest engineer.")
    type_into(qtbot, "Result", "We shipped two days early and cut bugs by 30%.")
    qtbot.keyClick(tab_to(qtbot, "Add competency"), Qt.Key.Key_Space)
    in_popup(qtbot, [Qt.Key.Key_Down, Qt.Key.Key_Return])  # the first competency in the menu
    type_into(qtbot, "New tag", "launch")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)

    def pick_question(dialog: QDialog) -> None:
        qtbot.keyClicks(focus(), "disagree")
        tab_to(qtbot, "Questions")
        qtbot.keyClick(focus(), Qt.Key.Key_Down)
        type_into(qtbot, "Note", "the launch scope argument")
        qtbot.keyClick(focus(), Qt.Key.Key_Return)

    drive_dialogs["QuestionPickerDialog"] = pick_question
    qtbot.keyClick(tab_to(qtbot, "Add question"), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: win.workspace.flush(), timeout=3000)
    story = bank.stories.list()[0]
    assert story.title == "Rescued the launch"
    assert story.result == "We shipped two days early and cut bugs by 30%."
    assert story.tags == ["launch"]
    assert len(story.competencies) == 1
    assert len(story.questions) == 1
    assert story.questions[0].note == "the launch scope argument"

    qtbot.keyClick(focus(), Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not win and QApplication.activeWindow() is not None)
    view = QApplication.activeWindow()
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(focus(), key)
    qtbot.waitUntil(lambda: len(bank.rehearsals.list(story_id=story.id)) == 1, timeout=5000)
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    view.close()

    out = tmp_path / "dossier.docx"

    def export(dialog: QDialog) -> None:
        field = tab_to(qtbot, "Save as")
        qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(field, str(out))
        qtbot.keyClick(field, Qt.Key.Key_Return)

    drive_dialogs["ExportDossierDialog"] = export
    win.activateWindow()  # the rehearsal window closed: the window manager activates the main window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(focus(), Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(out.is_file, timeout=30000)
    with zipfile.ZipFile(out) as archive:
        assert "Rescued the launch" in archive.read("word/document.xml").decode("utf-8")
