"""The look: no clipped labels or cut-off buttons in a small window, and the dark palette is respected."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from storybook.gui.dialogs.settings_dialog import SettingsDialog
from storybook.gui.screenshots import dark_palette
from storybook.gui.widgets.elided_label import ElidedLabel


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons that got less room than their text needs."""
    bad = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or isinstance(label, ElidedLabel):
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                bad.append(f"wrapped label cut: {label.text()[:40]!r}")
        elif label.width() < label.minimumSizeHint().width() or label.height() < label.minimumSizeHint().height():
            bad.append(f"label cut: {label.text()[:40]!r}")
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.width() < button.minimumSizeHint().width():
            bad.append(f"button cut: {button.text()!r}")
    return bad


@pytest.mark.parametrize("size", [(1280, 800), (960, 540)])
def test_no_clipped_labels_on_any_tab(qtbot, make_window, sample_bank, size) -> None:
    # 960x540 is what a 1920x1080 screen offers at 200% scaling.
    window = make_window(sample_bank, frozenset({"analysis", "rehearsal", "dossier"}))
    window.resize(*size)
    for key in window.tab_labels():
        window.show_tab(key)
        qtbot.wait(50)
        assert clipped(window) == [], key


def test_settings_dialog_fits_its_wrapped_note(qtbot, sample_bank) -> None:
    dialog = SettingsDialog(sample_bank.settings.get(), "Your measured pace from rehearsals is 141 words per minute; "
                            "it is used instead of this value while the box below is ticked.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    assert clipped(dialog) == []


def _lightness(widget: QWidget) -> float:
    image = widget.grab().toImage()
    return QColor(image.pixel(image.width() - 6, image.height() // 2)).lightnessF()


def test_editors_follow_a_dark_palette(qtbot, window) -> None:
    app = QApplication.instance()
    edit = window.workspace.editor.section_edit("task")
    original = app.palette()
    assert _lightness(edit) > 0.7
    try:
        app.setPalette(dark_palette())
        qtbot.wait(20)
        assert _lightness(edit) < 0.3
        assert _lightness(window.workspace.list_panel.list_stories) < 0.3
    finally:
        app.setPalette(original)


def test_status_bar_labels_shorten_with_an_ellipsis(qtbot, window) -> None:
    window.set_save_state("Not saved: the disk is full and the database could not be written " * 3)
    window.resize(700, 500)
    qtbot.wait(50)
    label = window.lbl_save
    assert label.is_elided()
    assert label.shown_text().endswith("…")
    assert label.width() <= window.width()
    assert label.text().startswith("Not saved: the disk is full")
