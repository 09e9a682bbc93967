"""GUI: the STAR editor: title, status, the four sections, reflection, short version, chips and the total."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.stories.section_editor import GrowingPlainTextEdit, SectionEditor
from storybook.gui.widgets.chips import ChipBox
from storybook.gui.widgets.clean_inputs import CleanLineEdit
from storybook.model.measures import Length, LengthBand, format_seconds, length_verdict
from storybook.model.values import SECTIONS, Settings, StoryRecord

MAX_TITLE_CHARS = 300
PLACEHOLDERS = {
    "situation": "Where and when? Set the scene in two or three sentences.",
    "task": "What was your job or the challenge you owned?",
    "action": "What did you do, step by step? Say “I”, not “we”.",
    "result": "What changed? Give numbers: percent, money, time saved, counts.",
    "reflection": "What did you learn, and what would you do differently?",
    "short_version": "A 60-second version to say when time is short.",
}
SECTION_LINES = {"situation": 3, "task": 3, "action": 6, "result": 3}
ZONE_STYLES = {
    Length.ON_TARGET: "background: #2e7d32; color: white;",
    Length.SHORT: "background: #f6c343; color: #1a1a1a;",
    Length.OVER: "background: #c62828; color: white;",
    Length.EMPTY: "",
}


class TitleEdit(CleanLineEdit):
    """GUI: the title field; a paste keeps one clean line and stays a single undo step."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent, max_chars=MAX_TITLE_CHARS)


