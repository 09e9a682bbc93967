"""GUI: the trash: deleted stories wait here to be restored or deleted for good (which asks first)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storybook.bank import StoryFilter
from storybook.gui.context import AppContext
from storybook.gui.dialogs.confirm import ConfirmDialog
from storybook.gui.stories.purge_guard import stop_recordings, stopped_message
from storybook.gui.stories.story_delegate import StoryItemDelegate
from storybook.gui.stories.story_list_model import StoryListModel, StoryRoles
from storybook.gui.widgets.empty import EmptyStack
from storybook.model.values import SECTION_TITLES, SECTIONS, StoryRecord

EMPTY_TEXT = "The trash is empty.\nStories you delete wait here until you restore them or delete them for good."


class TrashView(QWidget):
    """GUI: lists trashed stories with Restore, Delete forever and Empty trash."""

    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = ctx.bank
        self.model = StoryListModel(self)
        self._all: list[StoryRecord] = []  # every trashed story; the list shows those the search finds
        self.model.set_search_source(lambda query: self.bank.stories.search_ids(query, trashed=True),
                                     lambda query, ids: self.bank.stories.search(query, trashed=True, ids=ids))
        self.edit_search = QLineEdit()
        self.edit_search.setPlaceholderText("Search the trash")
        self.edit_search.setClearButtonEnabled(True)
        self.edit_search.setAccessibleName("Search the trash")
        self.list_trash = QListView()
        self.list_trash.setModel(self.model)
        self.list_trash.setItemDelegate(StoryItemDelegate(self.list_trash))
        self.list_trash.setAccessibleName("Trashed stories")
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("Story preview")
        self.preview.setReadOnly(True)
        self.btn_restore = QPushButton("Restore")
        self.btn_purge = QPushButton("Delete forever…")
        self.btn_empty = QPushButton("Empty trash…")
        buttons = QHBoxLayout()
        for button in (self.btn_restore, self.btn_purge):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_empty)
        splitter = QSplitter()
        splitter.addWidget(self.list_trash)
        splitter.addWidget(self.preview)
        splitter.setSizes([360, 640])
        self.stack = EmptyStack(splitter, EMPTY_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit_search)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.btn_restore.clicked.connect(self.restore_selected)
        self.edit_search.textChanged.connect(lambda _text: self._show())
        self.btn_purge.clicked.connect(self.purge_selected)
        self.btn_empty.clicked.connect(self.empty_trash)
        self.list_trash.selectionModel().currentChanged.connect(lambda *_: self._update())

    def refresh(self, names: dict[str, str] | None = None) -> None:
        self.model.set_competency_names(names or self.bank.questions.competency_names())
        self._all = self.bank.stories.list(StoryFilter(trashed=True))
        self._show()

    def _show(self) -> None:
        """The trashed stories the search finds (all of them without a search), each with where it matched."""
        query = self.edit_search.text()
        found = self.bank.stories.search_ids(query, trashed=True) if query.strip() else None
        self.model.set_query(query)
        self.model.set_rows([r for r in self._all if found is None or r.id in found])
        if self.model.rowCount():
            self.list_trash.setCurrentIndex(self.model.index(0, 0))
        self._update()

    def count(self) -> int:
        return self.model.rowCount()

    def selected(self) -> StoryRecord | None:
        index = self.list_trash.currentIndex()
        return index.data(StoryRoles.RECORD) if index.isValid() else None

    def _update(self) -> None:
        empty = self.model.rowCount() == 0
        self.stack.set_empty(empty, "No story in the trash matches the search." if self._all else EMPTY_TEXT)
        record = self.selected()
        self.btn_restore.setEnabled(record is not None)
        self.btn_purge.setEnabled(record is not None)
        self.btn_empty.setEnabled(bool(self._all))
        if record is None:
            self.preview.setPlainText("")
            return
        parts = [record.title or "Untitled story"]
        parts += [f"{SECTION_TITLES[s]}\n{record.section_text(s)}" for s in SECTIONS if record.section_text(s)]
        self.preview.setPlainText("\n\n".join(parts))

    def restore_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        self.bank.stories.restore(record.id)
        self.refresh()
        self.message.emit(f"Restored “{record.title or 'Untitled story'}”.")

    def purge_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        title = record.title or "Untitled story"
        ok, _accepted = ConfirmDialog.ask(self, "Delete forever?", f"Delete “{title}” for good?",
                                          "Delete forever", "Its rehearsals go with it. Its last version stays in Story → "
                                          "History of deleted stories until you empty that history.")
        if not ok:
            return
        stopped = stop_recordings([record.id])
        self.bank.stories.purge(record.id)
        self.refresh()
        self.message.emit(f"{stopped_message(stopped)}Deleted “{title}” for good.")

    def empty_trash(self) -> None:
        count = len(self._all)  # the whole trash, whatever the search shows
        if not count:
            return
        ok, _accepted = ConfirmDialog.ask(self, "Empty the trash?",
                                          f"Delete the {count} {'story' if count == 1 else 'stories'} in the trash "
                                          "for good?", "Empty trash", "This cannot be undone.")
        if not ok:
            return
        stopped = stop_recordings([r.id for r in self._all])
        removed = self.bank.stories.empty_trash()
        self.refresh()
        self.message.emit(f"{stopped_message(stopped)}Deleted {removed} {'story' if removed == 1 else 'stories'} for good.")
