"""GUI: rehearsal history per story (table, chart with target and limit lines, playback) and practise next."""

from __future__ import annotations

import logging
import math
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storybook.model.measures import format_seconds
from storybook.rehearsal.records import RehearsalRecord
from storybook.rehearsal.schedule import readiness_scores
from storybook.rehearsal.summary import ChartData, chart_data

from .background import Background
from .media import Player
from .runs_model import PractiseModel, RunsModel
from .widgets import ZONE_COLOURS, Zone

if TYPE_CHECKING:
    from storybook.bank import StoryBank

log = logging.getLogger(__name__)
DAY_MS = 86_400_000


def _ms(moment: Any) -> float:
    return float(moment.timestamp() * 1000.0)


def _span(data: ChartData) -> tuple[float, float]:
    """The x range in ms: the runs' span, at least a day wide so a single run still shows its lines."""
    if data.points:
        start, end = _ms(data.points[0][0]), _ms(data.points[-1][0])
    else:
        start = end = _ms(QDateTime.currentDateTime().toPython())
    if end - start < DAY_MS:
        start, end = start - DAY_MS / 2, end + DAY_MS / 2
    margin = (end - start) * 0.04  # the first and last points sit inside the plot, not on its edge
    return start - margin, end + margin


def _flat_line(name: str, value: float, colour: str, start: float, end: float) -> QLineSeries:
    series = QLineSeries()
    series.setName(f"{name} {format_seconds(value)}")
    series.append(start, value)
    series.append(end, value)
    pen = QPen(QColor(colour))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidth(2)
    series.setPen(pen)
    return series


def _axes(start: float, end: float, y_max: float) -> tuple[QDateTimeAxis, QValueAxis]:
    axis_x, axis_y = QDateTimeAxis(), QValueAxis()
    axis_x.setFormat("d MMM yyyy" if end - start > 300 * DAY_MS else "d MMM")
    axis_x.setRange(QDateTime.fromMSecsSinceEpoch(int(start)), QDateTime.fromMSecsSinceEpoch(int(end)))
    step = 30 if y_max <= 600 else 120
    axis_y.setRange(0, math.ceil(y_max / step) * step)
    axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_y.setTickAnchor(0)
    axis_y.setTickInterval(step)
    axis_y.setTitleText("seconds")
    axis_y.setLabelFormat("%d")
    return axis_x, axis_y


def build_chart(data: ChartData, title: str, dark: bool = False) -> tuple[QChart, dict[str, QLineSeries]]:
    """Duration of each finished run over time, with flat target and limit lines across the same span."""
    chart = QChart()
    # the theme first: setting it later would repaint the target and limit lines in theme colours
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    duration = QLineSeries()
    duration.setName("Duration")
    duration.setPointsVisible(True)
    for moment, seconds in data.points:
        duration.append(_ms(moment), seconds)
    start, end = _span(data)
    target = _flat_line("Target", data.target, ZONE_COLOURS[Zone.BETWEEN][0], start, end)
    limit = _flat_line("Limit", data.limit, ZONE_COLOURS[Zone.OVER][0], start, end)
    axis_x, axis_y = _axes(start, end, data.y_max)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in (duration, target, limit):
        chart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    return chart, {"duration": duration, "target": target, "limit": limit}


