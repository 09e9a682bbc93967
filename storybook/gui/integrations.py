"""GUI: optional features (checks, rehearsal, dossier) imported lazily; a missing one hides its menu entries."""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

log = logging.getLogger(__name__)


def optional_module(name: str) -> ModuleType | None:
    """Import ``name`` or return None (logged) when the feature is not there or fails to import."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        log.info("Optional feature %s is not available: %s", name, exc)
    except Exception:  # a broken optional feature must not stop the editor from opening
        log.exception("Optional feature %s failed to import", name)
    return None


def analysis_gui() -> ModuleType | None:
    return optional_module("storybook.gui.checks")


def rehearsal_gui() -> ModuleType | None:
    return optional_module("storybook.gui.rehearsal")


def dossier_gui() -> ModuleType | None:
    return optional_module("storybook.gui.targets")
