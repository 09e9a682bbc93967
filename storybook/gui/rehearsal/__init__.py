"""GUI: timed rehearsal windows. The main window opens them through these three functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from storybook.bank import StoryBank


def _as_window(widget: QWidget, title: str, size: tuple[int, int]) -> QWidget:
    widget.setWindowFlag(Qt.WindowType.Window, True)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    widget.setWindowTitle(title)
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:  # on a small or scaled screen the window must still fit, title bar included
        room = screen.availableGeometry()
        size = (min(size[0], int(room.width() * 0.95)), min(size[1], int(room.height() * 0.9)))
    widget.resize(*size)
    widget.show()
    widget.raise_()
    widget.activateWindow()
    widget.setFocus()
    return widget


def open_rehearsal_window(parent: QWidget | None, bank: StoryBank, story_id: int | None = None,
                          question_id: int | None = None, *, pool: QThreadPool, **kwargs: Any) -> QWidget:
    """A rehearsal of ``story_id`` (or a picked story), answering ``question_id`` when given. Space starts.

    ``pool`` is the app context's pool: the windows opened from this one run on it too.
    """
    from .view import RehearsalView

    engines = kwargs.pop("engines", None)  # the app's EngineCache, handed on to the history window
    view = RehearsalView(bank, story_id, question_id, parent=parent, pool=pool, **kwargs)
    view.history_requested.connect(lambda sid: open_history_window(view, bank, sid, engines=engines, pool=pool))
    return _as_window(view, "Rehearsal", (900, 700))


def open_history_window(parent: QWidget | None, bank: StoryBank, story_id: int | None = None, *,
                        pool: QThreadPool, **kwargs: Any) -> QWidget:
    """Runs of a story (table, chart, playback) and the practise-next list."""
    from .history import HistoryWindow

    window = HistoryWindow(bank, story_id, parent=parent, pool=pool, **kwargs)
    window.rehearse_requested.connect(
        lambda sid: open_rehearsal_window(window, bank, sid, engines=kwargs.get("engines"), pool=pool))
    return _as_window(window, "Rehearsal history", (1000, 720))


def open_drill(parent: QWidget | None, bank: StoryBank, *, pool: QThreadPool, **kwargs: Any) -> QWidget:
    """A random question, a story to answer it with, and a timed answer."""
    from .drill import DrillWindow

    return _as_window(DrillWindow(bank, parent=parent, pool=pool, **kwargs), "Question drill", (900, 720))


__all__ = ["open_drill", "open_history_window", "open_rehearsal_window"]
