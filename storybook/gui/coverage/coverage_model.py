"""GUI: the coverage grid model (competencies or questions against stories) and the summary behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from storybook.model.measures import COMPETENCIES_PER_STORY, STORIES_PER_COMPETENCY, STORY_COUNT_RANGE
from storybook.model.values import CompetencyRecord, LinkedQuestion, QuestionRecord

Index = QModelIndex | QPersistentModelIndex
READY_TARGET = STORY_COUNT_RANGE  # the settings' default (stories_min, stories_max)
WARN_BACKGROUND = QColor("#f6c343")  # amber with black text: readable in light and dark palettes
WARN_FOREGROUND = QColor("#1a1a1a")
COVERED_BACKGROUND = QColor(46, 125, 50, 90)  # translucent green shows on light and dark bases
CHECK = "\u2714"
HINT = "\u25cb"  # a hollow circle: a linked question asks for this competency, but the story is not tagged
WARN = "\u26a0"


class GridStory(Protocol):
    """GUI: what the grid reads of a story (``bank.stories.coverage()`` gives exactly this; a StoryRecord has it)."""

    id: int | None
    title: str
    status: str
    competencies: list[str]
    questions: list[LinkedQuestion]


@dataclass
class CoverageRow:
    """GUI: one grid row (a competency or a question) and the stories that cover it."""

    key: str | int
    label: str
    detail: str
    story_ids: set[int] = field(default_factory=set)
    hinted_ids: set[int] = field(default_factory=set)  # stories whose linked questions ask for it, untagged
    hint_questions: dict[int, list[str]] = field(default_factory=dict)  # story id -> those questions


@dataclass
class CoverageSummary:
    """GUI: the figures the summary line and the Gaps list show."""

    ready: int
    total: int
    thin_competencies: list[tuple[str, str, int]]  # (key, name, stories) for competencies under the minimum
    uncovered_questions: list[tuple[int, str]]  # (id, text)
    weak_stories: list[str]  # stories showing fewer than two competencies
    hinted: dict[str, int] = field(default_factory=dict)  # competency -> untagged stories whose questions ask for it
    target: tuple[int, int] = READY_TARGET  # how many ready stories to aim for (from the settings)

    @property
    def ready_in_target(self) -> bool:
        return self.target[0] <= self.ready <= self.target[1]


def competency_rows(stories: list[GridStory], competencies: list[CompetencyRecord],
                    questions: list[QuestionRecord] | None = None) -> list[CoverageRow]:
    rows = [CoverageRow(c.key, c.name, c.description) for c in competencies]
    by_key = {row.key: row for row in rows}
    asks = {q.id: q.competencies for q in questions or []}
    for story in stories:
        if story.id is None:
            continue
        for key in story.competencies:
            if key in by_key:
                by_key[key].story_ids.add(story.id)
        for link in story.questions:
            for key in asks.get(link.question_id, []):
                row = by_key.get(key)
                if row is not None and key not in story.competencies:
                    row.hinted_ids.add(story.id)
                    row.hint_questions.setdefault(story.id, []).append(link.text)
    return rows


def question_rows(stories: list[GridStory], questions: list[QuestionRecord]) -> list[CoverageRow]:
    rows = [CoverageRow(q.id, q.text, q.assesses) for q in questions if not q.hidden]
    by_id = {row.key: row for row in rows}
    for story in stories:
        for link in story.questions:
            if link.question_id in by_id and story.id is not None:
                by_id[link.question_id].story_ids.add(story.id)
    return rows


def summarize(stories: list[GridStory], competencies: list[CompetencyRecord],
              questions: list[QuestionRecord], target: tuple[int, int] = READY_TARGET) -> CoverageSummary:
    comp_rows = competency_rows(stories, competencies, questions)
    thin = [(str(r.key), r.label, len(r.story_ids)) for r in comp_rows
            if len(r.story_ids) < STORIES_PER_COMPETENCY]
    uncovered = [(int(r.key), r.label) for r in question_rows(stories, questions) if not r.story_ids]
    weak = [s.title.strip() or "Untitled story" for s in stories if len(s.competencies) < COMPETENCIES_PER_STORY]
    ready = sum(1 for s in stories if s.status == "ready")
    hinted = {str(r.key): len(r.hinted_ids) for r in comp_rows if r.hinted_ids}
    return CoverageSummary(ready=ready, total=len(stories), thin_competencies=thin,
                           uncovered_questions=uncovered, weak_stories=weak, hinted=hinted, target=target)


class CoverageRoles:
    """GUI: custom data roles of the coverage grid."""

    COVERED = int(Qt.ItemDataRole.UserRole) + 1
    ROW_KEY = COVERED + 1
    STORY_ID = COVERED + 2
    WARNING = COVERED + 3  # on headers: True when the row or column is under its minimum
    HINTED = COVERED + 4  # competency cells: a linked question asks for it but the story is not tagged


class CoverageModel(QAbstractTableModel):
    """GUI: rows are competencies (or questions), columns are stories; a cell is covered or not."""

    MODES = ("competencies", "questions")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mode = "competencies"
        self._stories: list[GridStory] = []
        self._competencies: list[CompetencyRecord] = []
        self._questions: list[QuestionRecord] = []
        self._rows: list[CoverageRow] = []

    @property
    def mode(self) -> str:
        return self._mode

    def set_data(self, stories: list[GridStory], competencies: list[CompetencyRecord],
                 questions: list[QuestionRecord]) -> None:
        self.beginResetModel()
        self._stories, self._competencies, self._questions = list(stories), list(competencies), list(questions)
        self._rebuild()
        self.endResetModel()

    def update_stories(self, stories: Sequence[GridStory]) -> bool:
        """Put fresh copies of shown stories in their columns (they keep their place); False when one of them is
        not shown, so the caller reloads instead. Rows and columns stay; only cells and headers change."""
        columns = {story.id: column for column, story in enumerate(self._stories)}
        if any(story.id not in columns for story in stories):
            return False
        for story in stories:
            self._stories[columns[story.id]] = story
        self._rebuild()
        if self._rows and self._stories:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._stories) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._stories) - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)
        return True

    def stories(self) -> list[GridStory]:
        return list(self._stories)

    def set_mode(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(f"Unknown grid mode {mode!r}.")
        self.beginResetModel()
        self._mode = mode
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        if self._mode == "competencies":
            self._rows = competency_rows(self._stories, self._competencies, self._questions)
        else:
            self._rows = question_rows(self._stories, self._questions)

    # ---- reading ----------------------------------------------------------------------
    def row_info(self, row: int) -> CoverageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def story(self, column: int) -> GridStory | None:
        return self._stories[column] if 0 <= column < len(self._stories) else None

    def row_of_key(self, key: str | int) -> int:
        return next((row for row, info in enumerate(self._rows) if info.key == key), -1)

    def row_warning(self, row: int) -> bool:
        info = self._rows[row]
        minimum = STORIES_PER_COMPETENCY if self._mode == "competencies" else 1
        return len(info.story_ids) < minimum

    def column_warning(self, column: int) -> bool:
        return len(self._stories[column].competencies) < COMPETENCIES_PER_STORY

    def is_covered(self, row: int, column: int) -> bool:
        return self._stories[column].id in self._rows[row].story_ids

    def is_hinted(self, row: int, column: int) -> bool:
        return self._stories[column].id in self._rows[row].hinted_ids

    # ---- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._stories)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._stories)):
            return None
        row, column = index.row(), index.column()
        covered = self.is_covered(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return CHECK if covered else HINT if self.is_hinted(row, column) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and covered:
            return QBrush(COVERED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, column, covered)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "covered" if covered else "suggested" if self.is_hinted(row, column) else "not covered"
        if role == CoverageRoles.COVERED:
            return covered
        if role == CoverageRoles.HINTED:
            return self.is_hinted(row, column)
        if role == CoverageRoles.ROW_KEY:
            return self._rows[row].key
        if role == CoverageRoles.STORY_ID:
            return self._stories[column].id
        return None

    def _cell_tooltip(self, row: int, column: int, covered: bool) -> str:
        info, story = self._rows[row], self._stories[column]
        title = story.title.strip() or "Untitled story"
        verb = ("untag" if covered else "tag") if self._mode == "competencies" else ("unlink" if covered else "link")
        state = "shows" if self._mode == "competencies" else "answers"
        lead = f"“{title}” {state} {info.label}." if covered else f"“{title}” does not {state[:-1]} {info.label}."
        asked = info.hint_questions.get(story.id or -1, []) if not covered else []
        if asked:
            lead += "\nIt answers a linked question that asks for it: " + "; ".join(f"“{q}”" for q in asked[:3])
        return f"{lead}\nClick to {verb}; double-click to open the story."

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self._row_header(section, role) if 0 <= section < len(self._rows) else None
        return self._column_header(section, role) if 0 <= section < len(self._stories) else None

    def _row_header(self, row: int, role: int) -> Any:
        info, warn = self._rows[row], self.row_warning(row)
        count = len(info.story_ids)
        if role == Qt.ItemDataRole.DisplayRole:
            label = info.label if len(info.label) <= 70 else info.label[:69] + "…"
            return f"{WARN + ' ' if warn else ''}{label}  ({count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            need = STORIES_PER_COMPETENCY if self._mode == "competencies" else 1
            advice = f"\nAim for at least {need} {'stories' if need > 1 else 'story'}." if warn else ""
            return f"{info.label}\n{count} {'story' if count == 1 else 'stories'}{advice}"
        return self._warning_roles(warn, role)

    def _column_header(self, column: int, role: int) -> Any:
        story, warn = self._stories[column], self.column_warning(column)
        title = story.title.strip() or "Untitled story"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{WARN + ' ' if warn else ''}{title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = len(story.competencies)
            advice = "\nA story should show at least two competencies." if warn else ""
            return f"{title}\n{story.status.capitalize()} · {shown} competenc{'y' if shown == 1 else 'ies'}{advice}"
        return self._warning_roles(warn, role)

    @staticmethod
    def _warning_roles(warn: bool, role: int) -> Any:
        if role == CoverageRoles.WARNING:
            return warn
        if warn and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(WARN_BACKGROUND)
        if warn and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(WARN_FOREGROUND)
        return None
