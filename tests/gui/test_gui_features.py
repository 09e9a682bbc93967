"""The optional features wired into the window: live checks, rehearsal and dossier entry points."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence, QTextCursor

ANALYSIS = frozenset({"analysis"})


@pytest.fixture
def checked_window(make_window, sample_bank):  # noqa: ANN001, ANN201
    window = make_window(sample_bank, ANALYSIS)
    yield window
    window.checks.shutdown()


def _link(window):  # noqa: ANN001, ANN202
    return window.checks


def test_findings_and_highlights_follow_typing(qtbot, checked_window) -> None:
    window = checked_window
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=60000)
    assert window.lbl_engine.text().startswith("Checks: ")
    result = window.workspace.editor.section_edit("result")
    result.setPlainText("It went fine in the end.")
    qtbot.waitUntil(lambda: link.panel.report.quantified is False, timeout=10000)
    assert link.highlighters["result"].span_count() == 0
    result.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(result, " Errors fell by 40% in two weeks.")
    qtbot.waitUntil(lambda: link.panel.report.quantified, timeout=10000)
    assert link.highlighters["result"].span_count() >= 1
    score = link.panel.report.score
    assert window.workspace.list_panel.model.score(window.workspace.current_story_id) == score


def test_highlighting_does_not_count_as_an_edit(qtbot, checked_window) -> None:
    window = checked_window
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=60000)
    requests = link.worker.latest_id
    qtbot.wait(link.debounce.timer.interval() * 3)
    assert link.worker.latest_id == requests
    assert not window.workspace.autosaver.dirty


def test_clicking_a_finding_selects_its_span(qtbot, checked_window) -> None:
    link = _link(checked_window)
    edit = checked_window.workspace.editor.section_edit("action")
    edit.setPlainText("🚀 I think we basically tried to help with the migration, kind of. TODO fix [Company].")

    def spans() -> list:
        report = link.panel.report
        return [f for f in report.findings if f.section == "action" and f.end > f.start] if report else []

    qtbot.waitUntil(lambda: bool(spans()), timeout=60000)
    finding = spans()[-1]
    link.panel.finding_activated.emit(finding.section, finding.start, finding.end)
    assert edit.textCursor().selectedText() == edit.toPlainText()[finding.start:finding.end]


def test_scores_sort_and_check_all(qtbot, checked_window, monkeypatch) -> None:
    window = checked_window
    panel = window.workspace.list_panel
    qtbot.waitUntil(lambda: all(panel.model.score(i) is not None for i in panel.visible_ids()), timeout=60000)
    panel.combo_sort.setCurrentIndex(panel.combo_sort.findData("score"))
    scores = [panel.model.score(i) for i in panel.visible_ids()]
    assert scores == sorted(scores, reverse=True)
    shown = []
    import storybook.gui.checks as module

    monkeypatch.setattr(module.CheckAllDialog, "show_for",
                        classmethod(lambda cls, parent, rows, on_chosen=None: shown.append(rows) or (None, False)))
    window.actions["check_all"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert len(shown[0]) == 13


def test_rehearsal_entry_points(qtbot, make_window, sample_bank, monkeypatch) -> None:
    import storybook.gui.rehearsal as module

    calls = []
    monkeypatch.setattr(module, "open_rehearsal_window", lambda parent, bank, story_id=None, question_id=None, **_kw:
                        calls.append(("rehearse", story_id)) or parent)
    monkeypatch.setattr(module, "open_drill", lambda parent, bank, **_kw: calls.append(("drill",)) or parent)
    monkeypatch.setattr(module, "open_history_window", lambda parent, bank, story_id=None, **_kw:
                        calls.append(("history", story_id)) or parent)
    window = make_window(sample_bank, frozenset({"rehearsal"}))
    assert QKeySequence("Ctrl+R") in window.actions["rehearse"].shortcuts()
    story_id = window.workspace.current_story_id
    for name in ("rehearse", "drill", "history"):
        window.actions[name].trigger()
    assert calls == [("rehearse", story_id), ("drill",), ("history", story_id)]


def test_dossier_entry_points_and_targets_tab(qtbot, make_window, sample_bank, monkeypatch) -> None:
    import storybook.gui.targets.export_dialog as module

    exported = []
    monkeypatch.setattr(module, "export_dossier", lambda parent, bank, pool, preselect=None, **_kw:
                        exported.append(preselect))
    question = sample_bank.questions.list()[0]
    sample_bank.targets.create(company="Acme", role="Data scientist")
    target = sample_bank.targets.list()[0]
    sample_bank.targets.set_questions(target.id, [question.id])
    window = make_window(sample_bank, frozenset({"dossier"}))
    assert QKeySequence("Ctrl+E") in window.actions["export_dossier"].shortcuts()
    window.actions["export_dossier"].trigger()
    assert exported == [None]
    assert "targets" in window.tab_labels()
    window.show_tab("targets")
    titles = [a.text() for a in window.menu_file.actions()]
    assert "&Import / Export" in titles
    window.show_tab("grid")
    grid = window.grid
    assert grid.combo_target.isVisibleTo(window)
    grid.combo_target.setCurrentIndex(1)
    grid.radio_questions.setChecked(True)
    assert grid.model.rowCount() == 1


def test_missing_features_hide_their_menus(make_window, sample_bank) -> None:
    window = make_window(sample_bank)
    assert not {"rehearse", "drill", "history", "export_dossier", "check_all"} & set(window.actions)
    assert window.workspace.list_panel.combo_sort.findData("score") == -1
