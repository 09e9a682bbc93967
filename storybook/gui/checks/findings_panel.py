"""GUI: the findings of one story, grouped by STAR section, with the readiness score and the engine used."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.checks.highlighter import build_legend
from storybook.gui.checks.rubric_view import rubric_html, rubric_tooltip
from storybook.gui.widgets.elided_label import ElidedLabel
from storybook.gui.widgets.lazy_tip import tip_on_demand
from storybook.model.measures import format_seconds
from storybook.model.values import SECTION_TITLES

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (section, start, end) on finding rows
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3  # the Finding itself, for the detail area
SECTION_ORDER = ("situation", "task", "action", "result", "reflection", "story")
SECTION_LABELS = {**SECTION_TITLES, "story": "Whole story"}
SEVERITY_COLOURS = {"problem": QColor(200, 40, 40), "warning": QColor(196, 120, 0), "info": QColor(110, 110, 110)}
SEVERITY_LABELS = {"problem": "Problem", "warning": "Warning", "info": "Note"}


def score_formula() -> str:
    """How the readiness score is made (imported on first use: the checks load after the first paint)."""
    from storybook.analysis.score import SCORE_FORMULA

    return SCORE_FORMULA


def score_colour(score: int) -> QColor:
    if score >= 80:
        return QColor(46, 140, 67)
    if score >= 50:
        return QColor(196, 130, 0)
    return QColor(200, 40, 40)


def finding_tooltip(finding: Any) -> str:
    """The whole finding as rich text (Qt wraps rich-text tooltips; plain ones run off the screen)."""
    return f"<p>{html.escape(finding.message)}</p>" + (
        f"<p><i>{html.escape(finding.suggestion)}</i></p>" if finding.suggestion else ""
    )


def finding_detail(finding: Any) -> str:
    """Rich text for the detail area: where, how serious, the full message and the suggestion."""
    where = SECTION_LABELS.get(finding.section, finding.section.title())
    colour = SEVERITY_COLOURS.get(finding.severity, QColor(110, 110, 110)).name()
    severity = SEVERITY_LABELS.get(finding.severity, finding.severity)
    text = (
        f"<b style='color:{colour}'>{html.escape(severity)}</b> · {html.escape(where)}"
        f"<br>{html.escape(finding.message)}"
    )
    if finding.suggestion:
        text += f"<br><i>Try this:</i> {html.escape(finding.suggestion)}"
    return text


class LinkLabel(QLabel):
    """GUI: a label holding one link, drawn in the palette's link colour even after a palette change.

    A rich-text label fixes its link colour when the text is laid out, so a switch to a dark palette
    would leave a dark blue link on a dark background; the text is set again whenever the palette changes.
    """

    def __init__(self, href: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._href, self._text = href, text
        self._render()

    def _render(self) -> None:
        colour = self.palette().link().color().name()
        self.setText(f"<a href='{html.escape(self._href)}' style='color:{colour}'>{html.escape(self._text)}</a>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._render()
        super().changeEvent(event)


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
        span = (finding.section, int(finding.start), int(finding.end))
        tip = finding_tooltip(finding)
        text = QStandardItem(finding.message)
        severity = QStandardItem(SEVERITY_LABELS.get(finding.severity, finding.severity))
        severity.setForeground(QBrush(SEVERITY_COLOURS.get(finding.severity, QColor(110, 110, 110))))
        for item in (text, severity):
            item.setEditable(False)
            item.setToolTip(tip)
            item.setData(span, SPAN_ROLE)
            item.setData(finding.code, CODE_ROLE)
            item.setData(finding, FINDING_ROLE)
        return [text, severity]


class FindingsPanel(QWidget):
    """GUI: shows a StoryReport; clicking a finding emits the section and span to select in the editor."""

    finding_activated = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Any = None
        self.model = FindingsModel(self)
        # Everything sits in a scroll area: in a short window (or at 200% scale) the panel scrolls
        # instead of squeezing the detail text and the legend until they are cut off.
        self.scroll = QScrollArea(self)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own: focus goes to the list
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.addLayout(self._build_header())
        self.lbl_summary = QLabel(body)
        self.lbl_summary.setWordWrap(True)
        layout.addWidget(self.lbl_summary)
        layout.addWidget(self._build_stack(), 1)
        layout.addWidget(self._build_detail())
        self.legend = build_legend(body)
        layout.addWidget(self.legend)
        self.lbl_engine = QLabel(body)
        self.lbl_engine.setWordWrap(True)
        self.lbl_engine.setEnabled(False)  # drawn in the palette's muted colour
        layout.addWidget(self.lbl_engine)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.set_report(None)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.lbl_score = QLabel("–", self)
        self.lbl_score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lbl_score.setMinimumWidth(48)
        self.lbl_score.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        tip_on_demand(self.lbl_score, score_formula)
        self.lbl_score_caption = ElidedLabel("Readiness", self)  # "Checking…" in a narrow column ends in "…"
        tip_on_demand(self.lbl_score_caption, score_formula)
        self.lbl_formula = LinkLabel("#score", "How is this scored?", self)
        tip_on_demand(self.lbl_formula, score_formula)
        self.lbl_formula.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.lbl_formula.linkActivated.connect(lambda _link: self.show_formula())
        self.lbl_formula.setWordWrap(True)  # a narrow column wraps the link instead of cutting it off
        self.lbl_formula.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.lbl_score)
        row.addWidget(self.lbl_score_caption)
        row.addWidget(self.lbl_formula, 1)
        return row

    def _build_stack(self) -> QStackedWidget:
        self.stack = QStackedWidget(self)
        self.tree_findings = QTreeView(self)
        self.tree_findings.setAccessibleName("Findings")
        self.tree_findings.setModel(self.model)
        self.tree_findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_findings.setUniformRowHeights(True)
        self.tree_findings.setTextElideMode(Qt.TextElideMode.ElideRight)
        # at least a header and four rows before the panel scrolls instead
        self.tree_findings.setMinimumHeight(self.fontMetrics().height() * 6)
        header = self.tree_findings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree_findings.clicked.connect(self._on_activated)
        self.tree_findings.activated.connect(self._on_activated)
        self.tree_findings.selectionModel().currentChanged.connect(self._on_current_changed)
        self.lbl_empty = QLabel(self)
        self.lbl_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lbl_empty.setWordWrap(True)
        self.stack.addWidget(self.tree_findings)
        self.stack.addWidget(self.lbl_empty)
        return self.stack

    def _build_detail(self) -> QLabel:
        """The selected finding in full: rows in a narrow column cut long messages short."""
        self.lbl_detail = QLabel(self)
        self.lbl_detail.setWordWrap(True)
        self.lbl_detail.setTextFormat(Qt.TextFormat.RichText)
        self.lbl_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lbl_detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.lbl_detail.setMargin(4)
        self.lbl_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lbl_detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return self.lbl_detail

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
            self._show_detail(None)
            return
        findings = [f for f in report.findings if f.code != "basic-engine"]
        kept = self.current_finding()
        self.model.set_findings(report.findings)
        self.tree_findings.expandAll()
        if findings:
            self.stack.setCurrentWidget(self.tree_findings)
        else:
            self._show_empty("No findings: this story reads well. Time to rehearse it out loud.")
        self._reselect(kept)
        self._set_score(report.score)
        rubric = getattr(report, "rubric", None)
        if rubric is not None:
            self.lbl_score.setToolTip(f"<p>{html.escape(score_formula())}</p><p>{rubric_tooltip(rubric)}</p>")
        self.lbl_summary.setText(self._summary(report))
        self.lbl_engine.setText(self._engine_text(report.engine))

    def set_busy(self, busy: bool) -> None:
        """Show that a newer check is running (the old findings stay visible meanwhile)."""
        self.lbl_score_caption.setText("Checking…" if busy else "Readiness")

    def current_finding(self) -> Any:
        """The finding selected in the tree, or None."""
        index = self.tree_findings.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def show_finding(self, finding: Any) -> bool:
        """Make ``finding`` (one of the report's) the selected row; False when it is not listed."""
        match = self._find_row(finding)
        if match is None:
            return False
        self.tree_findings.setCurrentIndex(match)
        self.tree_findings.scrollTo(match)
        return True

    def _reselect(self, previous: Any) -> None:
        """After a live update, keep the reader on the same finding (its span may have moved)."""
        match = self._find_row(previous) if previous is not None else None
        if match is None:
            self._show_detail(None)
            return
        self.tree_findings.setCurrentIndex(match)  # currentChanged fills the detail area
        self._show_detail(match.data(FINDING_ROLE))

    def _find_row(self, previous: Any) -> QModelIndex | None:
        rows = [self.model.index(r, 0, self.model.index(g, 0))
                for g in range(self.model.rowCount()) for r in range(self.model.item(g).rowCount())]
        same_place = [i for i in rows if (i.data(FINDING_ROLE).code, i.data(FINDING_ROLE).section)
                      == (previous.code, previous.section)]
        exact = [i for i in same_place if i.data(FINDING_ROLE).message == previous.message]
        candidates = exact or same_place
        if not candidates:
            return None
        return min(candidates, key=lambda i: abs(i.data(FINDING_ROLE).start - previous.start))

    def show_formula(self) -> None:
        """Explain the readiness score in the detail area: each rubric part, its points and its reasons."""
        rubric = getattr(self.report, "rubric", None) if self.report is not None else None
        self.lbl_detail.setText(rubric_html(rubric, score_formula()))
        self.lbl_detail.show()

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
        length = f" ({report.length})" if getattr(report, "length", "") else ""
        return (
            f"{words} words, about {format_seconds(report.spoken_seconds)} spoken{length} · result {measured} · "
            f"Action: I {report.i_we.get('i', 0)}, we {report.i_we.get('we', 0)}"
        )

    @staticmethod
    def _engine_text(engine: dict[str, Any]) -> str:
        kind = "full" if engine.get("full") else "basic: passive voice and tense not checked"
        return f"Engine: {engine.get('name', '?')} {engine.get('version', '')} ({kind})"

    def _show_detail(self, finding: Any) -> None:
        if finding is None:
            has_findings = self.stack.currentWidget() is self.tree_findings
            self.lbl_detail.setText("Select a finding to read it in full; click it to find it in the text."
                                    if has_findings else "")
            self.lbl_detail.setVisible(has_findings)
            return
        self.lbl_detail.setText(finding_detail(finding))
        self.lbl_detail.show()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current.data(FINDING_ROLE) if current.isValid() else None)

    def _on_activated(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            section, start, end = span
            self.finding_activated.emit(section, start, end)
