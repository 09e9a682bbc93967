"""The features see the main window only through the ``AppWindow`` Protocol, and the real window satisfies it."""

from __future__ import annotations

import ast
from pathlib import Path

import storybook
from storybook.bank import StoryBank
from storybook.gui.window_api import AppWindow, LiveChecks

PACKAGE = Path(storybook.__file__).resolve().parent
# the start-up and the tools that build a whole window; everything else takes an AppWindow
BUILDS_THE_WINDOW = {"gui/app.py", "gui/screenshots.py", "gui/coverage/coverage_probe.py", "gui/main_window.py"}


def _members(protocol: type) -> set[str]:
    names = set(getattr(protocol, "__annotations__", {}))
    names |= {n for n, v in vars(protocol).items() if not n.startswith("_") and (callable(v) or isinstance(v, property))}
    return names


def test_no_feature_imports_the_main_window() -> None:
    offenders = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if "storybook.gui.main_window" in modules and rel not in BUILDS_THE_WINDOW:
            offenders.append(rel)
    assert offenders == []


def test_the_main_window_has_everything_the_protocol_promises(make_window, sample_bank: StoryBank) -> None:
    window = make_window(sample_bank, frozenset({"analysis", "rehearsal", "dossier", "matching"}))
    members = _members(AppWindow)
    assert {"ctx", "bank", "workspace", "hooks", "statusBar", "when_built"} <= members
    missing = sorted(name for name in members if not hasattr(window, name))
    assert missing == []
    assert window.checks is not None
    assert sorted(n for n in _members(LiveChecks) if not hasattr(window.checks, n)) == []
    window.checks.shutdown()
