"""GUI: the after-run panel: total against target, each section against its budget, rating and note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storybook.model.measures import format_seconds
from storybook.model.values import SECTIONS
from storybook.rehearsal.audio import AudioStats
from storybook.rehearsal.summary import RunSummary
from storybook.rehearsal.timer import Zone

from .widgets import SectionBars, zone_style

RATING_WORDS = {1: "lost", 2: "shaky", 3: "fine", 4: "good", 5: "nailed it"}
# The chosen rating must stand out on any palette, not only as a slightly darker button.
RATING_STYLE = ("QToolButton { padding: 4px 10px; }"
                "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
                "font-weight: bold; border: 1px solid palette(dark); border-radius: 4px; }")


class SummaryPanel(QWidget):
    """GUI: shows a RunSummary and collects the self-rating and a note."""

    save_requested = Signal()
    again_requested = Signal()
    history_requested = Signal()
    rating_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.label_headline = QLabel()
        font = QFont(self.font())
        font.setPointSize(max(14, font.pointSize() + 6))
        font.setBold(True)
        self.label_headline.setFont(font)
        self.label_headline.setWordWrap(True)
        layout.addWidget(self.label_headline)
        self.bars = SectionBars([0.0] * len(SECTIONS))
        layout.addWidget(self.bars)
        self.label_sections = QLabel()
        self.label_sections.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label_sections)
        self.label_worst = QLabel()
        self.label_worst.setWordWrap(True)
        layout.addWidget(self.label_worst)
        self.label_audio = QLabel()
        self.label_audio.setWordWrap(True)
        layout.addWidget(self.label_audio)
        self._build_rating(layout)
        self.edit_note = QPlainTextEdit()
        self.edit_note.setPlaceholderText("A note for next time: what to cut, what to say first, what worked")
        self.edit_note.setMaximumHeight(110)
        layout.addWidget(self.edit_note)
        self._build_buttons(layout)
        self.label_saved = QLabel()
        layout.addWidget(self.label_saved)
        layout.addStretch(1)

    def _build_rating(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel("How did it go? (keys 1-5)"))
        self.group_rating = QButtonGroup(self)
        self.group_rating.setExclusive(True)
        self.btn_ratings: list[QToolButton] = []
        for value in range(1, 6):
            button = QToolButton()
            button.setText(f"{value} {RATING_WORDS[value]}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(RATING_STYLE)
            self.group_rating.addButton(button, value)
            self.btn_ratings.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group_rating.idClicked.connect(self.rating_changed.emit)
        layout.addLayout(row)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.btn_save = QPushButton("Save rating and note")
        self.btn_save.clicked.connect(self.save_requested.emit)
        self.btn_again = QPushButton("Again (R)")
        self.btn_again.clicked.connect(self.again_requested.emit)
        self.btn_history = QPushButton("History")
        self.btn_history.clicked.connect(self.history_requested.emit)
        for button in (self.btn_save, self.btn_again, self.btn_history):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    # ---- content -----------------------------------------------------------------------------
    def show_summary(self, summary: RunSummary, saved: bool) -> None:
        self.label_headline.setText(summary.headline())
        self.label_headline.setStyleSheet(zone_style(summary.zone) if summary.zone is not Zone.UNDER else "")
        self.bars.set_budgets([s.budget for s in summary.sections])
        self.bars.set_progress([s.seconds for s in summary.sections], -1)
        self.label_sections.setText("\n".join(s.line() for s in summary.sections))
        self.label_worst.setText(summary.worst_line())
        self.label_audio.setText("")
        self.set_rating(None)
        self.edit_note.clear()
        self.label_saved.setText("Saved to your history." if saved else "Too short to keep: not saved.")
        for widget in (*self.btn_ratings, self.edit_note, self.btn_save):
            widget.setEnabled(saved)

    def show_audio(self, stats: AudioStats | None, message: str = "") -> None:
        if stats is None:
            self.label_audio.setText(message)
            return
        parts = [f"Speaking {format_seconds(stats.speech_s)} of {format_seconds(stats.duration_s)}"]
        long_pauses = len(stats.pauses)
        parts.append(f"{long_pauses} pause{'s' if long_pauses != 1 else ''} of 2 s or more")
        if stats.wpm:
            parts.append(f"{stats.wpm:.0f} words per minute")
        self.label_audio.setText("Recording: " + ", ".join(parts) + ".")

    def rating(self) -> int | None:
        value = self.group_rating.checkedId()
        return value if value > 0 else None

    def set_rating(self, value: int | None) -> None:
        if value is None:
            self.group_rating.setExclusive(False)
            for button in self.btn_ratings:
                button.setChecked(False)
            self.group_rating.setExclusive(True)
        else:
            self.btn_ratings[value - 1].setChecked(True)

    def note(self) -> str:
        return self.edit_note.toPlainText()
