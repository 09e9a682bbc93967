"""GUI: the coverage grid: competencies (or questions) against stories, a summary line and the gaps."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storybook.bank import ChangeSet
from storybook.gui.bank_changes import BankChanges
from storybook.gui.context import AppContext
from storybook.gui.coverage.coverage_model import (
    CHECK,
    HINT,
    WARN,
    CoverageModel,
    CoverageRoles,
    CoverageSummary,
    summarize,
)
from storybook.gui.widgets.empty import EmptyStack
from storybook.gui.widgets.rotated_header import RotatedHeader
from storybook.model.measures import STORIES_PER_COMPETENCY_WORD

log = logging.getLogger(__name__)
MAX_PARTIAL = 200  # more changed stories than this: one reload is cheaper than many small reads
LEGENDS = {
    "competencies": f"{CHECK} tagged   {HINT} a linked question asks for it   Click a cell to tag or untag",
    "questions": f"{CHECK} linked   Click a cell to link or unlink",
}


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class CoverageGrid(QWidget):
    """GUI: click a cell to tag/untag (or link/unlink), double-click to open the story."""

    open_story = Signal(int)
    gaps_filled = Signal()  # the Gaps list was refilled: suggestions for it may follow
    write_story = Signal(int)  # question id: start a story for a question no story answers
    write_story_for_competency = Signal(str)  # competency key: start a story for a thin competency

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = ctx.bank
        self.model = CoverageModel(self)
        self.summary: CoverageSummary | None = None
        self._pending: QModelIndex | None = None
        self._click_timer = QTimer(self)
        self._click_timer.setSingleShot(True)
        self._click_timer.setInterval(QApplication.doubleClickInterval())
        self._click_timer.timeout.connect(self._toggle_pending)
        self._target_questions: set[int] | None = None
        self._competencies: list = []
        self._questions: list = []
        self._changes = BankChanges(self.bank, self)  # a toggle or an edit elsewhere: refresh what it changed
        self._changes.changed.connect(self.apply_change)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.radio_competencies = QRadioButton("Competencies")
        self.radio_questions = QRadioButton("Questions")
        self.radio_competencies.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.radio_competencies)
        self.mode_group.addButton(self.radio_questions)
        self.combo_target = QComboBox()
        self.combo_target.setAccessibleName("Interview target")
        self.combo_target.addItem("Any target (all questions)", None)
        self.combo_target.setVisible(False)
        self.lbl_summary = QLabel()
        self.lbl_summary.setWordWrap(True)
        self.lbl_legend = QLabel(LEGENDS["competencies"])
        self.lbl_legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.lbl_legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Rows:"))
        top.addWidget(self.radio_competencies)
        top.addWidget(self.radio_questions)
        top.addWidget(self.combo_target)
        top.addSpacing(12)
        top.addWidget(self.lbl_legend, 1)
        self._build_table()
        gaps = self._build_gaps()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("gridSplitter")
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(gaps)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.lbl_summary)
        layout.addWidget(self.splitter, 1)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        # one fixed width for every story column: sizing each column to its contents costs a pass over
        # every cell and label, which froze the window for seconds with hundreds of stories
        self.table.setHorizontalHeader(RotatedHeader(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Coverage grid")
        self.table_stack = EmptyStack(self.table, "No stories yet: write one to see which competencies it covers.")

    def _build_gaps(self) -> QWidget:
        self.list_gaps = QListWidget()
        self.list_gaps.setAccessibleName("Gaps")
        self.list_gaps.setAccessibleName("Gaps")
        self.list_gaps.setWordWrap(True)
        gaps = QWidget()
        gaps_layout = QVBoxLayout(gaps)
        gaps_layout.setContentsMargins(0, 0, 0, 0)
        self.lbl_gaps = QLabel("Gaps")
        font = QFont(self.lbl_gaps.font())
        font.setBold(True)
        self.lbl_gaps.setFont(font)
        gaps_layout.addWidget(self.lbl_gaps)
        gaps_layout.addWidget(self.list_gaps)
        self.btn_write_gap = QPushButton("Write a story for this gap")
        self.btn_write_gap.setToolTip("Start a new draft linked to the selected gap's question, competencies ticked")
        self.btn_write_gap.setEnabled(False)
        gaps_layout.addWidget(self.btn_write_gap)
        return gaps

    def _connect(self) -> None:
        self.radio_questions.toggled.connect(self._on_mode)
        self.table.clicked.connect(self._on_clicked)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.horizontalHeader().sectionDoubleClicked.connect(self._open_column)
        self.list_gaps.itemDoubleClicked.connect(self._on_gap_activated)
        self.list_gaps.currentItemChanged.connect(
            lambda item, _old: self.btn_write_gap.setEnabled(bool(item and item.data(Qt.ItemDataRole.UserRole))))
        self.btn_write_gap.clicked.connect(self.write_story_for_gap)
        self.list_gaps.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_gaps.customContextMenuRequested.connect(self._on_gap_menu)
        self.combo_target.currentIndexChanged.connect(lambda _i: self.refresh())
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(lambda: self.toggle(self.table.currentIndex()))

    # ---- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read stories, competencies and questions from the bank and keep the current cell.

        Stories are read as the grid shows them (ids, titles, status, competencies, linked questions): no text.
        """
        current = self.table.currentIndex()
        row, column = current.row(), current.column()
        stories = self.bank.stories.coverage()
        self._competencies = self.bank.questions.competencies()
        questions = self.bank.questions.list()
        target = self.combo_target.currentData()
        if target is not None:
            questions = [q for q in questions if q.id in target]
        self._questions = questions
        self.model.set_data(stories, self._competencies, questions)
        self._summarize(stories)
        if 0 <= row < self.model.rowCount() and 0 <= column < self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(row, column))

    def refresh_stories(self, story_ids: Iterable[int]) -> None:
        """Re-read only these stories and update their columns in place; a story not shown (new, trashed)
        or a long list of them reloads the grid."""
        ids = sorted(set(story_ids))
        if not ids:
            return
        fresh = self.bank.stories.coverage(ids) if len(ids) <= MAX_PARTIAL else []
        if len(fresh) != len(ids) or not self.model.update_stories(fresh):
            self.refresh()
            return
        self._summarize(self.model.stories())

    def apply_change(self, change: ChangeSet) -> None:
        """What the bank says changed: nothing while the tab is hidden (showing it reloads), a full reload
        when the lists or the settings changed, else only the changed stories' columns."""
        if not self.isVisible():
            return
        if change.story_list or change.questions or change.settings:
            self.refresh()
        elif change.stories:
            self.refresh_stories(change.stories)

    def _summarize(self, stories: list) -> None:
        settings = self.bank.settings.get()
        self.summary = summarize(stories, self._competencies, self._questions,
                                 (settings.stories_min, settings.stories_max))
        self.table_stack.set_empty(not stories)
        self._show_summary(self.summary)
        self._fill_gaps(self.summary)

    def set_targets(self, targets: list[tuple[str, set[int]]]) -> None:
        """Offer to narrow the question rows and gaps to one interview target's questions.

        The chosen target stays chosen when the list is refilled, and the grid follows its new questions.
        """
        chosen, before = self.combo_target.currentText(), self.combo_target.currentData()
        self.combo_target.blockSignals(True)
        self.combo_target.clear()
        self.combo_target.addItem("Any target (all questions)", None)
        for name, ids in targets:
            self.combo_target.addItem(f"Target: {name}", ids)
        self.combo_target.setCurrentIndex(max(0, self.combo_target.findText(chosen)))
        self.combo_target.setVisible(bool(targets))
        self.combo_target.blockSignals(False)
        if self.combo_target.currentData() != before:
            self.refresh()

    def _show_summary(self, s: CoverageSummary) -> None:
        low, high = s.target
        parts = [f"{plural(s.ready, 'ready story', 'ready stories')} (aim for {low}–{high})", f"{s.total} in all"]
        if s.thin_competencies:
            parts.append(plural(len(s.thin_competencies), "competency", "competencies")
                         + f" with fewer than {STORIES_PER_COMPETENCY_WORD} stories")
        if s.weak_stories:
            parts.append(plural(len(s.weak_stories), "story", "stories") + " showing fewer than two competencies")
        self.lbl_summary.setText(" · ".join(parts))

    def _fill_gaps(self, s: CoverageSummary) -> None:
        self.list_gaps.clear()
        self._gap_header(f"Competencies ({len(s.thin_competencies)})")
        for key, name, count in s.thin_competencies:
            text = f"{WARN} {name}: " + ("no story yet" if count == 0 else "only 1 story")
            if s.hinted.get(key):
                text += f" ({plural(s.hinted[key], 'untagged story answers', 'untagged stories answer')} a question on it)"
            self._gap_item(text, ("competencies", key))
        self._gap_header(f"Questions without a story ({len(s.uncovered_questions)})")
        for question_id, text in s.uncovered_questions:
            self._gap_item(f"• {text}", ("questions", question_id))
        if not s.thin_competencies and not s.uncovered_questions:
            self.list_gaps.addItem(f"No gaps: every competency has {STORIES_PER_COMPETENCY_WORD} stories and every "
                                   "question one.")
        self.lbl_gaps.setText("Gaps" if (s.thin_competencies or s.uncovered_questions) else "Gaps — none")
        self.gaps_filled.emit()

    def _gap_item(self, text: str, where: tuple[str, str | int]) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, where)
        item.setToolTip("Double-click to show this row in the grid")
        self.list_gaps.addItem(item)

    def _gap_header(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = QFont(self.list_gaps.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setBackground(QBrush(QColor(0, 0, 0, 0)))
        self.list_gaps.addItem(item)

    # ---- interaction ----------------------------------------------------------------------
    def _on_mode(self, questions: bool) -> None:
        self.model.set_mode("questions" if questions else "competencies")
        self.lbl_legend.setText(LEGENDS[self.model.mode])

    def _on_clicked(self, index: QModelIndex) -> None:
        self._pending = index
        self._click_timer.start()

    def _toggle_pending(self) -> None:
        index, self._pending = self._pending, None
        if index is not None:
            self.toggle(index)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._click_timer.stop()
        self._pending = None
        story_id = index.data(CoverageRoles.STORY_ID)
        if story_id is not None:
            self.open_story.emit(story_id)

    def _open_column(self, column: int) -> None:
        story = self.model.story(column)
        if story is not None and story.id is not None:
            self.open_story.emit(story.id)

    def _on_gap_activated(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if not where:
            return
        mode, key = where
        (self.radio_questions if mode == "questions" else self.radio_competencies).setChecked(True)
        row = self.model.row_of_key(key)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.scrollTo(index)
            self.table.selectRow(row)

    def write_story_for_gap(self) -> None:
        """Start a story for the selected gap: its question, or a question of its competency."""
        item = self.list_gaps.currentItem()
        where = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not where:
            return
        mode, key = where
        if mode == "questions":
            self.write_story.emit(int(key))
        else:
            self.write_story_for_competency.emit(str(key))

    def _on_gap_menu(self, pos: QPoint) -> None:
        item = self.list_gaps.itemAt(pos)
        if item is None or not item.data(Qt.ItemDataRole.UserRole):
            return
        self.list_gaps.setCurrentItem(item)
        menu = QMenu(self.list_gaps)
        menu.addAction("Write a story for this gap", self.write_story_for_gap)
        menu.popup(self.list_gaps.viewport().mapToGlobal(pos))

    def toggle(self, index: QModelIndex) -> bool:
        """Tag/untag the competency (or link/unlink the question) of a cell; True when the bank changed."""
        if not index.isValid():
            return False
        key = index.data(CoverageRoles.ROW_KEY)
        story_id = index.data(CoverageRoles.STORY_ID)
        covered = bool(index.data(CoverageRoles.COVERED))
        try:
            if self.model.mode == "competencies":
                self.bank.stories.tag_competency(story_id, key, on=not covered)
            elif covered:
                self.bank.stories.unlink_question(story_id, key)
            else:
                self.bank.stories.link_question(story_id, key)
        except Exception as exc:
            log.exception("Toggling a grid cell failed")
            self.lbl_summary.setText(f"Could not change the story: {exc}")
            return False
        self.refresh_stories([story_id])  # the bank's change set may do it again: cheap, and never stale
        return True
