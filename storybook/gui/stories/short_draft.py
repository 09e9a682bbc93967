"""GUI: "Draft a short version": a first ~60-second version from the story's own sentences, marked as a draft.

The draft is built from what the editor shows (unsaved typing included) on the app's pool, with the language
engine when it is already loaded. It goes into the short-version field as one undo step and only when that
field is empty or still holds an untouched earlier draft; otherwise the user is told and nothing changes. The
bank remembers the draft's digest, so the banner over the field shows while the draft is untouched.
"""

from __future__ import annotations

import itertools
import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPushButton

from storybook.gui.dialogs.confirm import MessageDialog
from storybook.gui.workers import run_in_pool
from storybook.model.measures import format_seconds

if TYPE_CHECKING:
    from storybook.gui.context import AppContext
    from storybook.gui.stories.story_workspace import StoryWorkspace

log = logging.getLogger(__name__)
BANNER_TEXT = "Drafted from your story — edit it to make it yours."
BANNER_STYLE = "QLabel { background: #fff4c2; color: #1a1a1a; border: 1px solid #e0c860; border-radius: 4px; }"


class ShortDraftControls(QObject):
    """GUI: the Draft button and banner on the short-version field, and the drafting itself."""

    def __init__(self, workspace: StoryWorkspace, ctx: AppContext) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.ctx = ctx
        self.bank = ctx.bank
        self._ids = itertools.count(1)
        self._latest = 0
        self._digest = ""  # the last draft put into the open story's short version
        self.busy = False  # a draft is being built
        field = workspace.editor.short_version
        self.btn_draft = QPushButton("Draft from story")
        self.btn_draft.setToolTip("Draft a ~60-second version from this story's own sentences "
                                  "(it never replaces a short version you wrote)")
        self.btn_draft.setAccessibleName("Draft a short version")
        self.btn_draft.clicked.connect(self.draft_now)
        field.add_header_widget(self.btn_draft)
        self.lbl_banner = QLabel(BANNER_TEXT)
        self.lbl_banner.setObjectName("shortDraftBanner")
        self.lbl_banner.setWordWrap(True)
        self.lbl_banner.setContentsMargins(6, 3, 6, 3)
        self.lbl_banner.setStyleSheet(BANNER_STYLE)
        self.lbl_banner.setVisible(False)
        field.insert_above_editor(self.lbl_banner)
        field.text_changed.connect(self._update_banner)
        # the digest is read from the full bank: after the first paint (the start-up reads with sqlite3 alone)
        workspace.story_loaded.connect(lambda record: workspace.defer(lambda: self._on_story_loaded(record)))

    # ---- the open story -----------------------------------------------------------------
    def _on_story_loaded(self, record: Any) -> None:
        if record is not None and record.id != self.workspace.current_story_id:
            return  # another story was opened before this deferred read ran
        self._digest = self.bank.short_drafts.last_digest(record.id) if record is not None else ""
        self._update_banner()

    def _update_banner(self) -> None:
        text = self.workspace.editor.short_version.text()
        self.lbl_banner.setVisible(bool(self._digest) and bool(text.strip()) and _short().draft_digest(text) == self._digest)

    def is_draft_marked(self) -> bool:
        return not self.lbl_banner.isHidden()

    # ---- drafting -----------------------------------------------------------------------
    def draft_now(self) -> None:
        """Story → Draft a short version: draft in the background, then put it in the field if allowed."""
        story_id = self.workspace.current_story_id
        if story_id is None:
            self.workspace.message.emit("Open a story to draft its short version.")
            return
        settings, _source = self.bank.effective_settings()
        story = SimpleNamespace(**self.workspace.editor.values())
        engines = getattr(self.ctx, "engines", None)
        engine = engines.peek() if engines is not None else None
        request_id = self._latest = next(self._ids)
        self.busy = True
        self.workspace.message.emit("Drafting a short version…")
        run_in_pool(self.ctx.pool, _short().draft_short_version, story, settings.pace_wpm, settings.short_seconds, engine,
                    on_done=lambda _w, draft: self._on_drafted(request_id, story_id, draft),
                    on_failed=lambda _w, message: self._on_failed(request_id, message), owner=self.btn_draft)

    def _on_failed(self, request_id: int, message: str) -> None:
        if request_id == self._latest:
            self.busy = False
            log.warning("Drafting the short version failed: %s", message)
            self.workspace.message.emit(f"Could not draft a short version: {message}")

    def _on_drafted(self, request_id: int, story_id: int, draft: object) -> None:
        if request_id != self._latest:
            return  # a newer request is on its way
        self.busy = False
        if story_id != self.workspace.current_story_id:
            return  # the user opened another story meanwhile
        if not isinstance(draft, _short().ShortDraft):
            return
        if draft.empty:
            MessageDialog.show(self.workspace, "Nothing to draft from", draft.problem, error=False)
            return
        current = self.workspace.editor.short_version.text()
        if not self.bank.short_drafts.may_replace(story_id, current, draft):
            from storybook.bank.short_drafts import EDITED_MESSAGE

            MessageDialog.show(self.workspace, "Short version kept", EDITED_MESSAGE, error=False)
            self.workspace.message.emit("Your short version was kept; no draft was put in.")
            return
        try:
            self.bank.short_drafts.remember(story_id, draft.text)
        except Exception as exc:  # a read-only or full disk: leave the field as it is and say why
            log.exception("Could not record the short-version draft")
            self.workspace.message.emit(f"The draft was not put in: {exc}")
            return
        self._digest = draft.digest
        self._replace_text(draft.text)
        self.workspace.message.emit(f"Drafted a short version: {draft.words} words, about "
                                    f"{format_seconds(draft.seconds)} spoken. Edit it to make it yours.")

    def _replace_text(self, text: str) -> None:
        """Replace the field's text as one undo step (Ctrl+Z in the field puts the old text back)."""
        edit = self.workspace.editor.short_version.edit
        cursor = QTextCursor(edit.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.moveCursor(QTextCursor.MoveOperation.Start)
        edit.ensureCursorVisible()


def _short() -> Any:
    """The drafting module, imported on first use (its metrics patterns cost start-up time)."""
    from storybook.analysis import short_version

    return short_version
