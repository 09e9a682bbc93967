"""GUI: widgets for the story checks (highlighter, findings panel, background worker, check-all dialog).

``BatchCheck`` scores many stories a chunk at a time on the same thread, behind any live check.

Self-contained: the main window wires them to the editors and the story list. Typical use::

    worker = AnalysisWorker(parent, engines=ctx.engines)  # the app context owns the spaCy engine
    debounce = Debouncer(lambda: worker.request(story, settings), parent=parent)
    editor.textChanged.connect(debounce.trigger)
    worker.report_ready.connect(lambda _id, report: (panel.set_report(report),
                                                     highlighter.set_report(report, "action")))
    panel.finding_activated.connect(lambda section, start, end: select_span(editors[section], start, end))

Spans are Python string offsets; ``select_span`` and the highlighter convert them to Qt's UTF-16 positions.
"""

from __future__ import annotations

from storybook.gui.checks.batch import CHUNK_SIZE, BatchCheck, ReportStore, check_chunk
from storybook.gui.checks.check_all_dialog import CheckAllDialog, SummaryModel
from storybook.gui.checks.findings_panel import FindingsModel, FindingsPanel, score_colour, score_formula
from storybook.gui.checks.highlighter import LEGEND, FindingsHighlighter, build_legend, select_span, to_utf16
from storybook.gui.checks.worker import DEBOUNCE_MS, AnalysisWorker, Debouncer, snapshot

__all__ = [
    "CHUNK_SIZE",
    "DEBOUNCE_MS",
    "LEGEND",
    "ReportStore",
    "AnalysisWorker",
    "BatchCheck",
    "CheckAllDialog",
    "Debouncer",
    "FindingsHighlighter",
    "FindingsModel",
    "FindingsPanel",
    "SummaryModel",
    "build_legend",
    "check_chunk",
    "score_colour",
    "score_formula",
    "select_span",
    "snapshot",
    "to_utf16",
]
