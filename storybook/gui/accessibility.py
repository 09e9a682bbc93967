"""GUI: give every interactive widget an accessible name, taken from what a sighted user reads next to it.

Screen readers announce a widget by its accessible name. Most of ours are labelled visually (a form label,
a placeholder, a tooltip, a group box title) without saying so to assistive technology. Rather than
edit every panel, the main window names its widgets when it is built and the app names the widgets of
every window focus enters (:class:`AccessibleNamer`), each from the first of: its own text or placeholder,
a label whose buddy it is, its form-layout label, the label before it in its layout, its tooltip, its group
box title. A name set in code is never replaced.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox,
               QAbstractItemView, QAbstractSlider, QTabBar)
MAX_NAME = 80
SEEN_PROPERTY = "storybookNamedWidgets"
FOCUSABLE = (*INTERACTIVE, QAbstractScrollArea)
QT_PARTS = {"qt_tableview_cornerbutton": "Select all", "qt_menubar_ext_button": "More menus",
            "qt_tabwidget_tabbar": "Tabs"}


def is_interactive(widget: QWidget) -> bool:
    """A widget a user can focus or operate; not scroll bars, combo-box popups or the inner edit of a spin box."""
    tab_stop = isinstance(widget, QAbstractScrollArea) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    if not (isinstance(widget, INTERACTIVE) or tab_stop) or isinstance(widget, QScrollBar):
        return False
    if widget.window().windowType() == Qt.WindowType.Popup:  # a combo box's list: named by the combo box
        return False
    parent = widget.parentWidget()
    return not (isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox))


def _qt_part(widget: QWidget) -> str:
    """Names for the parts Qt adds itself (headers, a table's corner button, a line edit's clear button)."""
    if isinstance(widget, QHeaderView):
        return "Column headers" if widget.orientation() == Qt.Orientation.Horizontal else "Row headers"
    if isinstance(widget, QTabBar):
        return "Tabs"
    return QT_PARTS.get(widget.objectName(), "Clear" if isinstance(widget.parentWidget(), QLineEdit) else "")


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")  # rich-text tooltips
    text = re.sub(r"&(?=\w)", "", text).replace("&&", "&").replace("\u2026", "").replace("...", "")
    text = " ".join(text.split()).strip(" :")
    return text[:MAX_NAME]


def _own_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget.placeholderText()
    if isinstance(widget, QComboBox) and widget.isEditable() and widget.lineEdit() is not None:
        return widget.lineEdit().placeholderText()
    return ""


def _layout_of(widget: QWidget) -> tuple[QLayout | None, QLayout | None]:
    """The layout holding ``widget`` and the layout holding that one (a form row's nested box)."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None, None
    stack: list[tuple[QLayout, QLayout | None]] = [(parent.layout(), None)]
    while stack:
        layout, outer = stack.pop()
        if layout.indexOf(widget) >= 0:
            return layout, outer
        for i in range(layout.count()):
            inner = layout.itemAt(i).layout()
            if inner is not None:
                stack.append((inner, layout))
    return None, None


def _label_text(item: object) -> str:
    return item.text() if isinstance(item, QLabel) else ""


def _layout_label(widget: QWidget) -> str:
    """The form label of the widget's row, or the nearest label before it in its row or box."""
    layout, outer = _layout_of(widget)
    if layout is None:
        return ""
    if isinstance(layout, QFormLayout):
        return _label_text(layout.labelForField(widget))
    index = layout.indexOf(widget)
    if isinstance(layout, QGridLayout):
        row, column, _rs, _cs = layout.getItemPosition(index)
        for col in range(column - 1, -1, -1):
            item = layout.itemAtPosition(row, col)
            if item is not None and isinstance(item.widget(), QLabel):
                return item.widget().text()
        return ""
    for i in range(index - 1, -1, -1):
        item_widget = layout.itemAt(i).widget()
        if isinstance(item_widget, QLabel) and item_widget.text().strip():
            return item_widget.text()
        if item_widget is not None and is_interactive(item_widget):
            break
    else:  # the first field of a form row laid out as a box ("Save as: [path] [Browse]")
        if isinstance(outer, QFormLayout):
            return _label_text(outer.labelForField(layout))
    return ""


def _cell_name(widget: QWidget) -> str:
    """A widget inside a table cell: the row's first cell and the column header ("Leadership weight")."""
    viewport = widget.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None
    if not isinstance(view, QAbstractItemView) or view.model() is None:
        return ""
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            if view.indexWidget(model.index(row, column)) is widget:
                first = str(model.index(row, 0).data() or "") if column else ""
                header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                return " ".join(part for part in (first, header.lower() if first else header) if part)
    return ""


def _group_title(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QGroupBox) and parent.title():
            return parent.title()
        parent = parent.parentWidget()
    return ""


def derive_name(widget: QWidget, buddies: dict[QWidget, str] | None = None) -> str:
    """The name a screen reader should say for ``widget``, or '' when nothing on screen describes it."""
    buddy = (buddies or {}).get(widget, "")
    for source in (_own_text, lambda _w: buddy, _layout_label, _cell_name, lambda w: w.toolTip(),
                   lambda w: w.statusTip(), _qt_part, _group_title, lambda w: w.windowTitle() if w.isWindow() else ""):
        name = _clean(source(widget))
        if name:
            return name
    return ""


def name_widget(widget: QWidget, buddies: dict[QWidget, str] | None = None) -> bool:
    """Name ``widget`` if it is interactive and unnamed; True when it has a name afterwards."""
    if not isinstance(widget, FOCUSABLE) or widget.accessibleName() or not is_interactive(widget):
        return True  # cheap checks first: this runs on every focus change
    name = derive_name(widget, buddies)
    if name:
        widget.setAccessibleName(name)
    return bool(name)


def name_all(root: QWidget) -> list[QWidget]:
    """Name every interactive widget under ``root``; return the ones nothing on screen describes."""
    widgets = [root, *root.findChildren(QWidget)]
    buddies = {label.buddy(): label.text() for label in root.findChildren(QLabel) if label.buddy() is not None}
    return [w for w in widgets if not name_widget(w, buddies)]


def name_window(window: QWidget) -> None:
    """:func:`name_all` when the window has gained or lost widgets since the last call (0.1 ms otherwise)."""
    count = len(window.findChildren(QWidget))
    if window.property(SEEN_PROPERTY) != count:
        name_all(window)
        window.setProperty(SEEN_PROPERTY, count)


class AccessibleNamer(QObject):
    """GUI: names the widgets of each window as focus enters it (connected to the application's focusChanged).

    Not an application event filter: PySide would have to wrap every object an event is delivered to,
    including objects Qt is still constructing, and that crashes.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self.on_focus)

    def on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            name_window(new.window())


def install_accessible_names(app: QApplication) -> AccessibleNamer:
    """Name widgets for the whole app from now on; keep the returned object alive as long as the app."""
    return AccessibleNamer(app)
