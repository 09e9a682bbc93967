"""The dark palette of the screenshots (and of a dark desktop): disabled controls look disabled."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QStyleFactory

from storybook.gui.screenshots import dark_palette


def _brightest(image: QImage) -> float:
    """The lightness of the brightest pixel: the button's text in a dark theme."""
    return max(QColor(image.pixel(x, y)).lightnessF() for x in range(image.width()) for y in range(image.height()))


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_a_disabled_button_is_visibly_dimmer_than_an_enabled_one(qtbot) -> None:
    fusion = QStyleFactory.create("Fusion")
    shots = {}
    for enabled in (True, False):
        button = QPushButton("Restore")
        button.setStyle(fusion)
        button.setPalette(dark_palette())
        button.setEnabled(enabled)
        qtbot.addWidget(button)
        button.resize(120, 32)
        shots[enabled] = _brightest(button.grab().toImage())
    assert shots[True] > 0.8  # light text on a dark button
    assert shots[False] < shots[True] - 0.25


def test_disabled_text_keeps_some_contrast_but_less_than_enabled_text() -> None:
    palette = dark_palette()
    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    for text_role, back_role in ((QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
                                 (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                                 (QPalette.ColorRole.Text, QPalette.ColorRole.Base)):
        normal = _contrast(palette.color(active, text_role), palette.color(active, back_role))
        dimmed = _contrast(palette.color(disabled, text_role), palette.color(disabled, back_role))
        assert normal >= 7, text_role
        assert 2 <= dimmed < normal / 2, text_role


def test_chips_follow_a_switch_to_the_dark_palette(qtbot) -> None:
    from storybook.gui.widgets.chips import Chip

    app = QApplication.instance()
    before = app.palette()
    chip = Chip("leadership", "Leadership")
    qtbot.addWidget(chip)
    chip.show()
    light = chip.grab().toImage().pixelColor(chip.width() // 2, chip.height() // 2).lightnessF()
    try:
        app.setPalette(dark_palette())
        # the running app tells every widget; without an event loop the test does it
        QApplication.sendEvent(chip, QEvent(QEvent.Type.ApplicationPaletteChange))
        dark = chip.grab().toImage().pixelColor(chip.width() // 2, chip.height() // 2).lightnessF()
    finally:
        app.setPalette(before)
    assert dark < light - 0.3
