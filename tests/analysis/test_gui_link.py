"""GUI: the live checks inside the main window: the context's engine, clicking findings, odd text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox

from storybook.analysis import Engine, EngineCache
from storybook.bank import StoryBank
from storybook.gui.checks.findings_panel import FINDING_ROLE
from storybook.gui.context import AppContext

# An Action with emoji (two UTF-16 units each) and right-to-left text before the flawed phrases.
EMOJI_RTL_ACTION = (
    "\U0001f680\U0001f525 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 I tried to fix the "
    "[Company] config. \U0001f468\u200d\U0001f469\u200d\U0001f467 We basically rewrote it, TODO "
    "\u05e2\u05d5\u05dc\u05dd.\nIt was rolled back \U0001f389 and we helped with ??? later."
)


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path: Path, sample_bank: StoryBank, full_engine: Engine):  # noqa: ANN201
    from storybook.gui.main_window import MainWindow

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    loads: list[str | None] = []
    engines = EngineCache(loader=lambda prefer: loads.append(prefer) or full_engine)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(bank=sample_bank, ui_settings=settings, pool=QThreadPool(),
                     features=frozenset({"analysis"}), engines=engines)
    win = MainWindow(ctx)
    win.loads = loads
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.checks.shutdown()
    ctx.pool.waitForDone(5000)


def _link(win):  # noqa: ANN001, ANN202
    return win.checks


def _finding_rows(panel, section: str) -> list:  # noqa: ANN001
    model = panel.model
    out = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            finding = index.data(FINDING_ROLE)
            if finding.section == section and finding.end > finding.start:
                out.append(index)
    return out


def _settle(qtbot, link) -> None:  # noqa: ANN001
    """Wait until the report on show is the one for the text in the editors now (no check pending)."""
    delivered: list[int] = []
    link.worker.report_ready.connect(lambda rid, _report: delivered.append(rid))
    qtbot.waitUntil(lambda: not link.debounce.pending, timeout=5000)
    link.request_current()
    qtbot.waitUntil(lambda: bool(delivered) and delivered[-1] == link.worker.latest_id, timeout=60000)


def test_the_window_uses_the_engine_its_context_owns(qtbot, window) -> None:
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=30000)
    assert window.ctx.engines.peek() is not None
    assert link.worker.engines is window.ctx.engines
    assert window.loads == [None]  # loaded once, for the preload, the live check and the list scores
    assert link.panel.report.engine == window.ctx.engines.peek().info
    assert window.lbl_engine.text().startswith("Checks: en_core_web_sm")


def test_clicking_each_finding_selects_exactly_its_text_after_emoji_and_rtl(qtbot, window) -> None:
    link = _link(window)
    edit = window.workspace.editor.section_edit("action")
    edit.setPlainText(EMOJI_RTL_ACTION)
    _settle(qtbot, link)
    assert link.current_story().action == EMOJI_RTL_ACTION
    rows = _finding_rows(link.panel, "action")
    selected = []
    tree = link.panel.tree_findings
    for index in rows:
        finding = index.data(FINDING_ROLE)
        tree.scrollTo(index)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
        expected = EMOJI_RTL_ACTION[finding.start : finding.end]
        assert _selected(edit) == expected, finding
        selected.append(expected)
    assert {"[Company]", "TODO", "???", "tried to", "basically", "helped with"} <= set(selected)
    assert "was rolled" in selected  # passive voice, on the line after the emoji family


def test_selecting_a_finding_shows_it_in_full(qtbot, window) -> None:
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=30000)
    long_sentence = " ".join(["I checked the logs of every service and wrote down what I found"] * 4) + "."
    edit = window.workspace.editor.section_edit("action")
    edit.setPlainText(long_sentence)
    _settle(qtbot, link)
    tree = link.panel.tree_findings
    index = next(i for i in _finding_rows(link.panel, "action") if i.data(FINDING_ROLE).code == "long-sentence")
    finding = index.data(FINDING_ROLE)
    tree.setCurrentIndex(index)
    detail = link.panel.lbl_detail
    assert detail.isVisible()
    shown = _plain(detail.text())
    assert finding.message in shown
    assert finding.suggestion in shown
    assert tree.visualRect(index).width() < tree.fontMetrics().horizontalAdvance(finding.message)  # cut in the row
    assert finding.message in _plain(index.data(Qt.ItemDataRole.ToolTipRole))

    # typing on keeps the reader on the same finding
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(edit, "Then ")
    _settle(qtbot, link)
    assert link.panel.report.words["action"] == 53
    current = link.panel.current_finding()
    assert current is not None
    assert current.code == "long-sentence"
    assert current.message in _plain(detail.text())


def test_a_long_paste_with_control_characters_does_not_break_the_editor(qtbot, window) -> None:
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=30000)
    assert window.ctx.engines.peek() is not None
    engine = window.ctx.engines.peek().basic_twin()  # a paste this long is parsed by the basic engine
    paste = ("We cut costs by 20% \x07 in 3 days\x1b[0m; [Company] TODO. \x00 " * 5000)
    edit = window.workspace.editor.section_edit("action")
    old_limit = engine.nlp.max_length
    engine.nlp.max_length = 100_000  # the paste is longer than this: it must be chunked, not raised
    try:
        edit.setPlainText(paste)
        text = link.current_story().action
        assert len(text) > engine.nlp.max_length
        _settle(qtbot, link)
        assert link.panel.report.engine["full"] is False
        assert "too long" in link.panel.lbl_engine.text() or any(
            "too long" in f.message for f in link.panel.report.findings)
    finally:
        engine.nlp.max_length = old_limit
    report = link.panel.report
    assert 0 <= report.score <= 100
    placeholders = [f for f in report.findings if f.code == "placeholder" and f.section == "action"]
    assert 0 < len(placeholders) <= 50  # capped: the panel stays usable
    last = placeholders[-1]
    link.panel.finding_activated.emit(last.section, last.start, last.end)
    assert _selected(edit) == text[last.start : last.end]


def test_an_empty_story_is_checked_without_errors(qtbot, window) -> None:
    link = _link(window)
    qtbot.waitUntil(lambda: link.panel.report is not None, timeout=30000)
    for section in ("situation", "task", "action", "result"):
        window.workspace.editor.section_edit(section).setPlainText("")
    _settle(qtbot, link)
    assert link.panel.report.words["total"] == 0
    codes = [f.code for f in link.panel.report.findings]
    assert codes.count("missing-section") == 4
    assert all(hl.span_count() == 0 for hl in link.highlighters.values())


def _plain(rich: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(rich)
    return " ".join(doc.toPlainText().split())


def _selected(edit) -> str:  # noqa: ANN001
    """The editor's selection as Python text (Qt marks line breaks in a selection with U+2029)."""
    return edit.textCursor().selectedText().replace("\u2029", "\n")


