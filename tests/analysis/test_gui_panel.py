"""GUI: the findings panel, the highlighter and the check-all dialog, driven like a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit

from storybook.analysis import SCORE_FORMULA, analyze_story
from storybook.gui.checks import (
    LEGEND,
    CheckAllDialog,
    FindingsHighlighter,
    FindingsPanel,
    select_span,
    to_utf16,
)
from storybook.gui.checks.highlighter import HEDGE, MEASURE, PASSIVE, PLACEHOLDER
from storybook.model.values import Settings


@pytest.fixture
def flawed(good_story, full_engine):
    story = good_story(
        action="\U0001f680 We tried to fix it. We worked on the [Company] config and it was rolled back.",
        result="Errors fell by 40% and it was basically fine.",
    )
    return story, analyze_story(story, Settings(), full_engine)


def test_panel_groups_findings_and_emits_the_span_on_click(qtbot, qtmodeltester, flawed) -> None:
    story, report = flawed
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 600)
    panel.show()
    panel.set_report(report)
    qtmodeltester.check(panel.model)
    sections = [panel.model.item(r).text() for r in range(panel.model.rowCount())]
    order = ["Situation", "Task", "Action", "Result", "Reflection", "Whole story"]
    names = [s.split(" (")[0] for s in sections]
    assert names == [n for n in order if n in names]
    assert {"Action", "Result"} <= set(names)
    assert panel.finding_count() == len(report.findings)

    action_group = panel.model.index(names.index("Action"), 0)
    placeholder_row = next(
        r
        for r in range(panel.model.rowCount(action_group))
        if "[Company]" in panel.model.index(r, 0, action_group).data()
    )
    index = panel.model.index(placeholder_row, 0, action_group)
    rect = panel.tree_findings.visualRect(index)
    with qtbot.waitSignal(panel.finding_activated, timeout=2000) as blocker:
        qtbot.mouseClick(panel.tree_findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    section, start, end = blocker.args
    assert section == "action"
    assert story.action[start:end] == "[Company]"


def test_panel_score_badge_engine_and_empty_state(qtbot, good_story, full_engine, basic_engine) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.lbl_empty
    assert "Not checked" in panel.lbl_empty.text()
    panel.set_report(analyze_story(good_story(), Settings(pace_wpm=100), full_engine))  # 2:09, in the band
    assert panel.lbl_score.text() == "100"
    assert SCORE_FORMULA in panel.lbl_score.toolTip()
    assert "Delivery 15/15" in panel.lbl_score.toolTip()
    assert "No findings" in panel.lbl_empty.text()
    assert panel.stack.currentWidget() is panel.lbl_empty
    assert "full" in panel.lbl_engine.text()
    panel.set_report(analyze_story(good_story(), Settings(), basic_engine))
    assert "basic" in panel.lbl_engine.text()
    assert panel.stack.currentWidget() is panel.lbl_empty  # the engine note alone is not a finding
    panel.set_report(None)
    assert panel.lbl_score.text() == "\u2013"


def _formats(document: QTextDocument) -> list[tuple[int, int, object]]:
    out = []
    block = document.begin()
    while block.isValid():
        for r in block.layout().formats():
            out.append(
                (block.position() + r.start, block.position() + r.start + r.length, r.format.background().color())
            )
        block = block.next()
    return out


def test_highlighter_colours_spans_after_an_emoji(qtbot, flawed) -> None:
    story, report = flawed
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(story.action)
    highlighter = FindingsHighlighter(editor.document())
    highlighter.set_report(report, "action")
    painted = {_slice_utf16(story.action, s, e): colour for s, e, colour in _formats(editor.document())}
    assert painted["[Company]"] == PLACEHOLDER
    assert painted["tried to"] == HEDGE
    assert painted["was rolled"] == PASSIVE
    assert len(LEGEND) == 4

    result_editor = QPlainTextEdit()
    qtbot.addWidget(result_editor)
    result_editor.setPlainText(story.result)
    FindingsHighlighter(result_editor.document()).set_report(report, "result")
    measures = [story.result[s:e] for s, e, colour in _formats(result_editor.document()) if colour == MEASURE]
    assert measures == ["40%"]

    highlighter.clear()
    assert _formats(editor.document()) == []


def _slice_utf16(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le")


def test_select_span_selects_python_offsets(qtbot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    text = "\U0001f680\U0001f525 ok \u05e9\u05dc\u05d5\u05dd saved 40% here"
    editor.setPlainText(text)
    start = text.index("40%")
    select_span(editor, start, start + 3)
    assert editor.textCursor().selectedText() == "40%"
    assert to_utf16(text, [start]) == [start + 2]


def test_check_all_dialog_sorts_and_returns(qtbot, qtmodeltester, monkeypatch, good_story, full_engine) -> None:
    stories = [
        good_story(id=1, title="Clean"),
        good_story(id=2, title="Unmeasured", result="Everyone was happy with how it went in the end."),
        good_story(id=3, title="Empty", situation="", task="", action="", result=""),
    ]
    rows = [(s, analyze_story(s, Settings(), full_engine)) for s in stories]
    dialog = CheckAllDialog(None, rows)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    titles = [dialog.proxy.index(r, 0).data() for r in range(3)]
    assert titles == ["Empty", "Unmeasured", "Clean"]  # weakest first
    dialog.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert dialog.proxy.index(0, 0).data() == "Clean"
    assert dialog.proxy.index(0, 4).data() == "yes"
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == SCORE_FORMULA
    with qtbot.waitSignal(dialog.story_chosen) as blocker:
        dialog._on_double_click(dialog.proxy.index(0, 0))
    assert blocker.args == [1]

    monkeypatch.setattr(CheckAllDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert CheckAllDialog.show_for(None, rows) == (None, False)
    assert CheckAllDialog.show_for(None, []) == (None, False)
    assert dialog.model.rowCount(QModelIndex()) == 3


@pytest.mark.parametrize("width", [200, 300, 520])
def test_legend_and_detail_are_never_cut_off(qtbot, flawed, width: int) -> None:
    _story, report = flawed
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 520)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_report(report)
    group = panel.model.index(0, 0)
    panel.tree_findings.setCurrentIndex(panel.model.index(0, 0, group))
    qtbot.wait(20)  # let the layouts settle
    body = panel.scroll.widget()
    for label in panel.legend.findChildren(QLabel):
        assert label.isVisible()
        assert panel.legend.rect().contains(label.geometry()), label.text()
        assert label.width() >= label.sizeHint().width(), label.text()
    assert panel.legend.geometry().bottom() < panel.lbl_engine.geometry().top()
    detail = panel.lbl_detail
    assert detail.height() >= detail.heightForWidth(detail.width())  # every line of the message shows
    assert body.rect().contains(detail.geometry())
    assert body.width() <= panel.scroll.viewport().width()  # nothing runs off to the right


def test_detail_area_and_formula_link(qtbot, flawed) -> None:
    _story, report = flawed
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_report(report)
    assert "Select a finding" in panel.lbl_detail.text()
    panel.show_formula()
    assert SCORE_FORMULA in panel.lbl_detail.text()
    shown = _html_plain(panel.lbl_detail.text())
    assert f"Readiness {report.score} of 100" in shown
    for dim in report.rubric.dimensions:
        assert f"{dim.points}/{dim.maximum}" in shown
        assert dim.name in shown
        assert all(_html_plain(reason) in shown for reason in dim.reasons)
    assert "Ownership" in panel.lbl_score.toolTip()
    result_group = next(panel.model.index(r, 0) for r in range(panel.model.rowCount())
                        if panel.model.index(r, 0).data().startswith("Result"))
    index = panel.model.index(0, 0, result_group)
    panel.tree_findings.setCurrentIndex(index)
    finding = panel.current_finding()
    assert finding.section == "result"
    assert finding.message in _html_plain(panel.lbl_detail.text())
    assert finding.suggestion in _html_plain(panel.lbl_detail.text())
    severity_tip = panel.model.index(0, 1, result_group).data(Qt.ItemDataRole.ToolTipRole)
    assert finding.message in _html_plain(severity_tip)


def _html_plain(rich: str) -> str:
    doc = QTextDocument()
    doc.setHtml(rich)
    return " ".join(doc.toPlainText().split())
