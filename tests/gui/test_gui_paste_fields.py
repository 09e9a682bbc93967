"""Pasting into one-line and dialog fields: control characters and line breaks are cleaned, and the user is told."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from storybook.bank import StoryBank
from storybook.gui.questions.question_edit import QuestionEditDialog
from storybook.gui.questions.question_picker import QuestionPickerDialog
from storybook.gui.widgets.text_clean import one_line, strip_controls

DIRTY = "Scaled\x07 the\x1b team\ttwice\nacross two sites"
CLEAN_LINE = "Scaled the team twice across two sites"


def _paste(qtbot, widget, text: str) -> None:  # noqa: ANN001
    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(("text", "expected", "removed"), [
    ("plain", "plain", 0),
    (DIRTY, CLEAN_LINE, 2),
    ("a\r\nb\x00c\x7f", "a bc", 2),
    ("עברית 🚀", "עברית 🚀", 0),
])
def test_one_line_cleaning(text: str, expected: str, removed: int) -> None:
    assert one_line(text) == (expected, removed)
    assert strip_controls(text)[1] == removed


def test_the_picker_note_is_cleaned_on_paste_and_saved_clean(qtbot, window, monkeypatch) -> None:
    story_id = window.workspace.current_story_id
    seen: dict[str, str] = {}

    def run(dialog: QuestionPickerDialog) -> int:
        dialog.list_questions.setCurrentIndex(dialog.proxy.index(0, 0))
        _paste(qtbot, dialog.edit_note, DIRTY)
        seen["field"] = dialog.edit_note.text()
        seen["notice"] = dialog.lbl_notice.text() if not dialog.lbl_notice.isHidden() else ""
        seen["question"] = dialog.selected().id
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuestionPickerDialog, "exec", run)
    window.workspace.links_panel.btn_add.click()
    assert seen["field"] == CLEAN_LINE
    assert "Removed 2 invisible control characters" in seen["notice"]
    fresh = StoryBank.open(Path(window.ctx.db_path))
    try:
        notes = {q.question_id: q.note for q in fresh.stories.get(story_id).questions}
    finally:
        fresh.close()
    assert notes[seen["question"]] == CLEAN_LINE


def test_the_question_dialog_cleans_pasted_text(qtbot, sample_bank) -> None:
    dialog = QuestionEditDialog(sample_bank.questions.competencies())
    qtbot.addWidget(dialog)
    _paste(qtbot, dialog.edit_text, "Tell me about a time\x08 you\nfailed.")
    _paste(qtbot, dialog.edit_points, "Owns it\x1b\nLearns")
    assert not dialog.lbl_notice.isHidden()
    assert "Removed 1 invisible control character" in dialog.lbl_notice.text()
    fields = dialog.fields()
    assert fields["text"] == "Tell me about a time you failed."
    assert fields["key_points"] == ["Owns it", "Learns"]


def test_target_fields_clean_pasted_text(qtbot) -> None:
    from storybook.gui.targets.target_editor import TargetEditor

    editor = TargetEditor()
    qtbot.addWidget(editor)
    editor.show()
    changes: list[bool] = []
    editor.changed.connect(lambda: changes.append(True))
    _paste(qtbot, editor.edit_company, "Northwind\x07\nAnalytics")
    _paste(qtbot, editor.edits_ask[0], DIRTY)
    _paste(qtbot, editor.combo_question.lineEdit(), "Why\x1b us?\n")
    _paste(qtbot, editor.edit_notes, "Panel\x00 of three\nBring a laptop")
    values = editor.values()
    assert values["company"] == "Northwind Analytics"
    assert values["questions_to_ask"] == [CLEAN_LINE]
    assert editor.combo_question.currentText() == "Why us?"
    assert values["notes"] == "Panel of three\nBring a laptop"
    assert changes
    assert editor.label_notice.isVisible()
    assert "invisible control character" in editor.label_notice.text()
