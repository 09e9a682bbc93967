"""GUI: the settings dialog (pace, target and limit, STAR split, name, page size, plan hours)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.dialogs.spelling_group import SpellingGroup
from storybook.gui.widgets.clean_inputs import CleanLineEdit
from storybook.model.measures import format_seconds
from storybook.model.values import SECTIONS, Settings

MAX_NAME_CHARS = 120


def _seconds_box(value: int, low: int = 10, high: int = 1200) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSingleStep(5)
    box.setSuffix(" s")
    box.setValue(value)
    return box


class SettingsDialog(QDialog):
    """GUI: edits a copy of Settings; OK stays disabled while the values make no sense."""

    def __init__(self, settings: Settings, pace_note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._original = settings
        self._build_speaking(settings, pace_note)
        self._build_split(settings)
        self._build_dossier(settings)
        self.group_writing = SpellingGroup(settings.spelling_language)
        self.lbl_error = QLabel()
        self.lbl_error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for group in (self.group_speaking, self.group_split, self.group_dossier):
            layout.addWidget(group)
        layout.addWidget(self.group_writing)
        layout.addWidget(self.lbl_error)
        layout.addWidget(self.buttons)
        self._validate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_wrapped_labels)

    def _fit_wrapped_labels(self) -> None:
        """QFormLayout guesses the height of a wrapped label before it knows its width, which clips the
        first line at large scale factors: once laid out, give each one the height its width needs."""
        grew = False
        for label in self.findChildren(QLabel):
            if label.wordWrap() and label.text() and label.isVisible():
                needed = label.heightForWidth(label.width())
                if needed > label.height():
                    label.setMinimumHeight(needed)
                    grew = True
        if grew:
            self.resize(self.width(), max(self.height(), self.minimumSizeHint().height()))

    def _build_speaking(self, s: Settings, pace_note: str) -> None:
        self.group_speaking = QGroupBox("Speaking")
        self.spin_pace = QDoubleSpinBox()
        self.spin_pace.setRange(60, 300)
        self.spin_pace.setDecimals(0)
        self.spin_pace.setSuffix(" words per minute")
        self.spin_pace.setValue(s.pace_wpm)
        self.check_measured = QCheckBox("Use my measured pace once I have rehearsed with recordings")
        self.check_measured.setChecked(s.use_measured_pace)
        self.spin_target = _seconds_box(s.target_seconds)
        self.spin_limit = _seconds_box(s.limit_seconds)
        self.spin_short = _seconds_box(s.short_seconds)
        self.check_sound = QCheckBox("Soft sound when the rehearsal clock passes the target and the limit")
        self.check_sound.setChecked(s.rehearsal_sound)
        self.lbl_times = QLabel()
        form = QFormLayout(self.group_speaking)
        form.addRow("Pace:", self.spin_pace)
        if pace_note:
            note = QLabel(pace_note)
            note.setWordWrap(True)
            form.addRow("", note)
        form.addRow("", self.check_measured)
        form.addRow("Target length:", self.spin_target)
        form.addRow("Limit:", self.spin_limit)
        form.addRow("Short version:", self.spin_short)
        form.addRow("", self.lbl_times)
        form.addRow("", self.check_sound)
        for box in (self.spin_target, self.spin_limit, self.spin_short):
            box.valueChanged.connect(self._validate)

    def _build_split(self, s: Settings) -> None:
        self.group_split = QGroupBox("STAR time split (percent of the target)")
        row = QHBoxLayout(self.group_split)
        self.spin_split: dict[str, QSpinBox] = {}
        for key, share in zip(SECTIONS, s.split, strict=True):
            box = QSpinBox()
            box.setRange(0, 100)
            box.setSuffix(" %")
            box.setValue(int(share))
            box.setAccessibleName(f"{key.capitalize()} share")
            box.valueChanged.connect(self._validate)
            label = QLabel(f"{key.capitalize()}:")
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
            self.spin_split[key] = box
        self.lbl_sum = QLabel()
        row.addWidget(self.lbl_sum)
        row.addStretch(1)

    def _build_dossier(self, s: Settings) -> None:
        self.group_dossier = QGroupBox("Dossier")
        self.edit_name = CleanLineEdit(s.user_name)
        self.edit_name.setMaxLength(MAX_NAME_CHARS)
        self.edit_name.setPlaceholderText("Shown on the dossier cover")
        self.combo_page = QComboBox()
        self.combo_page.addItems(["A4", "Letter"])
        self.combo_page.setCurrentText(s.page_size if s.page_size in ("A4", "Letter") else "A4")
        form = QFormLayout(self.group_dossier)
        form.addRow("Stories to prepare:", self._build_story_goal(s))
        form.addRow("Your name:", self.edit_name)
        form.addRow("Page size:", self.combo_page)
        self.spin_plan: dict[str, QDoubleSpinBox] = {}
        for area, hours in s.plan_hours.items():
            box = QDoubleSpinBox()
            box.setRange(0, 40)
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setSuffix(" h")
            box.setValue(float(hours))
            form.addRow(f"Plan — {area}:", box)
            self.spin_plan[area] = box

    def _build_story_goal(self, s: Settings) -> QHBoxLayout:
        """How many ready stories to aim for (the reference text says 5 to 7)."""
        self.spin_stories_min, self.spin_stories_max = QSpinBox(), QSpinBox()
        row = QHBoxLayout()
        for box, value in ((self.spin_stories_min, s.stories_min), (self.spin_stories_max, s.stories_max)):
            box.setRange(1, 50)
            box.setValue(value)
            box.valueChanged.connect(self._validate)
        row.addWidget(self.spin_stories_min)
        row.addWidget(QLabel("to"))
        row.addWidget(self.spin_stories_max)
        row.addStretch(1)
        return row

    def problem(self) -> str:
        """What is wrong with the values, or an empty string."""
        total = sum(box.value() for box in self.spin_split.values())
        if total != 100:
            return f"The four shares add up to {total}%; they must add up to 100%."
        if self.spin_target.value() >= self.spin_limit.value():
            return "The target must be shorter than the limit."
        if self.spin_stories_min.value() > self.spin_stories_max.value():
            return "The fewest stories to prepare must not be more than the most."
        return ""

    def _validate(self, *_: object) -> None:
        total = sum(box.value() for box in self.spin_split.values())
        self.lbl_sum.setText(f"= {total}%")
        self.lbl_times.setText(f"Target {format_seconds(self.spin_target.value())}, "
                               f"limit {format_seconds(self.spin_limit.value())}, "
                               f"short version {format_seconds(self.spin_short.value())}")
        problem = self.problem()
        self.lbl_error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def settings(self) -> Settings:
        return replace(
            self._original,
            pace_wpm=float(self.spin_pace.value()),
            use_measured_pace=self.check_measured.isChecked(),
            target_seconds=self.spin_target.value(),
            limit_seconds=self.spin_limit.value(),
            short_seconds=self.spin_short.value(),
            stories_min=self.spin_stories_min.value(),
            stories_max=self.spin_stories_max.value(),
            split=tuple(self.spin_split[k].value() for k in SECTIONS),
            user_name=" ".join(self.edit_name.text().split()),
            page_size=self.combo_page.currentText(),
            rehearsal_sound=self.check_sound.isChecked(),
            plan_hours={area: box.value() for area, box in self.spin_plan.items()},
            spelling_language=self.group_writing.language(),
        )

    @classmethod
    def get_settings(cls, parent: QWidget | None, settings: Settings,
                     pace_note: str = "") -> tuple[Settings | None, bool]:
        dialog = cls(settings, pace_note, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.settings(), True
