"""GUI: start from a question: "Write a story for this question", the prompts beside the editor, the short draft.

"Write a story for this question" is offered by the question bank, the question drill and the coverage gaps;
it creates a draft linked to the question with its competencies ticked (one bank call), opens it on the Stories
tab and puts the cursor in the title. The question's key points then show as prompts beside the editor.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from storybook.bank import ChangeSet, NotFoundError
from storybook.gui.hooks import make_action
from storybook.gui.stories.question_prompts import QuestionPromptsPanel
from storybook.gui.stories.short_draft import ShortDraftControls
from storybook.model.values import QuestionRecord

if TYPE_CHECKING:
    from storybook.gui.context import AppContext
    from storybook.gui.window_api import AppWindow

log = logging.getLogger(__name__)


class StartFromQuestion(QObject):
    """GUI: creates stories from questions and keeps the open story's question prompts up to date."""

    def __init__(self, win: AppWindow, ctx: AppContext) -> None:
        super().__init__(win)
        self.win = win
        self.bank = ctx.bank
        self.workspace = win.workspace
        self.prompts = QuestionPromptsPanel()
        self.workspace.side_splitter.insertWidget(0, self.prompts)
        self.workspace.side_splitter.setCollapsible(0, False)
        self.short_draft = ShortDraftControls(self.workspace, ctx)
        # the question bank is read from the full bank: after the first paint, as the matching does
        self.workspace.story_loaded.connect(lambda record: win.after_first_paint(lambda: self._on_story_loaded(record)))
        win.bank_changes.changed.connect(self._on_bank_changes)
        if win.matching is not None:
            win.matching.matched.connect(lambda match: self.prompts.set_coverage(match.coverage))

    # ---- writing a story for a question ---------------------------------------------------------
    def write_story_for(self, question_id: int) -> int | None:
        """Create a draft linked to ``question_id`` (competencies ticked), open it, focus its title."""
        workspace = self.workspace
        if not workspace.flush():
            return None
        try:
            record = self.bank.stories.create_for_question(question_id)
        except NotFoundError as exc:
            workspace.message.emit(str(exc))
            return None
        self.win.show_tab("stories")
        workspace.list_panel.clear_filters()
        workspace.reload(select_id=record.id)
        workspace.open_story(record.id)
        self.win.raise_()
        self.win.activateWindow()
        workspace.editor.edit_title.setFocus(Qt.FocusReason.OtherFocusReason)
        workspace.message.emit("New story for this question: give it a title. Its key points are on the right "
                               "as prompts.")
        return record.id

    def write_story_for_competency(self, key: str) -> int | None:
        """A coverage gap for a competency: start from its question that no story answers yet (else its first)."""
        questions = self.bank.questions.list(competency=key)
        if not questions:
            self.workspace.message.emit("There is no question for this competency to start from.")
            return None
        question = next((q for q in questions if not q.story_ids), questions[0])
        return self.write_story_for(question.id)

    # ---- the prompts --------------------------------------------------------------------------
    def _on_story_loaded(self, record: Any) -> None:
        if record is not None and record.id != self.workspace.current_story_id:
            return  # another story was opened before this deferred read ran
        self.prompts.coverage = {}
        self.refresh_prompts([q.question_id for q in record.questions] if record is not None else [])

    def refresh_prompts(self, question_ids: list[int] | None = None) -> None:
        """Show the prompts of the open story's linked questions (read from the bank unless given)."""
        ids = question_ids
        if ids is None:
            story_id = self.workspace.current_story_id
            try:
                ids = [q.question_id for q in self.bank.stories.get(story_id).questions] if story_id else []
            except NotFoundError:  # purged meanwhile: nothing to prompt
                ids = []
        wanted = set(ids)
        linked: list[QuestionRecord] = []
        if wanted:
            by_id = {q.id: q for q in self.bank.questions.list(include_hidden=True) if q.id in wanted}
            linked = [by_id[i] for i in ids if i in by_id]
        self.prompts.set_questions(linked)

    def _on_bank_changes(self, change: ChangeSet) -> None:
        story_id = self.workspace.current_story_id
        if story_id is not None and change.questions:
            self.refresh_prompts()

    # ---- entry points in other screens ----------------------------------------------------------
    def connect_question_bank(self, view: Any) -> None:
        view.write_story.connect(self.write_story_for)

    def connect_grid(self, grid: Any) -> None:
        grid.write_story.connect(self.write_story_for)
        grid.write_story_for_competency.connect(self.write_story_for_competency)

    def connect_drill(self, drill: Any) -> None:
        drill.write_story_requested.connect(self.write_story_for)


def install(win: AppWindow, ctx: AppContext) -> StartFromQuestion:
    """Add the start-from-question entry points, the prompts panel and Story → Draft a short version."""
    feature = StartFromQuestion(win, ctx)
    win.when_built("questions", feature.connect_question_bank)
    win.when_built("grid", feature.connect_grid)
    win.actions["draft_short"] = make_action(win, "Draft a &short version", feature.short_draft.draft_now,
                                             tip="Draft a ~60-second version from this story's own sentences")
    win.menu_story.addAction(win.actions["draft_short"])
    win.hooks.screenshots["start-from-question.png"] = lambda: _screenshot_prompts(feature)
    win.hooks.screenshots["short-version-draft.png"] = lambda: _screenshot_draft(feature)
    return feature


DEMO_ACTION = "I wrote a one-page plan with three milestones for the rewrite."


def _settle(feature: StartFromQuestion) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        feature.workspace.ctx.pool.waitForDone(20_000)
        QApplication.processEvents()


def _screenshot_prompts(feature: StartFromQuestion) -> Any:
    """The window with a story just started from a question: its key points as prompts beside the editor."""
    questions = [q for q in feature.bank.questions.list() if len(q.key_points) >= 3]
    if not questions or feature.write_story_for(questions[0].id) is None:
        return feature.win
    editor = feature.workspace.editor
    editor.edit_title.setText("Leading the warehouse app rewrite")
    editor.sections["action"].edit.setPlainText(DEMO_ACTION)
    feature.workspace.flush()
    if feature.win.matching is not None:
        feature.win.matching.request_current()
    _settle(feature)
    return feature.win


def _screenshot_draft(feature: StartFromQuestion) -> Any:
    """A sample story's short-version field right after drafting, with the draft banner over it."""
    story = next((s for s in feature.bank.stories.list() if s.result and s.action), None)
    if story is None:
        return None
    feature.bank.stories.update(story.id, short_version="")  # the screenshots run on a throwaway bank
    feature.win.open_story(story.id)
    feature.workspace.reload_current(story.id)
    feature.short_draft.draft_now()
    _settle(feature)
    editor = feature.workspace.editor
    editor.scroll.ensureWidgetVisible(editor.short_version, 0, 40)
    return feature.win