class HistoryWindow(QWidget):
    """GUI: every run of a story, its chart and recordings, and what to practise next."""

    rehearse_requested = Signal(int)

    def __init__(self, bank: StoryBank, story_id: int | None = None, *, pool: QThreadPool,
                 today: date | None = None, parent: QWidget | None = None, engines: Any = None) -> None:
        super().__init__(parent)
        self.bank = bank
        # the app context's EngineCache: readiness reuses its spaCy pipeline instead of loading another
        self.engines = engines
        self.background = Background(pool, self)
        self.today = today
        self.player = Player(self)
        self.series: dict[str, QLineSeries] = {}
        self._readiness_request = 0
        self._build()
        self._fill_stories(story_id)
        self.refresh()

    # ---- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.combo_story = QComboBox()
        self.combo_story.currentIndexChanged.connect(lambda _i: self.refresh())
        self.btn_rehearse = QPushButton("Rehearse this story")
        self.btn_rehearse.clicked.connect(self._rehearse_current)
        top.addWidget(QLabel("Story"))
        top.addWidget(self.combo_story, 1)
        top.addWidget(self.btn_rehearse)
        layout.addLayout(top)
        self.label_stats = QLabel()
        self.label_stats.setWordWrap(True)
        layout.addWidget(self.label_stats)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_runs_tab(), "Runs")
        self.tabs.addTab(self._build_practise_tab(), "Practise next")
        self.tabs.currentChanged.connect(lambda i: self.refresh_practise() if i == 1 else None)
        layout.addWidget(self.tabs, 1)

    def _build_runs_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        split = QSplitter(Qt.Orientation.Vertical)
        self.runs_model = RunsModel()
        self.table_runs = _table(self.runs_model)
        self.table_runs.setAccessibleName("Rehearsal runs")
        self.table_runs.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        split.addWidget(self.table_runs)
        self.chart_view = QChartView()
        self.chart_view.setAccessibleName("Chart of run times")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        split.addWidget(self.chart_view)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.btn_play = QPushButton("Play recording")
        self.btn_play.clicked.connect(self.toggle_play)
        self.btn_delete = QPushButton("Delete run…")
        self.btn_delete.clicked.connect(self.delete_selected)
        self.label_player = QLabel(self.player.error)
        for widget in (self.btn_play, self.btn_delete, self.label_player):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_practise_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.label_practise = QLabel("Due stories first: never rehearsed, then the longest overdue. Good runs "
                                     "space out to 1, 2, 4 and 8 days.")
        self.label_practise.setWordWrap(True)
        layout.addWidget(self.label_practise)
        self.practise_model = PractiseModel()
        self.table_practise = _table(self.practise_model)
        self.table_practise.setAccessibleName("What to practise next")
        self.table_practise.doubleClicked.connect(lambda _i: self._rehearse_practise())
        layout.addWidget(self.table_practise, 1)
        self.btn_practise = QPushButton("Rehearse selected")
        self.btn_practise.clicked.connect(self._rehearse_practise)
        layout.addWidget(self.btn_practise, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _fill_stories(self, story_id: int | None) -> None:
        self.combo_story.blockSignals(True)
        self.combo_story.addItem("All stories", None)
        for story in sorted(self.bank.stories.list(), key=lambda s: (s.title or "").casefold()):
            self.combo_story.addItem(story.title or "Untitled", story.id)
        index = self.combo_story.findData(story_id) if story_id is not None else 0
        self.combo_story.setCurrentIndex(max(0, index))
        self.combo_story.blockSignals(False)

    # ---- runs ----------------------------------------------------------------------------------
    def story_id(self) -> int | None:
        return self.combo_story.currentData()

    def refresh(self) -> None:
        story_id = self.story_id()
        records = self.bank.rehearsals.list(story_id)
        self.runs_model.set_records(records)
        settings, source = self.bank.effective_settings()
        data = chart_data(records, settings.target_seconds, settings.limit_seconds)
        title = self.combo_story.currentText() if story_id is not None else "All stories"
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart, self.series = build_chart(data, f"{title}: duration of each run", dark)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.label_stats.setText(self._stats_text(story_id, records, settings.pace_wpm, source))
        self.btn_rehearse.setEnabled(story_id is not None)
        self.table_runs.setColumnHidden(1, story_id is not None)  # the story column only helps for all stories
        self._update_buttons()

    def _stats_text(self, story_id: int | None, records: list[RehearsalRecord], pace: float, source: str) -> str:
        pace_text = (f"Your measured pace: {pace:.0f} words per minute, used for length estimates."
                     if source == "measured" else
                     "Record three runs to measure your own pace; until then estimates use "
                     f"{pace:.0f} words per minute.")
        if not records:
            return "No runs yet. " + pace_text
        if story_id is None:
            return f"{len(records)} runs in all. {pace_text}"
        stats = self.bank.rehearsals.stats_for_story(story_id)
        parts = [f"{stats.runs} run{'s' if stats.runs != 1 else ''}"]
        if stats.last:
            parts.append(f"last {format_seconds(stats.last.total_seconds)}")
        if stats.best:
            parts.append(f"best {format_seconds(stats.best.total_seconds)}")
        if stats.average is not None:
            parts.append(f"average {format_seconds(stats.average)}")
        return " · ".join(parts) + ". " + pace_text

    def selected_record(self) -> RehearsalRecord | None:
        rows = self.table_runs.selectionModel().selectedRows()
        if not rows:
            return None
        return self.runs_model.data(rows[0], RunsModel.RECORD_ROLE)

    def _update_buttons(self) -> None:
        record = self.selected_record()
        self.btn_delete.setEnabled(record is not None)
        self.btn_play.setEnabled(bool(record and record.recording_path) and not self.player.error)
        self.btn_play.setText("Stop" if self.player.is_playing() else "Play recording")

    def toggle_play(self) -> None:
        record = self.selected_record()
        if self.player.is_playing():
            self.player.stop()
        elif record is not None and record.recording_path and not self.player.play(record.recording_path):
            self.label_player.setText(self.player.error or "Playback is not available.")
        self._update_buttons()

    def delete_selected(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        answer = QMessageBox.question(
            self, "Delete run", f"Delete the run of {format_seconds(record.total_seconds)} from "
            f"{record.started_at.astimezone():%d %b %H:%M}" + (" and its recording?" if record.recording_path else "?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.player.stop()
        self.bank.rehearsals.delete(record.id)
        self.refresh()

    def _rehearse_current(self) -> None:
        if self.story_id() is not None:
            self.rehearse_requested.emit(self.story_id())

    # ---- practise next -------------------------------------------------------------------------
    def refresh_practise(self) -> None:
        """Rank stories; readiness (which may load the language engine) is computed off the GUI thread."""
        stories = self.bank.stories.list()
        settings, _source = self.bank.effective_settings()
        self._readiness_request += 1
        request = self._readiness_request
        self.label_practise.setText("Ranking stories…")
        self.background.run(readiness_scores, stories, settings, self._engine_cache(),
                            on_done=lambda result: self._show_practise(request, result),
                            on_failed=lambda text: self.label_practise.setText(f"Could not rank stories: {text}"))

    def _engine_cache(self) -> Any:
        """The engine cache to score with: the app's, or one this window keeps (so refreshes load once)."""
        if self.engines is None:
            from storybook.analysis import EngineCache

            self.engines = EngineCache()
        return self.engines

    def _show_practise(self, request: int, result: tuple[dict[int, float], str]) -> None:
        if request != self._readiness_request:
            return
        readiness, how = result
        items = self.bank.rehearsals.practise_next(self.today, readiness=readiness)
        self.practise_model.set_items(items)
        basis = "the analysis score" if how == "analysis" else "how complete each story is and how well it fits the time"
        self.label_practise.setText(f"Due stories first: never rehearsed, then the longest overdue; ties go to the "
                                    f"least ready (readiness from {basis}). Good runs space out to 1, 2, 4 and 8 days.")

    def _rehearse_practise(self) -> None:
        rows = self.table_practise.selectionModel().selectedRows()
        if rows:
            item = self.practise_model.data(rows[0], PractiseModel.ITEM_ROLE)
            self.rehearse_requested.emit(item.story_id)


def _table(model: Any) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table
