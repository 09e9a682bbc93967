"""GUI: search that shows where: snippets in the list, marks in the open story, F3 / Shift+F3 between matches."""

from __future__ import annotations

from PySide6.QtWidgets import QStyleOptionViewItem

from storybook.bank import SearchHit, StoryBank
from storybook.gui.stories.story_delegate import snippet_pieces
from storybook.gui.stories.story_list_model import StoryRoles


def _bank(bank: StoryBank) -> tuple[int, int]:
    found = bank.stories.create(title="Rewrote the résumé pipeline", situation="Our data migration stalled.",
                                action="I split the migration into steps 🚀 and ran each migration at night.",
                                result="The migration finished early.", tags=["infra"])
    other = bank.stories.create(title="Mentoring", action="I coached two juniors.")
    return found.id, other.id


def _shown(panel) -> list[int]:  # noqa: ANN001
    return panel.visible_ids()


def _marked(editor) -> list[str]:  # noqa: ANN001
    return [s.cursor.selectedText() for s in editor.extraSelections()]


def test_typing_filters_through_the_index_and_each_row_shows_where(qtbot, make_window, bank: StoryBank) -> None:
    found, other = _bank(bank)
    window = make_window(bank)
    panel = window.workspace.list_panel
    qtbot.keyClicks(panel.edit_search, "RESUME")  # case and accents do not matter
    assert _shown(panel) == [found]
    panel.edit_search.clear()
    qtbot.keyClicks(panel.edit_search, "migrat")  # a prefix finds the word
    assert _shown(panel) == [found]
    hit = panel.proxy.index(0, 0).data(StoryRoles.HIT)
    assert isinstance(hit, SearchHit)
    assert hit.snippet == "Situation: Our data migration stalled."
    assert [(text, marked) for text, marked in snippet_pieces(hit) if marked] == [("migration", True)]
    option = QStyleOptionViewItem()
    option.font = panel.list_stories.font()
    searching = panel.list_stories.itemDelegate().sizeHint(option, panel.proxy.index(0, 0)).height()
    panel.edit_search.clear()
    assert set(_shown(panel)) == {found, other}
    plain = panel.list_stories.itemDelegate().sizeHint(option, panel.proxy.index(0, 0)).height()
    assert searching > plain  # room for the snippet line only while searching
    assert panel.proxy.index(0, 0).data(StoryRoles.HIT) is None
    qtbot.keyClicks(panel.edit_search, 'AND OR "(')  # hostile input is plain words: nothing matches, no error
    assert _shown(panel) == []


def test_the_open_story_marks_every_match_until_the_search_is_cleared(qtbot, make_window, bank: StoryBank) -> None:
    found, _other = _bank(bank)
    window = make_window(bank)
    panel, editor = window.workspace.list_panel, window.workspace.editor
    qtbot.keyClicks(panel.edit_search, "migration")
    assert window.workspace.current_story_id == found
    action = editor.section_edit("action")
    assert _marked(action) == ["migration", "migration"]
    assert _marked(editor.section_edit("result")) == ["migration"]
    assert _marked(editor.section_edit("task")) == []
    action.setFocus()
    action.moveCursor(action.textCursor().MoveOperation.End)
    action.insertPlainText(" Another migration.")
    qtbot.waitUntil(lambda: len(_marked(action)) == 3, timeout=2000)  # marks follow the text as it is typed
    panel.edit_search.clear()
    assert _marked(action) == []
    assert _marked(editor.section_edit("result")) == []


def test_f3_and_shift_f3_walk_the_matches_across_the_fields(qtbot, make_window, bank: StoryBank) -> None:
    _bank(bank)
    window = make_window(bank)
    panel, editor = window.workspace.list_panel, window.workspace.editor
    qtbot.keyClicks(panel.edit_search, "migration")
    fields = [editor.section_edit(name) for name in ("situation", "task", "action", "result")]
    seen = []
    for _ in range(4):
        window.actions["find_next"].trigger()
        edit = next(e for e in fields if e.textCursor().hasSelection())
        qtbot.waitUntil(edit.hasFocus, timeout=2000)
        cursor = edit.textCursor()
        assert cursor.selectedText() == "migration"
        seen.append((edit.accessibleName(), cursor.selectionStart()))
        cursor.clearSelection()
        edit.setTextCursor(cursor)
    assert [name for name, _ in seen] == ["Situation", "Action", "Action", "Result"]
    assert seen[1][1] < seen[2][1]  # the second match in the Action comes after the first, past the emoji
    window.actions["find_previous"].trigger()
    action = editor.section_edit("action")
    qtbot.waitUntil(action.hasFocus, timeout=2000)
    assert action.textCursor().selectionStart() == seen[2][1]
    window.actions["find_next"].trigger()
    window.actions["find_next"].trigger()  # wraps round to the first
    assert editor.section_edit("situation").textCursor().selectedText() == "migration"
    assert window.actions["find_next"].shortcut().toString() == "F3"


def test_the_list_follows_edits_and_the_trash(qtbot, make_window, bank: StoryBank) -> None:
    found, other = _bank(bank)
    window = make_window(bank)
    panel = window.workspace.list_panel
    panel.select_story(other)
    action = window.workspace.editor.section_edit("action")
    action.setFocus()
    qtbot.keyClicks(action, " Then a kubernetes upgrade.")
    qtbot.waitUntil(lambda: bank.stories.search_ids("kubernetes") == {other}, timeout=5000)  # saved and indexed
    qtbot.keyClicks(panel.edit_search, "kubern")
    assert _shown(panel) == [other]
    assert "kubernetes" in panel.proxy.index(0, 0).data(StoryRoles.HIT).snippet
    panel.edit_search.clear()
    bank.stories.trash(found)
    window.workspace.reload()
    qtbot.keyClicks(panel.edit_search, "migration")
    assert _shown(panel) == []  # a trashed story is found only in the trash
    assert [h.story_id for h in bank.stories.search("migration", trashed=True)] == [found]


def test_the_trash_has_its_own_search(qtbot, make_window, bank: StoryBank) -> None:
    found, other = _bank(bank)
    kept = bank.stories.create(title="Still here", action="A migration I still tell.")
    bank.stories.trash(found)
    bank.stories.trash(other)
    window = make_window(bank)
    window.show_tab("trash")
    trash = window.trash
    assert trash.count() == 2
    qtbot.keyClicks(trash.edit_search, "migra")
    assert [trash.model.record(r).id for r in range(trash.count())] == [found]  # not the story outside the trash
    assert "migration" in trash.model.index(0, 0).data(StoryRoles.HIT).snippet
    qtbot.keyClicks(trash.edit_search, "zzz")
    assert trash.count() == 0
    assert trash.stack.is_empty
    assert "matches the search" in trash.stack.hint.text()
    assert trash.btn_empty.isEnabled()  # emptying still means the whole trash
    trash.edit_search.clear()
    assert trash.count() == 2
    assert kept.id not in {trash.model.record(r).id for r in range(trash.count())}
