"""Trash: restore, delete forever (asks first), empty trash."""

from __future__ import annotations

from storybook.bank import StoryFilter
from storybook.gui.dialogs.confirm import ConfirmDialog


def _trash_two(window) -> list[int]:  # noqa: ANN001
    ids = window.workspace.list_panel.visible_ids()[:2]
    for story_id in ids:
        window.workspace.open_story(story_id)
        window.actions["trash"].trigger()
    window.show_tab("trash")
    return ids


def test_restore_brings_a_story_back(window) -> None:
    ids = _trash_two(window)
    trash = window.trash
    assert trash.count() == 2
    restored = trash.selected().id
    trash.btn_restore.click()
    assert trash.count() == 1
    assert restored in {s.id for s in window.bank.stories.list()}
    assert restored in window.workspace.list_panel.visible_ids()
    assert set(ids) - {restored} == {s.id for s in window.bank.stories.list(StoryFilter(trashed=True))}


def test_purge_asks_and_cancel_keeps_the_story(window, monkeypatch) -> None:
    _trash_two(window)
    asked = []

    def answer(result):  # noqa: ANN001, ANN202
        def ask(cls, parent, title, text, ok_text="OK", detail=""):  # noqa: ANN001, ANN202
            asked.append(text)
            return result, result
        return classmethod(ask)

    monkeypatch.setattr(ConfirmDialog, "ask", answer(False))
    target = window.trash.selected()
    window.trash.btn_purge.click()
    assert asked
    assert target.title in asked[0]
    assert window.trash.count() == 2
    monkeypatch.setattr(ConfirmDialog, "ask", answer(True))
    window.trash.btn_purge.click()
    assert window.trash.count() == 1
    assert target.id not in {s.id for s in window.bank.stories.list(StoryFilter(trashed=True))}
    assert target.id not in {s.id for s in window.bank.stories.list()}


def test_empty_trash_deletes_everything_after_asking(window, monkeypatch) -> None:
    _trash_two(window)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: (True, True)))
    window.trash.btn_empty.click()
    assert window.trash.count() == 0
    assert window.trash.stack.is_empty
    assert "The trash is empty" in window.trash.stack.hint.text()
    assert window.tabs.tabText(window.tabs.indexOf(window.trash)) == "Trash"
    assert window.bank.stories.count() == 11
