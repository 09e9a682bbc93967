"""GUI: the cue-card editor: 3 to 5 short anchors written by the user, with suggestions to start from."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.widgets.clean_inputs import CleanLineEdit
from storybook.rehearsal.cues import MAX_ANCHOR_CHARS, MAX_CARDS, story_measures, suggest_cues, validate_cards


class CueCardDialog(QDialog):
    """GUI: edit the anchors of one story's cue card."""

    def __init__(self, story: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.story = story
        self.setWindowTitle(f"Cue card: {story.title or 'Untitled'}")
        self.edits: list[CleanLineEdit] = []
        self.label_note = QLabel("")
        layout = QVBoxLayout(self)
        intro = QLabel("Write three to five short anchors, one per line, that pull the story back if you lose the "
                       "thread: the setting, your task, what you did, the measured result.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for index in range(MAX_CARDS):
            edit = CleanLineEdit()
            edit.notice.connect(self.label_note.setText)
            edit.setMaxLength(MAX_ANCHOR_CHARS)
            edit.setPlaceholderText(f"Anchor {index + 1}")
            layout.addWidget(edit)
            self.edits.append(edit)
        self.set_cards(list(getattr(story, "cue_cards", []) or []))
        self.btn_suggest = QPushButton("Suggest from the story")
        self.btn_suggest.clicked.connect(self.fill_suggestions)
        layout.addWidget(self.btn_suggest)
        self.label_note.setWordWrap(True)
        layout.addWidget(self.label_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_cards(self, cards: list[str]) -> None:
        for index, edit in enumerate(self.edits):
            edit.setText(cards[index] if index < len(cards) else "")

    def cards(self) -> list[str]:
        return [e.text() for e in self.edits]

    def fill_suggestions(self) -> None:
        """Fill the empty lines with suggestions (what the user already wrote stays)."""
        have = [c for c in self.cards() if c.strip()]
        fresh = [s for s in suggest_cues(self.story, story_measures(self.story)) if s not in have]
        self.set_cards((have + fresh)[:MAX_CARDS])
        if not fresh:
            self.label_note.setText("The story has no text to suggest anchors from yet.")

    def _accept(self) -> None:
        try:
            _cards, note = validate_cards(self.cards())
        except ValueError as exc:
            self.label_note.setText(str(exc))
            return
        self.label_note.setText(note)
        self.accept()

    @classmethod
    def edit(cls, story: Any, parent: QWidget | None = None) -> tuple[list[str], bool]:
        dialog = cls(story, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        cards, _note = validate_cards(dialog.cards())
        return cards, accepted
