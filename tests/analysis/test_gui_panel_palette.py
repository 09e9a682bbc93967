"""GUI: the findings panel's "How is this scored?" link follows a switch between light and dark palettes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory

from storybook.gui.checks import FindingsPanel
from storybook.gui.screenshots import dark_palette


def _link_ink(label: QLabel) -> QColor:
    """The pixel of the link that stands out most from the label's background: the colour of its text."""
    image = label.grab().toImage()
    back = label.palette().color(label.backgroundRole())
    pixels = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    return max(pixels, key=lambda c: abs(c.redF() - back.redF()) + abs(c.greenF() - back.greenF())
               + abs(c.blueF() - back.blueF()))


def _switch(app: QApplication, palette) -> None:
    app.setPalette(palette)
    # the running app tells every widget; without an event loop the test does it
    for widget in app.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationPaletteChange))


def test_the_score_link_takes_the_dark_palettes_link_colour_and_back(qtbot) -> None:
    app = QApplication.instance()
    before = app.palette()
    light = QStyleFactory.create("Fusion").standardPalette()
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    try:
        _switch(app, light)
        assert _link_ink(panel.lbl_formula).name() == light.link().color().name()
        _switch(app, dark_palette())
        ink = _link_ink(panel.lbl_formula)
        assert ink.name() == dark_palette().link().color().name()
        assert ink.lightnessF() > 0.6  # a light link on the dark panel, not the light theme's dark blue
        _switch(app, light)
        assert _link_ink(panel.lbl_formula).name() == light.link().color().name()
    finally:
        app.setPalette(before)


def test_the_link_still_opens_the_explanation_after_a_palette_change(qtbot, monkeypatch) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    shown = []
    monkeypatch.setattr(panel, "show_formula", lambda: shown.append(True))
    panel.setPalette(dark_palette())
    assert "#score" in panel.lbl_formula.text()
    panel.lbl_formula.linkActivated.emit("#score")
    assert shown == [True]
