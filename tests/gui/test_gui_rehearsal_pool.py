"""The rehearsal windows run their background work on the app context's pool, which closing the app drains."""

from __future__ import annotations

from storybook.bank import StoryBank


def test_rehearsal_windows_use_the_context_pool(make_window, sample_bank: StoryBank, qtbot) -> None:  # noqa: ANN001
    win = make_window(sample_bank, frozenset({"rehearsal"}))
    pool = win.ctx.pool
    win.workspace.open_story(sample_bank.stories.list()[0].id)
    view = win.rehearsal.rehearse()
    history = win.rehearsal.history()
    drill = win.rehearsal.drill()
    assert view.background.pool is pool
    assert history.background.pool is pool
    assert drill.match_pool is pool
    with qtbot.waitSignal(view.history_requested):
        view.history_requested.emit(view.controls.story_id())
    nested = [w for w in view.findChildren(type(history)) if w is not history]
    assert nested
    assert all(w.background.pool is pool for w in nested)
    for window in (*nested, view, history, drill):
        window.close()
