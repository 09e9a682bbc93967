"""GUI: the findings of one story, grouped by STAR section, with the readiness score and the engine used."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.analysis.highlighter import build_legend
from storybook.model.values import SECTION_TITLES

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (section, start, end) on finding rows
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ORDER = ("situation", "task", "action", "result", "reflection", "story")
SECTION_LABELS = {**SECTION_TITLES, "story": "Whole story"}
SEVERITY_COLOURS = {"problem": QColor(200, 40, 40), "warning": QColor(196, 120, 0), "info": QColor(110, 110, 110)}
SEVERITY_LABELS = {"problem": "Problem", "warning": "Warning", "info": "Note"}
FALLBACK_FORMULA = "Readiness starts at 100 and each finding takes points off."


def score_formula() -> str:
    try:
        from storybook.analysis.score import SCORE_FORMULA
    except ImportError:
        return FALLBACK_FORMULA
    return SCORE_FORMULA


def score_colour(score: int) -> QColor:
    if score >= 80:
        return QColor(46, 140, 67)
    if score >= 50:
        return QColor(196, 130, 0)
    return QColor(200, 40, 40)


def _fmt_seconds(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


class FindingsModel(QStandardItemModel):
    """GUI: a tree of findings, one top-level row per section that has any."""

    HEADERS = ("Finding", "Severity")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    def set_findings(self, findings: list[Any]) -> None:
        self.removeRows(0, self.rowCount())
        groups: dict[str, list[Any]] = {}
        for f in findings:
            groups.setdefault(f.section, []).append(f)
        for section in sorted(groups, key=lambda s: SECTION_ORDER.index(s) if s in SECTION_ORDER else 99):
            items = groups[section]
            head = QStandardItem(f"{SECTION_LABELS.get(section, section.title())} ({len(items)})")
            head.setEditable(False)
            tail = QStandardItem("")
            tail.setEditable(False)
            for f in items:
                head.appendRow(self._row(f))
            self.appendRow([head, tail])

    @staticmethod
    def _row(finding: Any) -> list[QStandardItem]:
        text = QStandardItem(finding.message)
        text.setEditable(False)
        tip = finding.suggestion or finding.message
        text.setToolTip(f"{finding.message}\n\n{tip}" if finding.suggestion else tip)
        text.setData((finding.section, int(finding.start), int(finding.end)), SPAN_ROLE)
        text.setData(finding.code, CODE_ROLE)
        severity = QStandardItem(SEVERITY_LABELS.get(finding.severity, finding.severity))
        severity.setEditable(False)
        severity.setForeground(QBrush(SEVERITY_COLOURS.get(finding.severity, QColor(110, 110, 110))))
        severity.setData((finding.section, int(finding.start), int(finding.end)), SPAN_ROLE)
        return [text, severity]


class FindingsPanel(QWidget):
    """GUI: shows a StoryReport; clicking a finding emits the section and span to select in the editor."""

    finding_activated = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Any = None
        self.model = FindingsModel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        self.lbl_summary = QLabel(self)
        self.lbl_summary.setWordWrap(True)
        layout.addWidget(self.lbl_summary)
        layout.addWidget(self._build_stack(), 1)
        layout.addWidget(build_legend(self))
        self.lbl_engine = QLabel(self)
        self.lbl_engine.setEnabled(False)  # drawn in the palette's muted colour
        layout.addWidget(self.lbl_engine)
        self.set_report(None)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.lbl_score = QLabel("–", self)
        self.lbl_score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lbl_score.setMinimumWidth(48)
        self.lbl_score.setToolTip(score_formula())
        self.lbl_score_caption = QLabel("Readiness", self)
        self.lbl_score_caption.setToolTip(score_formula())
        self.lbl_formula = QLabel("How is this scored?", self)
        self.lbl_formula.setToolTip(score_formula())
        self.lbl_formula.setEnabled(False)
        row.addWidget(self.lbl_score)
        row.addWidget(self.lbl_score_caption)
        row.addStretch(1)
        row.addWidget(self.lbl_formula)
        return row

    def _build_stack(self) -> QStackedWidget:
        self.stack = QStackedWidget(self)
        self.tree_findings = QTreeView(self)
        self.tree_findings.setModel(self.model)
        self.tree_findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_findings.setUniformRowHeights(True)
        self.tree_findings.setWordWrap(True)
        header = self.tree_findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree_findings.clicked.connect(self._on_activated)
        self.tree_findings.activated.connect(self._on_activated)
        self.lbl_empty = QLabel(self)
        self.lbl_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lbl_empty.setWordWrap(True)
        self.stack.addWidget(self.tree_findings)
        self.stack.addWidget(self.lbl_empty)
        return self.stack

    # ---- public API ----------------------------------------------------------------------------
    def set_report(self, report: Any) -> None:
        """Show ``report`` (a StoryReport), or the 'not checked yet' state for None."""
        self.report = report
        if report is None:
            self.model.set_findings([])
            self._show_empty("Not checked yet. The checks run as you write.")
            self._set_score(None)
            self.lbl_summary.setText("")
            self.lbl_engine.setText("")
            return
        findings = [f for f in report.findings if f.code != "basic-engine"]
        self.model.set_findings(report.findings)
        self.tree_findings.expandAll()
        if findings:
            self.stack.setCurrentWidget(self.tree_findings)
        else:
            self._show_empty("No findings: this story reads well. Time to rehearse it out loud.")
        self._set_score(report.score)
        self.lbl_summary.setText(self._summary(report))
        self.lbl_engine.setText(self._engine_text(report.engine))

    def set_busy(self, busy: bool) -> None:
        """Show that a newer check is running (the old findings stay visible meanwhile)."""
        self.lbl_score_caption.setText("Checking…" if busy else "Readiness")

    def finding_count(self) -> int:
        return sum(self.model.item(r).rowCount() for r in range(self.model.rowCount()))

    # ---- helpers -------------------------------------------------------------------------------
    def _show_empty(self, text: str) -> None:
        self.lbl_empty.setText(text)
        self.stack.setCurrentWidget(self.lbl_empty)

    def _set_score(self, score: int | None) -> None:
        if score is None:
            self.lbl_score.setText("–")
            self.lbl_score.setStyleSheet("")
            return
        colour = score_colour(score)
        self.lbl_score.setText(str(score))
        self.lbl_score.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: white; font-weight: bold; "
            "border-radius: 9px; padding: 2px 8px; }"
        )

    @staticmethod
    def _summary(report: Any) -> str:
        words = report.words.get("total", 0)
        measured = "measured" if report.quantified else "not measured"
        return (
            f"{words} words, about {_fmt_seconds(report.spoken_seconds)} spoken · result {measured} · "
            f"Action: I {report.i_we.get('i', 0)}, we {report.i_we.get('we', 0)}"
        )

    @staticmethod
    def _engine_text(engine: dict[str, Any]) -> str:
        kind = "full" if engine.get("full") else "basic: passive voice and tense not checked"
        return f"Engine: {engine.get('name', '?')} {engine.get('version', '')} ({kind})"

    def _on_activated(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            section, start, end = span
            self.finding_activated.emit(section, start, end)
