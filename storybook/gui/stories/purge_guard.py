"""GUI: before a story is deleted for good, stop any take of it still being recorded (and say so)."""

from __future__ import annotations

import logging
from collections.abc import Collection

from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
STOPPED_NOTE = "Recording stopped: this story is being deleted for good."


def stop_recordings(story_ids: Collection[int]) -> int:
    """Stop the recording in every open rehearsal of these stories; return how many were stopped."""
    from storybook.gui.rehearsal.view import RehearsalView

    stopped = 0
    for widget in QApplication.allWidgets():
        if isinstance(widget, RehearsalView) and widget.recording_story_id() in story_ids:
            stopped += widget.stop_recording(STOPPED_NOTE)
    if stopped:
        log.info("Stopped %d recording(s) of stories being purged", stopped)
    return stopped


def stopped_message(stopped: int) -> str:
    if not stopped:
        return ""
    return "The take being recorded was stopped first. " if stopped == 1 else \
        f"The {stopped} takes being recorded were stopped first. "
