"""GUI: the settings dialog's "Writing" group: which English the spell check expects."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from storybook.analysis.dictionaries import available_languages, install_hint
from storybook.analysis.spelling import LANGUAGES, default_language, language_label


def system_language() -> str:
    """The spelling the system locale suggests (en_GB-like locales: UK; anything else: US)."""
    return default_language(QLocale.system().name())


class SpellingGroup(QGroupBox):
    """GUI: a combo box choosing US or UK spelling, or the system's; a missing dictionary is shown, not offered."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__("Writing", parent)
        self.combo_spelling = QComboBox()
        self.combo_spelling.setAccessibleName("Spelling")
        available = available_languages()
        self.combo_spelling.addItem(f"Follow the system ({language_label(system_language())})", "")
        model = self.combo_spelling.model()
        for code, label in LANGUAGES.items():
            self.combo_spelling.addItem(label, code)
            if code not in available and isinstance(model, QStandardItemModel):
                item = model.item(self.combo_spelling.count() - 1)
                item.setEnabled(False)
                item.setText(f"{label} (dictionary not installed)")
                item.setToolTip(install_hint(code))
        index = self.combo_spelling.findData(current)
        self.combo_spelling.setCurrentIndex(max(0, index))
        self.combo_spelling.setToolTip("Misspelled words are underlined in red as you type; right-click one "
                                       "for suggestions, to add it to your dictionary or to ignore it.")
        note = QLabel("Right-click an underlined word for suggestions.")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Spelling:", self.combo_spelling)
        form.addRow("", note)

    def language(self) -> str:
        return str(self.combo_spelling.currentData() or "")
