"""GUI: the question bank: browse by competency, search, details with linked stories, add, hide/unhide."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.context import AppContext
from storybook.gui.questions.question_edit import QuestionEditDialog
from storybook.gui.questions.question_model import QuestionFilterProxy, QuestionModel, QuestionRoles
from storybook.gui.widgets.empty import EmptyStack
from storybook.model.values import QuestionRecord

log = logging.getLogger(__name__)


class QuestionTable(QTableView):
    """GUI: the question table; the competencies column gives way first when the table gets narrow."""

    COMPETENCY_WIDTH = 220

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        width = max(110, min(self.COMPETENCY_WIDTH, self.viewport().width() * 3 // 10))
        self.horizontalHeader().resizeSection(1, width)


class QuestionBankView(QWidget):
    """GUI: the bank's questions; emits ``open_story`` when a linked story is clicked."""

    open_story = Signal(int)
    write_story = Signal(int)  # question id: "Write a story for this question"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = ctx.bank
        self.model = QuestionModel(self)
        self.proxy = QuestionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._titles: dict[int, str] = {}
        self._build()
        self._connect()

    def _build(self) -> None:
        self.list_competencies = QListWidget()
        self.list_competencies.setAccessibleName("Competencies")
        self.list_competencies.setWordWrap(True)
        self.edit_search = QLineEdit()
        self.edit_search.setPlaceholderText("Search questions")
        self.edit_search.setClearButtonEnabled(True)
        self.check_hidden = QCheckBox("Show hidden")
        self.btn_add = QPushButton("Add question…")
        self._build_table()
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Question details")
        self.browser.setOpenLinks(False)
        self.btn_hide = QPushButton("Hide question")
        self.btn_hide.setEnabled(False)
        self.btn_write = QPushButton("Write a story for this question")
        self.btn_write.setToolTip("Start a new draft linked to this question, with its competencies ticked")
        self.btn_write.setEnabled(False)
        self._build_layout()

    def _build_table(self) -> None:
        self.table = QuestionTable()
        self.table.setAccessibleName("Questions")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, QuestionTable.COMPETENCY_WIDTH)
        self.table.setAlternatingRowColors(True)
        self.table_stack = EmptyStack(self.table, "No questions match the search.")

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.edit_search, 1)
        top.addWidget(self.check_hidden)
        top.addWidget(self.btn_add)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(top)
        middle_layout.addWidget(self.table_stack)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.browser, 1)
        detail_layout.addWidget(self.btn_write)
        detail_layout.addWidget(self.btn_hide)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("questionSplitter")
        for widget in (self.list_competencies, middle, detail):
            self.splitter.addWidget(widget)
        for index, stretch in enumerate((1, 3, 1)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([260, 640, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.list_competencies.currentItemChanged.connect(self._on_competency)
        self.edit_search.textChanged.connect(self._on_search)
        self.check_hidden.toggled.connect(self._on_show_hidden)
        self.btn_add.clicked.connect(self.add_question)
        self.btn_hide.clicked.connect(self.toggle_hidden)
        self.btn_write.clicked.connect(self.request_story)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.browser.anchorClicked.connect(self._on_anchor)

    # ---- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.selected()
        names = self.bank.questions.competency_names()
        questions = self.bank.questions.list(include_hidden=True)
        self._titles = {s.id: s.title.strip() or "Untitled story" for s in self.bank.stories.list()}
        self.model.set_rows(questions, names)
        self._fill_competencies(names, questions)
        self._update_empty()
        if current is not None:
            self.select_question(current.id)
        self._show_detail()

    def _fill_competencies(self, names: dict[str, str], questions: list[QuestionRecord]) -> None:
        key = self.list_competencies.currentItem().data(Qt.ItemDataRole.UserRole) \
            if self.list_competencies.currentItem() else None
        visible = [q for q in questions if not q.hidden]
        self.list_competencies.blockSignals(True)
        self.list_competencies.clear()
        all_item = QListWidgetItem(f"All questions ({len(visible)})")
        all_item.setData(Qt.ItemDataRole.UserRole, None)
        self.list_competencies.addItem(all_item)
        for comp_key, name in sorted(names.items(), key=lambda kv: kv[1].casefold()):
            count = sum(1 for q in visible if comp_key in q.competencies)
            item = QListWidgetItem(f"{name} ({count})")
            item.setData(Qt.ItemDataRole.UserRole, comp_key)
            self.list_competencies.addItem(item)
            if comp_key == key:
                self.list_competencies.setCurrentItem(item)
        if self.list_competencies.currentItem() is None:
            self.list_competencies.setCurrentRow(0)
        self.list_competencies.blockSignals(False)

    def selected(self) -> QuestionRecord | None:
        index: QModelIndex = self.table.currentIndex()
        return index.data(QuestionRoles.RECORD) if index.isValid() else None

    def select_question(self, question_id: int) -> bool:
        row = self.model.row_of(question_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    # ---- interaction ----------------------------------------------------------------------
    def _on_competency(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        self.proxy.set_competency(item.data(Qt.ItemDataRole.UserRole) if item else None)
        self._update_empty()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_empty()

    def _on_show_hidden(self, show: bool) -> None:
        self.proxy.set_show_hidden(show)
        self._update_empty()

    def _update_empty(self) -> None:
        self.table_stack.set_empty(self.proxy.rowCount() == 0)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._show_detail()

    def _show_detail(self) -> None:
        record = self.selected()
        self.btn_hide.setEnabled(record is not None)
        self.btn_write.setEnabled(record is not None)
        if record is None:
            self.browser.setHtml("<p>Select a question to see what it assesses and which stories answer it.</p>")
            return
        self.btn_hide.setText("Show question again" if record.hidden else "Hide question")
        self.browser.setHtml(self._detail_html(record))

    def _detail_html(self, record: QuestionRecord) -> str:
        esc = html.escape
        points = "".join(f"<li>{esc(p)}</li>" for p in record.key_points) or "<li>None written down.</li>"
        stories = "".join(f"<li><a href='story:{sid}'>{esc(self._titles.get(sid, f'Story {sid}'))}</a></li>"
                          for sid in record.story_ids)
        stories = f"<ul>{stories}</ul>" if stories else "<p>No story answers this question yet.</p>"
        comps = ", ".join(esc(n) for n in self.model.competency_names(record)) or "none"
        origin = "Built-in question" if record.builtin else "Your question"
        hidden = " · hidden" if record.hidden else ""
        return (f"<h3>{esc(record.text)}</h3><p><i>{origin}{hidden}</i> · {comps}</p>"
                f"<p><b>Assesses:</b> {esc(record.assesses) or '—'}</p>"
                f"<p><b>Key points</b></p><ul>{points}</ul><p><b>Stories</b></p>{stories}")

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("story:"):
            self.open_story.emit(int(text.split(":", 1)[1]))

    def request_story(self) -> None:
        record = self.selected()
        if record is not None:
            self.write_story.emit(record.id)

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        menu.addAction("Write a story for this question", self.request_story)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def add_question(self) -> None:
        fields, accepted = QuestionEditDialog.get_question(self, self.bank.questions.competencies())
        if not accepted or not fields:
            return
        try:
            record = self.bank.questions.add(**fields)
        except ValueError as exc:
            self.browser.setHtml(f"<p><b>The question was not added:</b> {html.escape(str(exc))}</p>")
            return
        self.edit_search.clear()
        self.list_competencies.setCurrentRow(0)
        self.refresh()
        self.select_question(record.id)

    def toggle_hidden(self) -> None:
        record = self.selected()
        if record is None:
            return
        self.bank.questions.set_hidden(record.id, not record.hidden)
        if not record.hidden and not self.check_hidden.isChecked():
            self.check_hidden.setChecked(True)  # keep the question in view so "show again" is one click away
        self.refresh()
        self.select_question(record.id)
