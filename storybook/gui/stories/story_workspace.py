"""GUI: the Stories tab: story list, STAR editor and linked questions, with autosave."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from storybook.gui.context import AppContext
from storybook.gui.questions.question_picker import QuestionPickerDialog
from storybook.gui.stories.autosave import Autosaver
from storybook.gui.stories.first_run import FirstRunPanel
from storybook.gui.stories.linked_questions import LinkedQuestionsPanel
from storybook.gui.stories.search_marks import SearchMarks
from storybook.gui.stories.star_editor import StarEditor
from storybook.gui.stories.story_list import StoryListPanel
from storybook.gui.widgets.empty import EmptyStack
from storybook.model.values import Settings, StoryRecord

log = logging.getLogger(__name__)
UNDO_DEPTH = 20  # trashed stories Ctrl+Z in the story list can put back, newest first


class StoryWorkspace(QWidget):
    """GUI: where the user writes; saves through the bank and tells the window what happened."""

    save_state = Signal(str)  # "Saved", "Editing…", "Not saved: …"
    message = Signal(str)  # a transient status-bar message
    story_loaded = Signal(object)  # StoryRecord or None
    trashed = Signal(int, str)  # story id and title: the window offers to undo it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bank = ctx.bank
        self._story_id: int | None = None
        self._names: dict[str, str] = {}
        self._trash_undo: list[tuple[int, str]] = []  # newest last: what Undo can put back
        # how background reads are started; the main window makes them wait for its first paint
        self.defer: Callable[[Callable[[], object]], None] = lambda job: job()
        self.question_fits: dict[int, Any] = {}  # question id -> fit for the open story (set by matching)
        self._build()
        self.autosaver = Autosaver(self._save_story, self.editor.values, parent=self)
        self._connect()

    # ---- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.list_panel = StoryListPanel()
        self.editor = StarEditor()
        self.search_marks = SearchMarks(self.editor.edit_title, [e.edit for e in self.editor.text_editors()],
                                        scroll=self.editor.scroll, parent=self)
        self.list_panel.model.set_search_source(lambda query: self.bank.stories.search_ids(query),
                                                lambda query, ids: self.bank.stories.search(query, ids=ids))
        self.editor_stack = EmptyStack(self.editor, "Select a story on the left, or press Ctrl+N to write a new one.")
        self.links_panel = LinkedQuestionsPanel()
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.links_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("storySplitter")
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.addWidget(self.side_splitter)
        # All three share a resize (the editor most), so a small or 200%-scaled window keeps the editor usable.
        for index, stretch in enumerate((1, 3, 1)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([300, 700, 300])
        self.splitter.setChildrenCollapsible(False)
        self.first_run = FirstRunPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.first_run)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _connect(self) -> None:
        self.list_panel.current_changed.connect(self._on_current_changed)
        self.list_panel.edit_search.textChanged.connect(self.search_marks.set_query)
        self.editor.edited.connect(self._on_edited)
        self.editor.links_changed.connect(self._on_links_changed)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self.save_state)
        self.links_panel.add_requested.connect(self.add_question)
        self.links_panel.remove_requested.connect(self.remove_question)
        self.links_panel.note_edited.connect(self._on_note_edited)
        self.editor.notice.connect(self.message)
        self.links_panel.notice.connect(self.message)
        self.first_run.load_samples_clicked.connect(self.load_samples)
        self.first_run.write_first_clicked.connect(self.new_story)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._on_focus_changed)

    # ---- loading ----------------------------------------------------------------------
    @property
    def current_story_id(self) -> int | None:
        return self._story_id

    @property
    def is_first_run(self) -> bool:
        return self.stack.currentWidget() is self.first_run

    def reload(self, select_id: int | None = None) -> None:
        """Read the stories, competencies and tags from the bank and show them."""
        self._names = self.bank.questions.competency_names()
        tags = self.bank.stories.all_tags()
        records = self.bank.stories.summaries()  # what the list shows; the text is read when a story opens
        self.editor.set_options(self._names, tags)
        self.list_panel.set_competencies(self._names)
        self.list_panel.set_tags(tags)
        self.list_panel.set_stories(records, keep=select_id if select_id is not None else self._story_id)
        self.stack.setCurrentWidget(self.first_run if not records else self.splitter)
        if not records:
            self._load(None)

    def find_match(self, forward: bool = True) -> None:
        """F3 / Shift+F3: the next or previous match of the list's search in the open story."""
        if not self.search_marks.active:
            self.message.emit("Type in the story list's search box first (Ctrl+F).")
        elif self._story_id is None or not self.search_marks.step(forward):
            self.message.emit("The search does not match anything in this story.")

    def apply_settings(self, settings: Settings, pace_source: str) -> None:
        self.editor.apply_settings(settings, pace_source)
        self.first_run.set_goals(settings)

    def _on_current_changed(self, story_id: int | None) -> None:
        if story_id == self._story_id:
            return
        self.links_panel.flush()
        if not self.autosaver.flush():
            if self._story_id is not None:
                self.list_panel.select_story(self._story_id)
            return
        self._load(story_id)

    def _load(self, story_id: int | None) -> None:
        record = None
        if story_id is not None:
            try:
                record = self.bank.stories.get(story_id)
            except Exception as exc:  # a story removed elsewhere: show the empty state, never crash
                log.warning("Could not load story %s: %s", story_id, exc)
                self.message.emit(f"Could not open the story: {exc}")
        self._story_id = record.id if record else None
        self.autosaver.begin(self._story_id, record)
        if record is None:
            self.editor_stack.set_empty(True)
            self.links_panel.set_links([], enabled=False)
        else:
            self.editor.load(record)
            self.search_marks.refresh()
            self.editor_stack.set_empty(False)
            self.links_panel.set_links(record.questions)
        self.story_loaded.emit(record)

    # ---- saving -----------------------------------------------------------------------
    def _save_story(self, story_id: int, values: dict[str, Any]) -> StoryRecord:
        from storybook.bank.story_sync import Decision, describe, save_checked  # the full bank: after first paint

        outcome = save_checked(self.bank, story_id, values, self.autosaver.base)
        if outcome.decision is Decision.RELOAD or outcome.recreated:
            QTimer.singleShot(0, lambda: self.reload_current(outcome.record.id))
        if describe(outcome):
            self.message.emit(describe(outcome))
        return outcome.record

    def reload_current(self, story_id: int | None = None) -> None:
        """Show the stored version of the current story again (it was changed elsewhere; nothing unsaved here)."""
        if self.autosaver.dirty:
            return
        story_id = self._story_id if story_id is None else story_id
        if story_id is not None and self.list_panel.model.row_of(story_id) < 0:
            self.reload(select_id=story_id)
        self._load(story_id)

    def flush(self) -> bool:
        """Save pending edits now (story switch, tab switch, window close); False if that failed."""
        self.links_panel.flush()
        return self.autosaver.flush()

    def _on_edited(self) -> None:
        self.autosaver.touch()
        self.save_state.emit("Editing…")

    def _on_links_changed(self) -> None:
        self.autosaver.touch()
        self.autosaver.flush()

    def _on_saved(self, record: StoryRecord) -> None:
        self.list_panel.model.upsert(record)
        new_tags = set(record.tags) - set(self.editor.chips_tags.options())
        if new_tags:
            self.editor.chips_tags.set_options({t: t for t in self.bank.stories.all_tags()})
            self.list_panel.set_tags(self.bank.stories.all_tags())
        self.save_state.emit("Saved")

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or old is new:
            return
        if self.editor.isAncestorOf(old) and self.autosaver.dirty:
            self.autosaver.flush()
        elif self.links_panel.isAncestorOf(old) and self.links_panel.has_pending():
            self.links_panel.flush()

    # ---- story actions ----------------------------------------------------------------
    def new_story(self) -> None:
        if not self.flush():
            return
        record = self.bank.stories.create(title="")
        self.list_panel.clear_filters()
        self.reload(select_id=record.id)
        self.editor.edit_title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.message.emit("New story created. Give it a title, then fill in the four sections.")

    def duplicate_current(self) -> None:
        if self._story_id is None or not self.flush():
            return
        record = self.bank.stories.duplicate(self._story_id)
        self.list_panel.clear_filters()
        self.reload(select_id=record.id)
        self.message.emit(f"Duplicated as “{record.title}”.")

    def trash_current(self) -> None:
        if self._story_id is None or not self.flush():
            return
        story_id = self._story_id
        visible = self.list_panel.visible_ids()
        position = visible.index(story_id) if story_id in visible else 0
        remaining = [i for i in visible if i != story_id]
        next_id = remaining[min(position, len(remaining) - 1)] if remaining else None
        title = self.editor.edit_title.text().strip() or "Untitled story"
        self.bank.stories.trash(story_id)
        self._story_id = None
        self.autosaver.begin(None)
        self.reload(select_id=next_id)
        self._trash_undo = [*self._trash_undo, (story_id, title)][-UNDO_DEPTH:]
        self.trashed.emit(story_id, title)

    def can_undo_trash(self) -> bool:
        return bool(self._trash_undo)

    def undo_trash(self) -> bool:
        """Put the most recently trashed story (still in the trash) back, and select it."""
        while self._trash_undo:
            story_id, title = self._trash_undo.pop()
            try:
                still_trashed = self.bank.stories.get(story_id).deleted_at is not None
            except Exception:  # purged since: nothing to put back
                still_trashed = False
            if not still_trashed:
                continue
            if not self.flush():
                self._trash_undo.append((story_id, title))
                return False
            self.bank.stories.restore(story_id)
            self.reload(select_id=story_id)
            self.open_story(story_id)
            self.list_panel.list_stories.setFocus()
            self.message.emit(f"Restored “{title}” from the trash.")
            return True
        self.message.emit("Nothing to undo.")
        return False

    def open_story(self, story_id: int) -> None:
        if self.list_panel.model.row_of(story_id) < 0:
            self.reload(select_id=story_id)
        if not self.list_panel.select_story(story_id):
            self.list_panel.clear_filters()
            self.list_panel.select_story(story_id)

    def load_samples(self) -> None:
        added = self.bank.stories.load_samples()
        self.reload()
        self.message.emit(f"Added {added} sample stories." if added else "The sample stories are already here.")

    # ---- linked questions ---------------------------------------------------------------
    def add_question(self) -> None:
        if self._story_id is None:
            return
        questions = self.bank.questions.list()
        value, accepted = QuestionPickerDialog.pick(self, questions, self._names, self.links_panel.linked_ids(),
                                                    fits=self.question_fits)
        if not accepted or value is None:
            return
        question_id, note = value
        self._change_link(lambda: self.bank.stories.link_question(self._story_id, question_id, note))

    def remove_question(self, question_id: int) -> None:
        if self._story_id is not None:
            self._change_link(lambda: self.bank.stories.unlink_question(self._story_id, question_id))

    def _change_link(self, change: Any) -> None:
        self.links_panel.flush()
        try:
            change()
            record = self.bank.stories.get(self._story_id)
        except Exception as exc:
            log.exception("Changing a question link failed")
            self.save_state.emit(f"Not saved: {exc}")
            return
        self.links_panel.set_links(record.questions)
        self.list_panel.model.upsert(record)
        self.save_state.emit("Saved")

    def _on_note_edited(self, question_id: int, note: str) -> None:
        if self._story_id is None:
            return
        try:
            self.bank.stories.link_question(self._story_id, question_id, note)
        except Exception as exc:
            log.exception("Saving a question note failed")
            self.save_state.emit(f"Not saved: {exc}")
            return
        self.save_state.emit("Saved")
