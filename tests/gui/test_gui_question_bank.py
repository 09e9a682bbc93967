"""Question bank view: browse by competency, search, details with linked stories, add, hide and unhide."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from storybook.gui.questions.question_edit import QuestionEditDialog
from storybook.gui.questions.question_model import QuestionRoles


def _view(window):  # noqa: ANN001, ANN202
    window.show_tab("questions")
    return window.questions


def test_browse_by_competency_and_search(qtbot, window) -> None:
    view = _view(window)
    visible = window.bank.questions.list()
    assert view.proxy.rowCount() == len(visible)
    assert view.list_competencies.item(0).text() == f"All questions ({len(visible)})"
    for row in range(view.list_competencies.count()):
        if view.list_competencies.item(row).data(Qt.ItemDataRole.UserRole) == "conflict":
            view.list_competencies.setCurrentRow(row)
    assert view.proxy.rowCount() == len(window.bank.questions.list(competency="conflict"))
    qtbot.keyClicks(view.edit_search, "manager")
    expected = {q.id for q in window.bank.questions.list(competency="conflict") if "manager" in
                (q.text + " " + q.assesses + " " + " ".join(q.key_points)).lower()}
    assert {view.proxy.index(r, 0).data(QuestionRoles.ID) for r in range(view.proxy.rowCount())} == expected
    qtbot.keyClicks(view.edit_search, " xyzzy")
    assert view.table_stack.is_empty


def test_details_show_assesses_key_points_and_linked_stories(qtbot, window) -> None:
    view = _view(window)
    question = next(q for q in window.bank.questions.list() if q.story_ids)
    assert view.select_question(question.id)
    text = view.browser.toPlainText()
    assert question.text in text
    assert question.assesses in text
    assert all(point in text for point in question.key_points)
    story = window.bank.stories.get(question.story_ids[0])
    assert story.title in text


def test_linked_story_link_opens_the_story(window) -> None:
    view = _view(window)
    question = next(q for q in window.bank.questions.list() if q.story_ids)
    view.select_question(question.id)
    view.browser.anchorClicked.emit(QUrl(f"story:{question.story_ids[0]}"))
    assert window.current_tab() == "stories"
    assert window.workspace.current_story_id == question.story_ids[0]


def test_add_a_custom_question(window, monkeypatch) -> None:
    view = _view(window)
    fields = {"text": "Tell me about a time you changed a team's habit.", "assesses": "Influence",
              "key_points": ["the habit", "how you persuaded"], "competencies": ["influence"]}
    monkeypatch.setattr(QuestionEditDialog, "get_question", classmethod(lambda cls, *a: (dict(fields), True)))
    before = len(window.bank.questions.list())
    view.btn_add.click()
    added = [q for q in window.bank.questions.list() if q.text == fields["text"]]
    assert len(window.bank.questions.list()) == before + 1
    assert added
    assert not added[0].builtin
    assert added[0].competencies == ["influence"]
    assert view.selected().id == added[0].id
    assert "Your question" in view.browser.toPlainText()


def test_question_dialog_requires_text(qtbot, sample_bank) -> None:
    dialog = QuestionEditDialog(sample_bank.questions.competencies())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    assert dialog.lbl_error.text() == "Write the question first."
    dialog.edit_text.setPlainText("  Describe   a hard call.  ")
    dialog.edit_points.setPlainText("one\n\n two ")
    dialog.list_competencies.item(0).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    fields = dialog.fields()
    assert fields["text"] == "Describe a hard call."
    assert fields["key_points"] == ["one", "two"]
    assert len(fields["competencies"]) == 1


def test_hide_and_unhide_a_builtin_question(window) -> None:
    view = _view(window)
    question = window.bank.questions.list()[0]
    view.select_question(question.id)
    assert view.btn_hide.text() == "Hide question"
    view.btn_hide.click()
    assert question.id not in {q.id for q in window.bank.questions.list()}
    assert view.check_hidden.isChecked()
    assert view.selected().id == question.id
    assert view.selected().hidden
    assert view.btn_hide.text() == "Show question again"
    view.btn_hide.click()
    assert question.id in {q.id for q in window.bank.questions.list()}
    view.check_hidden.setChecked(False)
    assert view.proxy.rowCount() == len(window.bank.questions.list())
