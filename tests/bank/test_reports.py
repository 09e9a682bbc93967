"""Stored check reports: reused while the text, the settings, the engine and the checks are unchanged."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from storybook.analysis import stored
from storybook.analysis.stored import CHECKED_SETTINGS, engine_key, report_from_json, report_to_json, text_hash
from storybook.bank import StoryBank
from storybook.model.values import Finding, Metric, Settings, StoryReport

FULL = {"name": "en_core_web_sm", "version": "3.8.0", "full": True}


def _report(story_id: int, score: int) -> StoryReport:
    return StoryReport(engine=FULL, words={"total": 120, "action": 70}, spoken_seconds=48.0, quantified=True,
                       metrics=[Metric("30%", "percent", "result", 4, 7)], i_we={"i": 4, "we": 1},
                       findings=[Finding("hedge", "warning", "action", 0, 7, "Hedge", "Say what you did.")],
                       score=score, title="t", story_id=story_id)


def _story(bank: StoryBank, title: str = "Migration") -> object:
    return bank.stories.create(title=title, situation="Old servers.", task="Move them.", action="I moved them.",
                               result="Costs fell 30%.", competencies=["ownership"])


def test_a_report_survives_a_round_trip_through_json() -> None:
    report = _report(7, 64)
    assert report_from_json(report_to_json(report)) == report
    with pytest.raises(ValueError, match="stored check report"):
        report_from_json('{"score": 3}')


def test_a_stored_report_is_reused_until_the_text_changes(bank: StoryBank) -> None:
    story, settings = _story(bank), Settings()
    assert bank.reports.stale([story], settings, FULL) == [story]
    assert bank.reports.put([(story, _report(story.id, 64))], settings, FULL) == 1
    reports, stale = bank.reports.split([story], settings, FULL)
    assert stale == []
    assert reports[story.id].score == 64
    assert reports[story.id].findings[0].code == "hedge"
    assert bank.reports.scores([story], settings, FULL) == {story.id: 64}

    edited = bank.stories.update(story.id, action="I moved them, one by one.")
    assert bank.reports.stale([edited], settings, FULL) == [edited]
    assert bank.reports.scores([edited], settings, FULL) == {}


def test_status_changes_keep_the_report_but_competencies_do_not(bank: StoryBank) -> None:
    story, settings = _story(bank), Settings()
    bank.reports.put([(story, _report(story.id, 50))], settings, FULL)
    assert bank.reports.stale([bank.stories.update(story.id, status="ready")], settings, FULL) == []
    retagged = bank.stories.update(story.id, competencies=["ownership", "leadership"])
    assert bank.reports.stale([retagged], settings, FULL) == [retagged]


def test_other_engine_checks_version_or_settings_make_reports_stale(bank: StoryBank,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    story, settings = _story(bank), Settings()
    bank.reports.put([(story, _report(story.id, 80))], settings, FULL)
    assert bank.reports.stale([story], settings, {**FULL, "version": "3.9.0"}) == [story]
    assert bank.reports.stale([story], settings, {**FULL, "full": False}) == [story]
    assert bank.reports.stale([story], Settings(pace_wpm=120), FULL) == [story]
    monkeypatch.setattr(stored, "CHECKS_VERSION", stored.CHECKS_VERSION + 1)
    assert bank.reports.stale([story], settings, FULL) == [story]


def test_edited_word_lists_change_the_engine_key(tmp_path: Path) -> None:
    (tmp_path / "hedges.txt").write_text("maybe\n", encoding="utf-8")
    before = engine_key(FULL, stored.wordlists_digest(tmp_path))
    (tmp_path / "hedges.txt").write_text("maybe\nperhaps\n", encoding="utf-8")
    assert engine_key(FULL, stored.wordlists_digest(tmp_path)) != before


def test_reports_go_with_their_story_and_live_in_the_database(bank: StoryBank, db_path: Path) -> None:
    keep, gone = _story(bank, "Keep"), _story(bank, "Gone")
    settings = Settings()
    bank.reports.put([(keep, _report(keep.id, 70)), (gone, _report(gone.id, 40))], settings, FULL)
    bank.stories.trash(gone.id)
    bank.stories.purge(gone.id)
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT story_id, score, text_hash FROM story_report").fetchall()
    con.close()
    assert rows == [(keep.id, 70, text_hash(keep, settings))]
    assert bank.reports.put([(gone, _report(gone.id, 40))], settings, FULL) == 0  # purged: nothing to point at


def test_many_stories_are_read_in_slices(bank: StoryBank) -> None:
    stories = [_story(bank, f"S{i}") for i in range(1000)]
    settings = Settings()
    assert bank.reports.put([(s, _report(s.id, i % 100)) for i, s in enumerate(stories)], settings, FULL) == 1000
    assert len(bank.reports.current(stories, settings, FULL)) == 1000
    assert bank.reports.forget([stories[0].id]) == 1
    assert bank.reports.stale(stories, settings, FULL) == [stories[0]]


def test_the_hash_covers_every_setting_the_checks_read() -> None:
    """A check that starts reading another setting must add it to CHECKED_SETTINGS (and bump the version)."""
    folder = Path(stored.__file__).parent
    read: set[str] = set()
    for path in folder.glob("*.py"):
        read.update(re.findall(r"\bsettings\.(\w+)", path.read_text(encoding="utf-8")))
    methods = {"section_share": "split"}  # Settings methods and the stored field they read
    read = {methods.get(name, name) for name in read} - {"to_dict", "from_dict"}
    assert read <= set(CHECKED_SETTINGS), read - set(CHECKED_SETTINGS)


def test_migration_0005_adds_the_table_to_an_older_bank_and_takes_it_away(tmp_path: Path) -> None:
    from alembic import command

    from storybook.store.db import _prepare_file, alembic_config, head_revision, make_engine, read_revision

    path = tmp_path / "old.sqlite"
    _prepare_file(path)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0004")
    engine.dispose()
    with StoryBank.open(path) as bank:  # opening upgrades (after a backup)
        assert read_revision(path) == head_revision()
        story = _story(bank)
        bank.reports.put([(story, _report(story.id, 55))], Settings(), FULL)
        assert bank.reports.scores([story], Settings(), FULL) == {story.id: 55}
    engine = make_engine(path)
    command.downgrade(alembic_config(engine), "0004")
    engine.dispose()
    con = sqlite3.connect(path)
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "story_report" not in tables
    assert "story" in tables
