"""GUI: connects the optional features (checks, rehearsal, dossier) to the main window when they exist."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storybook.gui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class Features:
    """GUI: what the optional features added: hooks the window calls and the names of what is present."""

    present: set[str] = field(default_factory=set)
    tab_refresh: dict[str, Callable[[], None]] = field(default_factory=dict)
    on_settings_changed: list[Callable[[Any], None]] = field(default_factory=list)
    on_close: list[Callable[[], None]] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)


def install_features(win: MainWindow) -> Features:
    features = Features()
    return features