def _click(qtbot, panel, index) -> None:  # noqa: ANN001
    tree = panel.tree_findings
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())


def _row(panel, section: str, code: str):  # noqa: ANN001, ANN202
    return next(i for i in _finding_rows(panel, section) if i.data(FINDING_ROLE).code == code)


def test_clicking_a_finding_right_after_typing_selects_its_moved_text(qtbot, window) -> None:
    link = _link(window)
    edit = window.workspace.editor.section_edit("action")
    edit.setPlainText("I rebuilt the importer, and we basically rewrote the parser in a week.")
    _settle(qtbot, link)
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(edit, "After the outage on Monday, ")  # the findings on show are now 28 characters behind
    assert link.debounce.pending
    _click(qtbot, link.panel, _row(link.panel, "action", "filler"))
    assert _selected(edit) == "basically"


def test_clicking_a_finding_whose_text_was_edited_waits_for_the_fresh_check(qtbot, window) -> None:
    link = _link(window)
    edit = window.workspace.editor.section_edit("action")
    edit.setPlainText("I fixed the [Company] config and rolled it out to every region that week.")
    _settle(qtbot, link)
    cursor = edit.textCursor()
    cursor.setPosition(edit.toPlainText().index("]"))
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, " name")  # typed inside the placeholder: its old span no longer fits
    assert link.debounce.pending
    _click(qtbot, link.panel, _row(link.panel, "action", "placeholder"))
    assert _selected(edit) == ""  # no guess at a shifted span
    assert window.statusBar().currentMessage().startswith("Checking")
    qtbot.waitUntil(lambda: _selected(edit) == "[Company name]", timeout=30000)
    assert link.panel.current_finding().code == "placeholder"
