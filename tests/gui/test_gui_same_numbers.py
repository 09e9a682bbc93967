"""GUI: the editor badges and the rehearsal status give the same numbers and verdict as the checks."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool

from storybook.analysis import analyze_story
from storybook.analysis.nlp import build_basic_engine
from storybook.bank import StoryBank
from storybook.model.measures import format_seconds, word_count
from storybook.model.values import SECTIONS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_same_numbers import AWKWARD, awkward_story  # noqa: E402


def test_editor_counts_and_badge_match_the_checks(qtbot, make_window, bank: StoryBank) -> None:
    story = awkward_story()
    record = bank.stories.create(title="Awkward", **{s: getattr(story, s) for s in SECTIONS})
    report = analyze_story(bank.stories.get(record.id), bank.effective_settings()[0], build_basic_engine())
    window = make_window(bank)
    window.workspace.list_panel.select_story(record.id)
    editor = window.workspace.editor
    for section in SECTIONS:
        words = report.words[section]
        assert editor.sections[section].lbl_stats.text().startswith(f"{words} word")
    total = report.words["total"]
    assert editor.lbl_total.text().startswith(f"Total {total} words · {format_seconds(report.spoken_seconds)} spoken")
    assert editor.lbl_zone.text() == report.length == "short"  # 0:29 against 2:00, as the checks say
    assert [f.code for f in report.findings if f.code == "too-short"] == ["too-short"]


def test_typing_each_awkward_text_counts_like_the_measures(qtbot, make_window, bank: StoryBank) -> None:
    window = make_window(bank)
    window.workspace.new_story()
    editor = window.workspace.editor
    for text, words in AWKWARD.values():
        editor.section_edit("action").setPlainText(text)
        assert editor.sections["action"].words() == word_count(text) == words


def test_rehearsal_status_gives_the_same_time_and_verdict(qtbot, bank: StoryBank) -> None:
    from storybook.gui.rehearsal.view import RehearsalView

    story = awkward_story()
    record = bank.stories.create(title="Awkward", **{s: getattr(story, s) for s in SECTIONS})
    report = analyze_story(bank.stories.get(record.id), bank.effective_settings()[0], build_basic_engine())
    view = RehearsalView(bank, record.id, pool=QThreadPool())
    qtbot.addWidget(view)
    status = view.label_status.text()
    assert f"{report.words['total']} words: about {format_seconds(report.spoken_seconds)}" in status
    assert "short of the 2:00\u20133:00 band" in status
