"""Start from a question in the app: write a story from the question bank, the drill and a gap; prompts beside
the editor; Draft a short version (one undo step, a draft banner, never over the user's own text)."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from storybook.bank import StoryBank
from storybook.gui.dialogs.confirm import MessageDialog

FEATURES = frozenset({"start_question"})
WAIT_MS = 20_000
STORY = {
    "title": "Cutting the nightly build",
    "situation": "Our nightly build took three hours and often failed. Nobody trusted it any more.",
    "task": "I owned the build system and had to make it fast and reliable.",
    "action": ("I profiled every stage and found that tests ran one after another. I decided to split the tests "
               "into eight parallel shards. I replaced the shared database with one container per shard. "
               "I wrote a dashboard that showed each shard's time. I asked the teams to fix their slowest tests."),
    "result": "The build fell from 3 hours to 40 minutes, and failures dropped by 75%.",
}


@pytest.fixture
def win(make_window, bank: StoryBank):  # noqa: ANN001, ANN201
    window = make_window(bank, FEATURES)
    yield window
    window.ctx.pool.waitForDone(10_000)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(MessageDialog, "show", classmethod(lambda cls, parent, title, text, error=True:
                                                           (shown.append(f"{title}: {text}"), (None, True))[1]))
    return shown


def _question(bank: StoryBank):  # noqa: ANN202
    return next(q for q in bank.questions.list() if len(q.competencies) >= 2 and len(q.key_points) >= 2)


def _texts(win) -> str:  # noqa: ANN001
    return " ".join(str(v) for v in win.workspace.editor.values().values())


def test_write_a_story_from_the_question_bank(qtbot, win) -> None:  # noqa: ANN001
    question = _question(win.bank)
    win.show_tab("questions")
    view = win.questions
    assert view.select_question(question.id)
    qtbot.mouseClick(view.btn_write, Qt.MouseButton.LeftButton)
    story_id = win.workspace.current_story_id
    assert win.current_tab() == "stories"
    record = win.bank.stories.get(story_id)
    assert [q.question_id for q in record.questions] == [question.id]
    assert record.competencies == sorted(question.competencies)
    assert sorted(win.workspace.editor.chips_competencies.values()) == record.competencies
    qtbot.waitUntil(lambda: win.workspace.editor.edit_title.hasFocus(), timeout=WAIT_MS)
    prompts = win.start_question.prompts
    qtbot.waitUntil(prompts.isVisible, timeout=WAIT_MS)
    assert question.text[:30] in prompts.btn_toggle.text() or prompts.btn_toggle.toolTip() == question.text
    shown = prompts.lbl_points.text()
    assert all(html.escape(point) in shown for point in question.key_points)
    assert not any(point in _texts(win) for point in question.key_points)  # prompts, never text
    qtbot.keyClicks(win.workspace.editor.edit_title, "My new story")
    assert win.workspace.flush()
    assert win.bank.stories.get(story_id).title == "My new story"
    assert not any(p in win.bank.stories.get(story_id).action for p in question.key_points)


def test_the_prompts_fold_and_pick_among_linked_questions(qtbot, win) -> None:  # noqa: ANN001
    first, second = [q for q in win.bank.questions.list() if q.key_points][:2]
    story_id = win.start_question.write_story_for(first.id)
    win.bank.stories.link_question(story_id, second.id)
    prompts = win.start_question.prompts
    qtbot.waitUntil(lambda: prompts.combo_question.count() == 2, timeout=WAIT_MS)
    assert prompts.combo_question.isVisible()
    prompts.combo_question.setCurrentIndex(1)
    assert second.key_points[0][:20] in prompts.lbl_points.text()
    height = prompts.height()
    qtbot.mouseClick(prompts.btn_toggle, Qt.MouseButton.LeftButton)
    assert not prompts.body.isVisible()
    qtbot.waitUntil(lambda: prompts.height() < height, timeout=WAIT_MS)
    qtbot.mouseClick(prompts.btn_toggle, Qt.MouseButton.LeftButton)
    assert prompts.body.isVisible()


def test_covered_key_points_are_ticked(qtbot, win) -> None:  # noqa: ANN001
    from storybook.analysis.keypoints import KeyPointCoverage

    question = _question(win.bank)
    win.start_question.write_story_for(question.id)
    prompts = win.start_question.prompts
    qtbot.waitUntil(lambda: prompts.current_question_id() == question.id, timeout=WAIT_MS)
    point = question.key_points[0]
    prompts.set_coverage({question.id: [KeyPointCoverage(point, point, True, "I did it.", "action")]})
    assert "1 of" in prompts.lbl_points.text()
    assert prompts.covered_points() == [point]


def test_a_story_without_linked_questions_shows_no_prompts(qtbot, win) -> None:  # noqa: ANN001
    win.start_question.write_story_for(_question(win.bank).id)
    qtbot.waitUntil(win.start_question.prompts.isVisible, timeout=WAIT_MS)
    record = win.bank.stories.create(**STORY)
    win.workspace.reload(select_id=record.id)
    win.open_story(record.id)
    assert win.workspace.current_story_id == record.id
    qtbot.waitUntil(lambda: not win.start_question.prompts.isVisible(), timeout=WAIT_MS)


def test_write_a_story_from_a_coverage_gap(qtbot, win) -> None:  # noqa: ANN001
    win.show_tab("grid")
    grid = win.grid
    grid.refresh()
    rows = [grid.list_gaps.item(r) for r in range(grid.list_gaps.count())]
    gap = next(i for i in rows if (i.data(Qt.ItemDataRole.UserRole) or ("",))[0] == "questions")
    grid.list_gaps.setCurrentItem(gap)
    assert grid.btn_write_gap.isEnabled()
    question_id = gap.data(Qt.ItemDataRole.UserRole)[1]  # read first: the new story refills the gaps list
    qtbot.mouseClick(grid.btn_write_gap, Qt.MouseButton.LeftButton)
    assert win.current_tab() == "stories"
    record = win.bank.stories.get(win.workspace.current_story_id)
    assert [q.question_id for q in record.questions] == [question_id]
    win.show_tab("grid")
    rows = [grid.list_gaps.item(r) for r in range(grid.list_gaps.count())]
    comp = next(i for i in rows if (i.data(Qt.ItemDataRole.UserRole) or ("",))[0] == "competencies")
    key = comp.data(Qt.ItemDataRole.UserRole)[1]
    grid.list_gaps.setCurrentItem(comp)
    grid.write_story_for_gap()
    assert key in win.bank.stories.get(win.workspace.current_story_id).competencies


def test_write_a_story_from_the_drill(qtbot, make_window, bank: StoryBank) -> None:  # noqa: ANN001
    window = make_window(bank, frozenset({"start_question", "rehearsal"}))
    drill = window.rehearsal.drill()
    qtbot.addWidget(drill)
    question = drill.question
    qtbot.mouseClick(drill.btn_write, Qt.MouseButton.LeftButton)
    record = window.bank.stories.get(window.workspace.current_story_id)
    assert [q.question_id for q in record.questions] == [question.id]
    assert window.current_tab() == "stories"
    drill.close()


def _open(win, **fields) -> int:  # noqa: ANN001, ANN003
    record = win.bank.stories.create(**{**STORY, **fields})
    win.workspace.reload(select_id=record.id)
    win.open_story(record.id)
    return record.id


def _draft(qtbot, win) -> None:  # noqa: ANN001
    win.actions["draft_short"].trigger()
    assert win.start_question.short_draft.busy
    qtbot.waitUntil(lambda: not win.start_question.short_draft.busy, timeout=WAIT_MS)


def test_draft_a_short_version_marks_it_and_saves_it(qtbot, win, dialogs) -> None:  # noqa: ANN001
    story_id = _open(win)
    controls = win.start_question.short_draft
    assert not controls.is_draft_marked()
    _draft(qtbot, win)
    text = win.workspace.editor.short_version.text()
    assert text.startswith("Our nightly build took three hours and often failed.")
    assert "40 minutes" in text
    assert controls.is_draft_marked()
    assert controls.lbl_banner.text().startswith("Drafted from your story")
    assert win.workspace.flush()
    assert win.bank.stories.get(story_id).short_version == text
    assert dialogs == []


def test_the_draft_is_one_undo_step(qtbot, win, dialogs) -> None:  # noqa: ANN001
    _open(win)
    _draft(qtbot, win)
    edit = win.workspace.editor.short_version.edit
    assert "40 minutes" in edit.toPlainText()
    edit.setFocus()
    qtbot.keySequence(edit, QKeySequence(QKeySequence.StandardKey.Undo))
    assert edit.toPlainText() == ""
    assert not win.start_question.short_draft.is_draft_marked()


def test_an_edited_short_version_is_never_overwritten(qtbot, win, dialogs) -> None:  # noqa: ANN001
    story_id = _open(win)
    _draft(qtbot, win)
    edit = win.workspace.editor.short_version.edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " And I would do it again.")
    assert not win.start_question.short_draft.is_draft_marked()
    mine = edit.toPlainText()
    _draft(qtbot, win)
    assert edit.toPlainText() == mine
    assert dialogs
    assert "not replaced" in dialogs[-1]
    assert win.workspace.flush()
    assert win.bank.stories.get(story_id).short_version == mine


def test_an_untouched_draft_can_be_redrafted(qtbot, win, dialogs) -> None:  # noqa: ANN001
    _open(win)
    _draft(qtbot, win)
    editor = win.workspace.editor
    editor.sections["result"].edit.setPlainText(STORY["result"] + " Releases went from 1 a month to 8.")
    _draft(qtbot, win)
    assert "8." in editor.short_version.text()
    assert dialogs == []


def test_a_handwritten_short_version_is_kept(qtbot, win, dialogs) -> None:  # noqa: ANN001
    _open(win, short_version="My own minute, in my words. 🙂 شكرا")
    _draft(qtbot, win)
    assert win.workspace.editor.short_version.text() == "My own minute, in my words. 🙂 شكرا"
    assert "Short version kept" in dialogs[-1]


def test_an_empty_story_says_there_is_nothing_to_draft(qtbot, win, dialogs) -> None:  # noqa: ANN001
    _open(win, situation="", task="", action="", result="")
    _draft(qtbot, win)
    assert win.workspace.editor.short_version.text() == ""
    assert "Nothing to draft from" in dialogs[-1]
