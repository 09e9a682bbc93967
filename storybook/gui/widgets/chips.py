"""GUI: chips for tags and competencies, picked from the bank (tags may also be new)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from storybook.gui.widgets.clean_inputs import CleanLineEdit
from storybook.gui.widgets.flow_layout import FlowLayout, flow_policy

CHIP_STYLE = (
    "QFrame#chip {{ border: 1px solid {border}; border-radius: 9px; background: {back}; }}"
    "QFrame#chip QLabel {{ color: {text}; }}"
    "QFrame#chip QToolButton {{ border: none; padding: 0 2px; color: {text}; }}"
)


def chip_style() -> str:
    """The chip's look in the application's current palette (light or dark)."""
    palette = QApplication.palette()
    return CHIP_STYLE.format(border=palette.mid().color().name(), back=palette.alternateBase().color().name(),
                             text=palette.windowText().color().name())
MAX_TAG_CHARS = 60
SUGGESTED_SHOWN = 3  # one-click suggestions shown after the chips


class Chip(QFrame):
    """GUI: one rounded label with a remove button."""

    remove_clicked = Signal(str)

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("chip")
        self.setStyleSheet(chip_style())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        self.label = QLabel(label)
        self.btn_remove = QToolButton()
        self.btn_remove.setText("\u00d7")
        self.btn_remove.setToolTip(f"Remove {label}")
        self.btn_remove.setAccessibleName(f"Remove {label}")
        self.btn_remove.setCursor(Qt.CursorShape.PointingHandCursor)
        self.btn_remove.clicked.connect(lambda: self.remove_clicked.emit(self.key))
        layout.addWidget(self.label)
        layout.addWidget(self.btn_remove)

    def changeEvent(self, event: QEvent) -> None:
        # A style sheet keeps the colours it was given: give it new ones when the desktop switches light/dark.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            style = chip_style()
            if style != self.styleSheet():  # setting it changes the palette again: stop once it matches
                self.setStyleSheet(style)
        super().changeEvent(event)


class ChipBox(QWidget):
    """GUI: a wrapping row of chips plus an add control; emits ``changed`` with the new list of keys."""

    changed = Signal(list)

    def __init__(self, noun: str, allow_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.allow_new = allow_new
        self._values: list[str] = []
        self._options: dict[str, str] = {}
        self._suggested: list[tuple[str, str]] = []  # (key, reasons) offered with one click, best first
        self.suggestion_buttons: list[QToolButton] = []
        self.setSizePolicy(flow_policy())
        self._flow = FlowLayout(self)
        self.edit_new: CleanLineEdit | None = None
        self.btn_add: QPushButton | None = None
        self._build_adder()
        self._render()

    def _build_adder(self) -> None:
        if self.allow_new:
            self.edit_new = CleanLineEdit()
            self.edit_new.setPlaceholderText(f"Add a {self.noun}…")
            self.edit_new.setMaxLength(MAX_TAG_CHARS)
            self.edit_new.setMinimumWidth(self.fontMetrics().horizontalAdvance(f"Add a {self.noun}…") + 24)
            self.edit_new.returnPressed.connect(self._add_typed)
            self.edit_new.setCompleter(QCompleter([], self.edit_new))
            self.edit_new.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.edit_new.setAccessibleName(f"New {self.noun}")
            return
        self.btn_add = QPushButton(f"Add {self.noun}")
        self.btn_add.setMenu(QMenu(self.btn_add))
        self.btn_add.menu().aboutToShow.connect(self._fill_menu)

    # ---- public API -------------------------------------------------------------------
    def set_options(self, options: dict[str, str]) -> None:
        """Known keys and their display labels (competencies from the bank, or existing tags)."""
        self._options = dict(options)
        if self.edit_new is not None:
            self.edit_new.completer().model().setStringList(sorted(self._options.values(), key=str.casefold))
        self._render()

    def set_values(self, keys: list[str]) -> None:
        self._values = list(dict.fromkeys(keys))
        self._render()

    def values(self) -> list[str]:
        return list(self._values)

    def set_suggestions(self, suggestions: list[tuple[str, str]]) -> None:
        """Offer keys with their reasons as one-click buttons; nothing is added until the user clicks."""
        self._suggested = [(k, r) for k, r in suggestions if k in self._options][:SUGGESTED_SHOWN + 4]
        self._render()

    def suggested_keys(self) -> list[str]:
        return [b.property("key") for b in self.suggestion_buttons]

    def options(self) -> dict[str, str]:
        return dict(self._options)

    def add(self, key: str) -> None:
        key = " ".join(key.split())[:MAX_TAG_CHARS]
        if not key or key.casefold() in {v.casefold() for v in self._values}:
            return
        self._values.append(key)
        self._render()
        self.changed.emit(self.values())

    def remove(self, key: str) -> None:
        if key in self._values:
            self._values.remove(key)
            self._render()
            self.changed.emit(self.values())

    def toggle(self, key: str, on: bool) -> None:
        if on:
            self.add(key)
        else:
            self.remove(key)

    # ---- internals --------------------------------------------------------------------
    def _add_typed(self) -> None:
        if self.edit_new is None:
            return
        text = self.edit_new.text()
        self.edit_new.clear()
        self.add(text)

    def _fill_menu(self) -> None:
        menu = self.btn_add.menu()
        menu.clear()
        for key, label in sorted(self._options.items(), key=lambda kv: kv[1].casefold()):
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(key in self._values)
            action.toggled.connect(lambda on, k=key: self.toggle(k, on))
            menu.addAction(action)

    def _render(self) -> None:
        while self._flow.count():
            item = self._flow.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None and widget not in (self.edit_new, self.btn_add):  # chips and suggestions
                widget.hide()  # hidden at once: deleteLater alone leaves it painted until the next event loop
                widget.deleteLater()
        for key in self._values:
            chip = Chip(key, self._options.get(key, key), self)
            chip.remove_clicked.connect(self.remove)
            self._flow.addWidget(chip)
        adder = self.edit_new if self.edit_new is not None else self.btn_add
        self._flow.addWidget(adder)
        self.suggestion_buttons = []
        for key, reasons in [(k, r) for k, r in self._suggested if k not in self._values][:SUGGESTED_SHOWN]:
            button = QToolButton(self)
            button.setText(f"+ {self._options.get(key, key)}")
            button.setProperty("key", key)
            button.setAutoRaise(True)
            button.setToolTip(f"Suggested: {reasons}" if reasons else "Suggested for this story")
            button.setAccessibleName(f"Suggested {self.noun}: {self._options.get(key, key)}")
            button.clicked.connect(lambda _c=False, k=key: self.add(k))
            self._flow.addWidget(button)
            self.suggestion_buttons.append(button)
        self.updateGeometry()
