"""GUI: the row above the rehearsal clock: story, mode, cue card, recording and sound switches."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from storybook.rehearsal.records import MODES

from .cue_dialog import CueCardDialog
from .media import Chime, Recorder

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)

NO_STORY = "(no story: improvise)"
LINKED_MARK = "★ "


class RunControls(QWidget):
    """GUI: picks the story and the way it is shown; none of these take keyboard focus from the clock."""

    story_changed = Signal(object)
    mode_changed = Signal(str)
    cue_cards_changed = Signal()

    def __init__(self, bank: StoryBank, recorder: Recorder, chime: Chime, question_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.recorder = recorder
        self.chime = chime
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label_question = QLabel()
        self.label_question.setWordWrap(True)
        font = self.label_question.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.label_question.setFont(font)
        self.label_question.setVisible(False)
        layout.addWidget(self.label_question)
        layout.addLayout(self._build_row())
        if question_id is not None:
            self._show_question(question_id)

    def _build_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.combo_story = QComboBox()
        self.combo_story.setMinimumContentsLength(24)
        self.combo_story.currentIndexChanged.connect(lambda _i: self.story_changed.emit(self.story_id()))
        self.combo_mode = QComboBox()
        for key, title in MODES.items():
            self.combo_mode.addItem(title, key)
        self.combo_mode.currentIndexChanged.connect(lambda _i: self.mode_changed.emit(self.mode()))
        self.btn_cues = QPushButton("Cue card…")
        self.btn_cues.clicked.connect(self.edit_cue_cards)
        self.check_record = QCheckBox("Record")
        self.check_record.setEnabled(self.recorder.available)
        self.check_record.setChecked(self.recorder.available)
        self.check_record.setToolTip(self.recorder.message)
        self.check_sound = QCheckBox("Sound")
        self.check_sound.setChecked(self.chime.enabled)
        self.check_sound.setEnabled(self.chime.ready)
        self.check_sound.setToolTip("A soft chime at the target and at the limit" if self.chime.ready
                                    else "No sound output: the clock still changes colour")
        self.check_sound.toggled.connect(self._sound_toggled)
        for label, widget in (("Story", self.combo_story), ("Show", self.combo_mode)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        for widget in (self.btn_cues, self.check_record, self.check_sound):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.combo_story, self.combo_mode, self.btn_cues, self.check_record, self.check_sound):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return row

    def _show_question(self, question_id: int) -> None:
        try:
            question = self.bank.questions.get(question_id)
        except Exception as exc:
            log.warning("Question %s not found: %s", question_id, exc)
            return
        self.label_question.setText(question.text)
        self.label_question.setVisible(True)

    # ---- stories -------------------------------------------------------------------------------
    def load_stories(self, story_id: int | None, question_id: int | None, improvise: bool = False) -> None:
        """Fill the story list: stories linked to the question first, then the rest."""
        linked: list[int] = []
        if question_id is not None:
            try:
                linked = list(self.bank.questions.get(question_id).story_ids)
            except Exception:
                linked = []
        stories = self.bank.stories.list()
        stories.sort(key=lambda s: (s.id not in linked, (s.title or "").casefold()))
        self.combo_story.blockSignals(True)
        self.combo_story.clear()
        for story in stories:
            mark = LINKED_MARK if story.id in linked else ""
            self.combo_story.addItem(f"{mark}{story.title or 'Untitled'}", story.id)
        if question_id is not None:
            self.combo_story.addItem(NO_STORY, None)
        if improvise and question_id is not None:
            index = self.combo_story.count() - 1
        else:
            index = self.combo_story.findData(story_id) if story_id is not None else 0
        self.combo_story.setCurrentIndex(max(0, index) if self.combo_story.count() else -1)
        self.combo_story.blockSignals(False)
        self.story_changed.emit(self.story_id())

    def story_id(self) -> int | None:
        return self.combo_story.currentData()

    def can_start(self) -> bool:
        return self.combo_story.currentIndex() >= 0

    def mode(self) -> str:
        return self.combo_mode.currentData() or "full"

    def set_mode(self, mode: str) -> None:
        self.combo_mode.setCurrentIndex(max(0, self.combo_mode.findData(mode)))

    def wants_recording(self) -> bool:
        return self.recorder.available and self.check_record.isChecked()

    def set_running(self, running: bool) -> None:
        self.combo_story.setEnabled(not running)
        self.check_record.setEnabled(self.recorder.available and not running)
        self.btn_cues.setEnabled(not running)

    # ---- actions -------------------------------------------------------------------------------
    def edit_cue_cards(self) -> None:
        story_id = self.story_id()
        if story_id is None:
            return
        story = self.bank.stories.get(story_id)
        cards, accepted = CueCardDialog.edit(story, self)
        if accepted:
            self.bank.stories.update(story_id, cue_cards=cards)
            self.cue_cards_changed.emit()

    def _sound_toggled(self, on: bool) -> None:
        self.chime.enabled = on
        try:
            self.bank.settings.update(rehearsal_sound=on)
        except ValueError as exc:  # other settings out of range: the switch still works for this window
            log.info("Could not keep the sound setting: %s", exc)
