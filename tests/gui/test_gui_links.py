"""Questions this story answers: link through the picker, write a note, remove."""

from __future__ import annotations

from storybook.gui.questions.question_picker import QuestionPickerDialog


def test_link_a_question_through_the_picker(qtbot, make_window, bank, monkeypatch) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    story_id = window.workspace.current_story_id
    panel = window.workspace.links_panel
    assert panel.stack.is_empty
    question = bank.questions.list(competency="leadership")[0]
    seen = {}

    def fake_pick(cls, parent, questions, names, exclude=None, **_kw):  # noqa: ANN001, ANN202
        seen["count"], seen["exclude"] = len(questions), set(exclude or ())
        return (question.id, "The reorg angle"), True

    monkeypatch.setattr(QuestionPickerDialog, "pick", classmethod(fake_pick))
    panel.btn_add.click()
    record = bank.stories.get(story_id)
    assert [(q.question_id, q.note) for q in record.questions] == [(question.id, "The reorg angle")]
    assert [row.question_id for row in panel.rows] == [question.id]
    assert panel.rows[0].lbl_text.text() == question.text
    assert not panel.stack.is_empty
    assert seen["count"] == len(bank.questions.list())
    panel.btn_add.click()  # a second pick must not offer the linked question again
    assert seen["exclude"] == {question.id}


def test_cancelled_picker_changes_nothing(make_window, sample_bank, monkeypatch) -> None:
    window = make_window(sample_bank)
    story_id = window.workspace.current_story_id
    before = sample_bank.stories.get(story_id).questions
    monkeypatch.setattr(QuestionPickerDialog, "pick", classmethod(lambda cls, *a, **k: (None, False)))
    window.workspace.links_panel.btn_add.click()
    assert sample_bank.stories.get(story_id).questions == before


def test_note_edits_are_saved_and_remove_unlinks(qtbot, window) -> None:
    workspace = window.workspace
    story_id = workspace.current_story_id
    panel = workspace.links_panel
    row = panel.rows[0]
    qid = row.question_id
    row.edit_note.selectAll()
    qtbot.keyClicks(row.edit_note, "A sharper angle")
    qtbot.waitUntil(lambda: not panel.has_pending(), timeout=3000)
    note = next(q.note for q in window.bank.stories.get(story_id).questions if q.question_id == qid)
    assert note == "A sharper angle"
    count = len(panel.rows)
    row.btn_remove.click()
    assert qid not in {q.question_id for q in window.bank.stories.get(story_id).questions}
    assert len(panel.rows) == count - 1


def test_picker_searches_and_returns_the_choice(qtbot, sample_bank) -> None:
    questions = sample_bank.questions.list()
    names = sample_bank.questions.competency_names()
    dialog = QuestionPickerDialog(questions, names, exclude={questions[0].id})
    qtbot.addWidget(dialog)
    assert dialog.proxy.rowCount() == len(questions) - 1
    qtbot.keyClicks(dialog.edit_search, "deadline missed")
    assert 0 < dialog.proxy.rowCount() < 5
    assert "deadline" in dialog.selected().text.lower()
    qtbot.keyClicks(dialog.edit_search, " qqqqq")
    assert dialog.proxy.rowCount() == 0
    assert dialog.stack.is_empty
    assert not dialog.buttons.buttons()[0].isEnabled() or dialog.selected() is None
