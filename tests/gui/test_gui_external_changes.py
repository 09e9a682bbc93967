"""GUI: the data-version probe counts other programs' commits, not the window's own saves."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.orm import Session

from storybook.bank import StoryBank
from storybook.gui.external_changes import VersionProbe


def test_own_writes_are_not_changes_and_other_programs_writes_are(bank: StoryBank) -> None:
    story = bank.stories.create(title="Mine")
    probe = VersionProbe(bank.path, bank.engine)
    try:
        assert not probe.changed()
        bank.stories.update(story.id, action="typed in the app")
        bank.stories.list()  # reads commit too; they are not changes either
        assert not probe.changed()
        other = sqlite3.connect(bank.path)
        other.execute("UPDATE story SET action = 'from another program' WHERE id = ?", (story.id,))
        other.commit()
        other.close()
        assert probe.changed()
        assert not probe.changed()  # reported once
    finally:
        probe.close()
    assert not event.contains(Session, "after_commit", probe._on_commit)


def test_closing_the_window_stops_watching(qtbot, make_window, sample_bank: StoryBank) -> None:
    window = make_window(sample_bank)
    probe = window.external_changes.watcher.probe
    assert window.external_changes.watcher.timer.isActive()
    window.close()
    assert not window.external_changes.watcher.timer.isActive()
    assert not event.contains(Session, "after_commit", probe._on_commit)


def test_reports_stored_by_a_background_thread_are_not_changes(sample_bank: StoryBank) -> None:
    import threading

    from storybook.analysis import analyze_stories
    from storybook.analysis.nlp import build_basic_engine

    engine = build_basic_engine()
    stories = sample_bank.stories.list()[:3]
    reports = analyze_stories(stories, None, engine)
    probe = VersionProbe(sample_bank.path, sample_bank.engine)
    try:
        worker = threading.Thread(target=sample_bank.reports.put,
                                  args=(list(zip(stories, reports, strict=True)), None, engine.info))
        worker.start()
        worker.join()
        assert sample_bank.reports.scores(stories, None, engine.info)  # the reports really were stored
        assert not probe.changed()  # the app's own checks: no "changed by another program" message
    finally:
        probe.close()
