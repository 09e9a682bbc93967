"""Story → History… in the app: compare versions, restore one, see it in the editor at once, undo it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette

from storybook.bank import StoryBank, StoryFilter
from storybook.gui.dialogs.confirm import ConfirmDialog
from storybook.gui.stories.history_dialog import CURRENT, StoryHistoryDialog
from storybook.gui.stories.history_view import DiffColors, compare_stories, diff_html
from storybook.model.values import StoryRecord


def _open_first(window) -> int:  # noqa: ANN001
    story_id = window.bank.stories.list(StoryFilter(sort="title"))[0].id
    window.open_story(story_id)
    return story_id


def _type_action(qtbot, window, text: str) -> None:  # noqa: ANN001
    edit = window.workspace.editor.sections["action"].edit
    edit.setPlainText(text)
    assert window.workspace.flush()


def test_menu_entry_and_shortcut(make_window, sample_bank) -> None:  # noqa: ANN001
    window = make_window(sample_bank, frozenset({"rehearsal"}))
    action = window.actions["story_history"]
    assert window.actions["history"].text() == "Rehearsal &history"  # the rehearsal feature's entry is its own
    assert action in window.menu_story.actions()
    assert action.text() == "&History…"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+H")


def test_compare_restore_and_undo_in_the_window(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    original = window.bank.stories.get(story_id).action
    window.bank.history.take(story_id)
    _type_action(qtbot, window, "I rewrote the whole section 🚀 in one go.")
    seen: dict[str, object] = {}

    def drive(dialog: StoryHistoryDialog) -> int:
        seen["rows"] = dialog.list_snapshots.count()
        seen["html"] = dialog.view_diff.toHtml()
        seen["summary"] = dialog.lbl_summary.text()
        monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
        dialog.restore_selected()
        return 1

    monkeypatch.setattr(StoryHistoryDialog, "exec", drive)
    window.actions["story_history"].trigger()
    assert seen["rows"] == 1
    assert "rewrote" in seen["html"]
    assert "underline" in seen["html"]
    assert "line-through" in seen["html"]
    assert "words added" in seen["summary"]
    # the editor shows the restored text at once, and the notice offers to undo
    assert window.workspace.editor.sections["action"].text() == original
    assert window.bank.stories.get(story_id).action == original
    link = window.story_history
    assert link.notice.isVisible()
    link.notice.btn_undo.click()
    assert window.workspace.editor.sections["action"].text() == "I rewrote the whole section 🚀 in one go."
    assert window.bank.stories.get(story_id).action == "I rewrote the whole section 🚀 in one go."


def test_cancelled_confirmation_changes_nothing(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    window.bank.history.take(story_id)
    _type_action(qtbot, window, "Kept as typed.")
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (False, False)))
    monkeypatch.setattr(StoryHistoryDialog, "exec", lambda dialog: (dialog.restore_selected(), 0)[1])
    assert window.story_history.open_history() is None
    assert window.bank.stories.get(story_id).action == "Kept as typed."
    assert not window.story_history.notice.isVisible()


def test_two_snapshots_compared_with_each_other(qtbot, window) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    first = window.bank.history.take(story_id)
    _type_action(qtbot, window, "Second version of the action.")
    second = window.bank.history.take(story_id)
    dialog = StoryHistoryDialog(window.bank, story_id, window)
    qtbot.addWidget(dialog)
    dialog.select(first.id, against=second.id)
    assert "Second version" in dialog.view_diff.toPlainText()
    assert "the other version" in dialog.lbl_summary.text()
    dialog.select(second.id, against=CURRENT)
    assert dialog.lbl_summary.text() == "No differences."


def test_no_story_open_says_so(make_window, tmp_path) -> None:  # noqa: ANN001
    bank = StoryBank.open(tmp_path / "empty.sqlite")
    try:
        empty = make_window(bank)
        assert empty.workspace.current_story_id is None
        assert empty.story_history.open_history() is None
        assert "Open a story first" in empty.statusBar().currentMessage()
    finally:
        bank.close()


def _contrast(fg: str, bg: str) -> float:
    def lum(name: str) -> float:
        c = QColor(name)
        parts = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            parts.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_marks_are_readable_on_light_and_dark_palettes(base: str) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    colors = DiffColors.for_palette(palette)
    assert _contrast(colors.added, colors.added_bg) >= 4.5
    assert _contrast(colors.removed, colors.removed_bg) >= 4.5
    assert _contrast(colors.added_bg, base) < 3  # a tint of the page, not a block of colour


def test_huge_story_renders_shortened() -> None:
    old = StoryRecord(action="Long unchanged text. " * 50_000)
    new = StoryRecord(action=old.action + "A new ending.", result="Added result")
    html = diff_html(compare_stories(old, new), DiffColors.for_palette(QPalette()))
    assert len(html) < 10_000
    assert "A new ending." in html


def test_a_megabyte_story_is_compared_off_the_gui_thread(qtbot, window) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    big = "I tuned the queue and it held. " * 33_000  # about a megabyte
    window.bank.stories.update(story_id, action=big)
    window.workspace.reload_current(story_id)
    window.bank.history.take(story_id)
    window.bank.stories.update(story_id, action=big.replace("held", "scaled", 2))
    dialog = StoryHistoryDialog(window.bank, story_id, window, window.ctx.pool)
    qtbot.addWidget(dialog)
    assert dialog.lbl_summary.text() == "Comparing two long versions…"  # the dialog is already usable
    qtbot.waitUntil(lambda: "words added" in dialog.lbl_summary.text(), timeout=30_000)
    assert "scaled" in dialog.view_diff.toPlainText()
    assert len(dialog.view_diff.toPlainText()) < 20_000


def test_a_story_deleted_for_good_comes_back_from_its_history(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from storybook.gui.stories.deleted_history import DeletedHistoryDialog

    story_id = _open_first(window)
    title = window.bank.stories.get(story_id).title
    window.bank.stories.trash(story_id)
    window.bank.stories.purge(story_id)
    window.workspace.reload()
    seen: dict[str, object] = {}

    def drive_list(dialog: DeletedHistoryDialog) -> int:
        seen["listed"] = dialog.list_stories.item(0).text()
        dialog.show_history()
        return 1

    def drive_history(dialog: StoryHistoryDialog) -> int:
        seen["summary"] = dialog.lbl_summary.text()
        seen["against"] = dialog.combo_against.itemText(0)
        dialog.restore_selected()
        return 1

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
    monkeypatch.setattr(DeletedHistoryDialog, "exec", drive_list)
    monkeypatch.setattr(StoryHistoryDialog, "exec", drive_history)
    outcome = window.story_history.open_deleted()
    assert title in str(seen["listed"])
    assert "deleted for good" in str(seen["summary"])
    assert seen["against"].startswith("Nothing")
    assert outcome is not None
    assert outcome.recreated
    assert window.workspace.current_story_id == outcome.record.id
    assert window.workspace.editor.edit_title.text() == title
    assert f"Brought back “{title}”" in window.statusBar().currentMessage()


def test_emptying_a_deleted_story_history(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from storybook.gui.stories.deleted_history import DeletedHistoryDialog

    story_id = _open_first(window)
    window.bank.stories.trash(story_id)
    window.bank.stories.purge(story_id)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
    dialog = DeletedHistoryDialog(window.bank, window)
    qtbot.addWidget(dialog)
    assert dialog.list_stories.count() == 1
    dialog.empty_selected()
    assert dialog.list_stories.count() == 0
    assert dialog.lbl_empty.isVisibleTo(dialog)
    assert window.bank.history.list(story_id) == []


def test_ctrl_shift_h_opens_the_history_of_the_open_story(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    opened: list[int] = []
    monkeypatch.setattr(StoryHistoryDialog, "exec", lambda dialog: (opened.append(dialog.story_id), 0)[1])
    window.activateWindow()
    window.workspace.editor.sections["action"].edit.setFocus()
    qtbot.keyClick(window.workspace.editor.sections["action"].edit, "H",
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [story_id]


def test_edit_undo_takes_a_restore_back_until_the_user_types(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    story_id = _open_first(window)
    original = window.bank.stories.get(story_id).action
    window.bank.history.take(story_id)
    _type_action(qtbot, window, "Typed after the snapshot.")
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
    monkeypatch.setattr(StoryHistoryDialog, "exec", lambda dialog: (dialog.restore_selected(), 1)[1])
    window.story_history.open_history()
    action_edit = window.workspace.editor.sections["action"].edit
    action_edit.setFocus()
    qtbot.waitUntil(action_edit.hasFocus, timeout=2000)
    assert action_edit.toPlainText() == original
    window.actions["undo"].trigger()  # Edit → Undo
    assert action_edit.toPlainText() == "Typed after the snapshot."
    assert window.bank.stories.get(story_id).action == "Typed after the snapshot."
    assert not window.story_history.notice.isVisible()
    window.actions["undo"].trigger()  # nothing left to take back: an ordinary (empty) text undo
    assert window.bank.stories.get(story_id).action == "Typed after the snapshot."
