"""Tick boxes in the target form's lists stay visible on a dark palette and look the same on a light one."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyledItemDelegate, QStyleFactory

from storybook.gui.screenshots import dark_palette
from storybook.gui.targets.target_editor import TargetEditor


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(color: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _editor(qtbot, palette: QPalette) -> TargetEditor:
    """A target form drawn with Fusion (the style that hid the boxes), whatever the app's style is."""
    editor = TargetEditor()
    qtbot.addWidget(editor)
    fusion = QStyleFactory.create("Fusion")
    fusion.setParent(editor)  # it lives as long as the form's lists that use it
    for view in (editor.list_stories, editor.table_competencies):
        view.setStyle(fusion)
    competencies = [SimpleNamespace(key="leadership", name="Leadership"),
                    SimpleNamespace(key="ownership", name="Ownership")]
    stories = [SimpleNamespace(id=1, title="Migration"), SimpleNamespace(id=2, title="Outage")]
    editor.set_choices([], competencies, stories)
    editor.setPalette(palette)
    editor.resize(600, 900)
    editor.show()
    return editor


def _views(editor: TargetEditor) -> dict[str, tuple[QAbstractItemView, object]]:
    return {"stories": (editor.list_stories, editor.list_stories.item(0)),
            "competencies": (editor.table_competencies, editor.table_competencies.item(0, 0))}


def _box_contrast(view: QAbstractItemView, item: object) -> float:
    """The strongest contrast between the unticked box's pixels and the list's background."""
    QApplication.processEvents()
    image: QImage = view.viewport().grab().toImage()
    rect = view.visualItemRect(item)
    width = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 4
    base = view.palette().color(QPalette.ColorRole.Base)
    return max(_contrast(image.pixelColor(x, y), base)
               for x in range(rect.left(), rect.left() + width) for y in range(rect.top(), rect.bottom()))


def test_unticked_boxes_are_visible_on_a_dark_palette(qtbot) -> None:
    editor = _editor(qtbot, dark_palette())
    for name, (view, item) in _views(editor).items():
        assert item.checkState() == Qt.CheckState.Unchecked
        # 3:1 is the usual floor for the outline of a control; Fusion's own frame was about 1:1 here
        assert _box_contrast(view, item) >= 3, name


def test_light_palette_tick_boxes_look_exactly_as_the_style_draws_them(qtbot) -> None:
    light = QStyleFactory.create("Fusion").standardPalette()
    ours, plain = _editor(qtbot, light), _editor(qtbot, light)
    for name in ("stories", "competencies"):
        view, _item = _views(ours)[name]
        other, _ = _views(plain)[name]
        other.setItemDelegate(QStyledItemDelegate(other))
        for v in (view, other):
            v.clearFocus()
        QApplication.processEvents()
        assert view.viewport().grab().toImage() == other.viewport().grab().toImage(), name


def test_the_box_frame_follows_a_switch_to_the_dark_palette(qtbot) -> None:
    editor = _editor(qtbot, QStyleFactory.create("Fusion").standardPalette())
    view, item = _views(editor)["stories"]
    light = _box_contrast(view, item)
    editor.setPalette(dark_palette())
    dark = _box_contrast(view, item)
    assert light >= 1.5
    assert dark >= 3
    assert QColor(view.palette().color(QPalette.ColorRole.Base)).lightnessF() < 0.3
