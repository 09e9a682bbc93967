"""GUI: the story list with search (Ctrl+F), competency / tag / status filters and sorting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from storybook.gui.stories.story_delegate import StoryItemDelegate
from storybook.gui.stories.story_list_model import StoryFilterProxy, StoryListModel, StoryRoles
from storybook.gui.widgets.empty import EmptyStack

SORT_LABELS = {"updated": "Recently edited", "title": "Title", "score": "Check score"}


class StoryListPanel(QWidget):
    """GUI: lists stories; emits ``current_changed(story_id or None)`` when the selection moves."""

    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = StoryListModel(self)
        self.proxy = StoryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._connect()
        self.set_score_sort_available(False)

    def _build(self) -> None:
        self.edit_search = QLineEdit()
        self.edit_search.setPlaceholderText("Search stories, tags and notes (Ctrl+F)")
        self.edit_search.setClearButtonEnabled(True)
        self.edit_search.setAccessibleName("Search stories")
        self.combo_competency = self._combo("Any competency")
        self.combo_tag = self._combo("Any tag")
        self.combo_status = self._combo("Any status")
        self.combo_status.addItem("Draft", "draft")
        self.combo_status.addItem("Ready", "ready")
        self.combo_sort = QComboBox()
        self.combo_sort.setAccessibleName("Sort stories by")
        filters = QGridLayout()
        filters.addWidget(self.combo_competency, 0, 0, 1, 2)
        filters.addWidget(self.combo_tag, 1, 0)
        filters.addWidget(self.combo_status, 1, 1)
        filters.addWidget(QLabel("Sort:"), 2, 0)
        filters.addWidget(self.combo_sort, 2, 1)
        self.list_stories = QListView()
        self.list_stories.setModel(self.proxy)
        self.list_stories.setItemDelegate(StoryItemDelegate(self.list_stories))
        self.list_stories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_stories.setUniformItemSizes(True)
        self.list_stories.setAccessibleName("Stories")
        self.stack = EmptyStack(self.list_stories, "No stories yet.")
        self.lbl_count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit_search)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.lbl_count)

    def _combo(self, any_label: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_label, None)
        combo.setAccessibleName(any_label.replace("Any ", "Filter by "))
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _connect(self) -> None:
        self.edit_search.textChanged.connect(self._on_search)
        self.edit_search.installEventFilter(self)
        for combo in (self.combo_competency, self.combo_tag, self.combo_status):
            combo.currentIndexChanged.connect(self._on_filters)
        self.combo_sort.currentIndexChanged.connect(self._on_sort)
        self.list_stories.selectionModel().currentChanged.connect(self._on_current)

    # ---- public API -------------------------------------------------------------------
    def set_stories(self, records: list[Any], keep: int | None = None) -> None:
        """Replace the rows (summaries or records) and select ``keep`` (or the first visible story)."""
        self.model.set_rows(records)
        self.proxy.resort()
        self._update_empty()
        if not self.select_story(keep):
            self._select_first()

    def set_competencies(self, names: dict[str, str]) -> None:
        self.model.set_competency_names(names)
        self._refill(self.combo_competency, sorted(names.items(), key=lambda kv: kv[1].casefold()))

    def set_tags(self, tags: list[str]) -> None:
        self._refill(self.combo_tag, [(t, t) for t in tags])

    def set_score_sort_available(self, available: bool) -> None:
        current = self.combo_sort.currentData() or "updated"
        self.combo_sort.blockSignals(True)
        self.combo_sort.clear()
        for key, label in SORT_LABELS.items():
            if key != "score" or available:
                self.combo_sort.addItem(label, key)
        self.combo_sort.setCurrentIndex(max(0, self.combo_sort.findData(current)))
        self.combo_sort.blockSignals(False)
        self._on_sort()

    def current_story_id(self) -> int | None:
        index = self.list_stories.currentIndex()
        return index.data(StoryRoles.ID) if index.isValid() else None

    def select_story(self, story_id: int | None) -> bool:
        row = self.model.row_of(story_id)
        if story_id is None or row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.list_stories.selectionModel().setCurrentIndex(index, flags)
        self.list_stories.scrollTo(index)
        return True

    def visible_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(StoryRoles.ID) for r in range(self.proxy.rowCount())]

    def focus_search(self) -> None:
        self.edit_search.setFocus()
        self.edit_search.selectAll()

    def clear_filters(self) -> None:
        self.edit_search.clear()
        for combo in (self.combo_competency, self.combo_tag, self.combo_status):
            combo.setCurrentIndex(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit_search and event.type() == QEvent.Type.FocusIn:
            self.model.warm_up()
        return super().eventFilter(watched, event)

    # ---- internals --------------------------------------------------------------------
    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """Swap in a new item model in one go (adding items one by one relayouts the combo each time)."""
        current = combo.currentData()
        first = (combo.itemText(0), combo.itemData(0))
        model = QStandardItemModel(combo)
        for label, key in (first, *((label, key) for key, label in items)):
            item = QStandardItem(label)
            item.setData(key, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        combo.blockSignals(True)
        combo.setModel(model)  # the combo deletes the model it owned before
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filter()

    def _on_filters(self) -> None:
        self.proxy.set_filters(self.combo_competency.currentData(), self.combo_tag.currentData(),
                               self.combo_status.currentData())
        self._after_filter()

    def _on_sort(self) -> None:
        self.proxy.set_sort_key(self.combo_sort.currentData() or "updated")
        current = self.list_stories.currentIndex()
        if current.isValid():
            self.list_stories.scrollTo(current)

    def _after_filter(self) -> None:
        self._update_empty()
        if not self.list_stories.currentIndex().isValid():
            self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.list_stories.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.current_changed.emit(None)

    def _update_empty(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.stack.set_empty(True, "No stories yet. Press Ctrl+N to write one.")
        elif shown == 0:
            self.stack.set_empty(True, "No stories match the search and filters.\nClear them to see all stories.")
        else:
            self.stack.set_empty(False)
        self.lbl_count.setText(f"{shown} of {total} stories" if shown != total else
                               f"{total} {'story' if total == 1 else 'stories'}")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current.data(StoryRoles.ID) if current.isValid() else None)