class StarEditor(QWidget):
    """GUI: edits one story; emits ``edited`` on every keystroke and ``links_changed`` for chips and status."""

    edited = Signal()
    links_changed = Signal()
    notice = Signal(str)  # a pasted text was cleaned or shortened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._settings = Settings()
        self._pace_source = "default"
        self.sections: dict[str, SectionEditor] = {}
        self._build_header()
        self._build_body()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._header)
        layout.addWidget(self.scroll, 1)
        self._connect()
        self.apply_settings(Settings(), "default")

    # ---- building ---------------------------------------------------------------------
    def _build_header(self) -> None:
        self._header = QWidget()
        self.edit_title = TitleEdit()
        self.edit_title.setPlaceholderText("Story title, e.g. “Cutting the nightly build from 3 hours to 40 minutes”")
        self.edit_title.setAccessibleName("Title")
        font = QFont(self.edit_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.edit_title.setFont(font)
        self.combo_status = QComboBox()
        self.combo_status.addItem("Draft", "draft")
        self.combo_status.addItem("Ready", "ready")
        self.combo_status.setAccessibleName("Status")
        self.combo_status.setToolTip("Mark a story ready once it is complete and rehearsed")
        self.lbl_total = QLabel()
        self.lbl_total.setTextFormat(Qt.TextFormat.PlainText)
        self.lbl_total.setWordWrap(True)  # wraps instead of forcing a wide window at large font sizes
        self.lbl_zone = QLabel()
        self.lbl_zone.setContentsMargins(6, 1, 6, 1)
        row = QHBoxLayout()
        row.addWidget(self.edit_title, 1)
        row.addWidget(QLabel("Status:"))
        row.addWidget(self.combo_status)
        total = QHBoxLayout()
        total.addWidget(self.lbl_zone, 0, Qt.AlignmentFlag.AlignVCenter)
        total.addWidget(self.lbl_total, 1)
        layout = QVBoxLayout(self._header)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(row)
        layout.addLayout(total)

    def _build_body(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(10)
        for key in SECTIONS:
            editor = SectionEditor(key, key.capitalize(), PLACEHOLDERS[key], SECTION_LINES[key])
            self.sections[key] = editor
            layout.addWidget(editor)
        layout.addWidget(_separator())
        self.reflection = SectionEditor("reflection", "Reflection — what I learned", PLACEHOLDERS["reflection"], 2)
        self.short_version = SectionEditor("short_version", "Short spoken version", PLACEHOLDERS["short_version"], 2)
        layout.addWidget(self.reflection)
        layout.addWidget(self.short_version)
        self.chips_competencies = ChipBox("competency", allow_new=False)
        self.chips_tags = ChipBox("tag", allow_new=True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # chips go below their label when narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Competencies:", self.chips_competencies)
        form.addRow("Tags:", self.chips_tags)
        layout.addLayout(form)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the fields
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

    def _connect(self) -> None:
        self.edit_title.textEdited.connect(self._on_edit)
        self.edit_title.notice.connect(self.notice)
        for editor in self.text_editors():
            editor.text_changed.connect(self._on_edit)
            editor.edit.notice.connect(self.notice)
        self.combo_status.activated.connect(lambda _i: self._on_links())
        self.chips_competencies.changed.connect(lambda _v: self._on_links())
        self.chips_tags.changed.connect(lambda _v: self._on_links())

    # ---- public API -------------------------------------------------------------------
    def text_editors(self) -> list[SectionEditor]:
        return [*self.sections.values(), self.reflection, self.short_version]

    def section_edit(self, section: str) -> GrowingPlainTextEdit:
        """The QPlainTextEdit of a STAR section (or reflection / short_version)."""
        if section in self.sections:
            return self.sections[section].edit
        return {"reflection": self.reflection, "short_version": self.short_version}[section].edit

    def set_options(self, competencies: dict[str, str], tags: list[str]) -> None:
        self.chips_competencies.set_options(competencies)
        self.chips_tags.set_options({t: t for t in tags})

    def apply_settings(self, settings: Settings, pace_source: str) -> None:
        self._settings, self._pace_source = settings, pace_source
        for key, editor in self.sections.items():
            share = settings.section_share(key)
            budget = settings.target_seconds * share
            editor.set_pace(settings.pace_wpm, budget, f"{round(share * 100)}% ≈ {format_seconds(budget)}")
        self.reflection.set_pace(settings.pace_wpm)
        self.short_version.set_pace(settings.pace_wpm, settings.short_seconds,
                                    f"aim for {format_seconds(settings.short_seconds)}")
        self.refresh_total()

    def load(self, record: StoryRecord) -> None:
        """Show ``record``; loading never emits ``edited`` and starts a fresh undo history."""
        self._loading = True
        try:
            self.edit_title.setText(record.title)
            self.edit_title.setCursorPosition(0)  # show the start of a long title, not its end
            for key, editor in self.sections.items():
                editor.set_text(record.section_text(key))
            self.reflection.set_text(record.reflection)
            self.short_version.set_text(record.short_version)
            self.combo_status.setCurrentIndex(max(0, self.combo_status.findData(record.status)))
            self.chips_competencies.set_values(record.competencies)
            self.chips_tags.set_values(record.tags)
        finally:
            self._loading = False
        self.refresh_total()

    def values(self) -> dict[str, Any]:
        """The fields to hand to ``bank.stories.update``."""
        data: dict[str, Any] = {"title": self.edit_title.text()}
        data.update({key: editor.text() for key, editor in self.sections.items()})
        data.update(reflection=self.reflection.text(), short_version=self.short_version.text())
        data.update(status=self.combo_status.currentData(), competencies=self.chips_competencies.values(),
                    tags=self.chips_tags.values())
        return data

    def total_words(self) -> int:
        return sum(editor.words() for editor in self.sections.values())

    def refresh_total(self) -> None:
        s = self._settings
        words = self.total_words()
        band = replace(LengthBand.from_settings(s), pace_source=self._pace_source)
        verdict = length_verdict(words, band)
        pace = f"{band.pace_wpm:g} wpm" + (", your measured pace" if band.pace_source == "measured" else "")
        self.lbl_total.setText(
            f"Total {words} words · {format_seconds(verdict.seconds)} spoken ({pace}) · "
            f"target {format_seconds(s.target_seconds)} · limit {format_seconds(s.limit_seconds)}"
        )
        self.lbl_zone.setText("nothing written yet" if verdict.kind is Length.EMPTY else verdict.label)
        self.lbl_zone.setToolTip(verdict.sentence())
        self.lbl_zone.setStyleSheet(f"QLabel {{ {ZONE_STYLES[verdict.kind]} border-radius: 4px; }}")

    # ---- internals --------------------------------------------------------------------
    def _on_edit(self, *_: object) -> None:
        if self._loading:
            return
        self.refresh_total()
        self.edited.emit()

    def _on_links(self) -> None:
        if not self._loading:
            self.links_changed.emit()


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
