"""GUI: the first-run page of an empty bank: STAR in a few lines and two ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from storybook.model.values import Settings

STAR_TEXT = """
<p>Behavioral interviews ask for examples: <i>“Tell me about a time when…”</i>. A strong answer is a short,
true story told in four parts:</p>
<p><b>Situation</b> — where you were and what was going on, in two or three sentences.<br>
<b>Task</b> — the problem you owned or the goal you were given.<br>
<b>Action</b> — what <i>you</i> did, step by step. This is most of the answer, about 60% of the time.<br>
<b>Result</b> — what changed, measured where you can (time saved, money, percent), and what you learned.</p>
<p>Each story should take {low_time} to {high_time} minutes to say. Prepare {low} to {high} detailed stories,
each showing two or three competencies, with results you can measure.</p>
"""


def star_text(settings: Settings) -> str:
    """The first-run text with the story count and the spoken band from the settings (5-7, 2-3 minutes)."""
    return STAR_TEXT.format(
        low_time=f"{settings.target_seconds / 60:g}",
        high_time=f"{settings.limit_seconds / 60:g}",
        low=settings.stories_min,
        high=settings.stories_max,
    )


class FirstRunPanel(QWidget):
    """GUI: shown while the bank has no stories; emits which way the user wants to start."""

    load_samples_clicked = Signal()
    write_first_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Welcome to Storybook")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.lbl_text = QLabel(star_text(Settings()))
        self.lbl_text.setWordWrap(True)
        self.lbl_text.setTextFormat(Qt.TextFormat.RichText)
        self.btn_samples = QPushButton("Load sample stories")
        self.btn_samples.setToolTip("Add example stories to explore; delete them whenever you like")
        self.btn_write = QPushButton("Write my first story")
        self.btn_write.setDefault(True)
        self.btn_samples.clicked.connect(self.load_samples_clicked)
        self.btn_write.clicked.connect(self.write_first_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_write)
        buttons.addWidget(self.btn_samples)
        buttons.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(680)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(self.lbl_text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        outer.setAlignment(column, Qt.AlignmentFlag.AlignVCenter)

    def set_goals(self, settings: Settings) -> None:
        """Show the user's own story count and spoken band."""
        self.lbl_text.setText(star_text(settings))
