"""Architecture: the import rules of ARCHITECTURE.md, checked on the source.

- everything outside storybook/gui imports without loading Qt;
- analysis, rehearsal and export never import the store or the bank;
- only bank/ and store/ import ``storybook.store`` (the GUI and the CLI go through the bank);
- no module imports another module's private name (``_name``);
- no import cycles between our modules, counting every import (also those under TYPE_CHECKING or inside
  a function: a cycle hidden that way is still a cycle for a reader).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import storybook

PACKAGE = Path(storybook.__file__).resolve().parent
# Backups and restore still come from the store in the GUI; the safety-store work moves them behind
# storybook/bank/backups.py. Remove these entries when that lands (the test then holds without them).
STORE_IMPORT_ALLOWED: set[tuple[str, str]] = set()
# Type-only imports of MainWindow by the feature wiring: the GUI-by-feature step (issue 11, phase 2) types
# ``install(window, ctx)`` against a protocol; then these go too.
CYCLE_EDGES_ALLOWED = {
    ("storybook.gui.stories.spelling_link", "storybook.gui.main_window"),
    ("storybook.gui.menus", "storybook.gui.main_window"),
    ("storybook.gui.rehearsal.install", "storybook.gui.main_window"),
    ("storybook.gui.targets.install", "storybook.gui.main_window"),
    ("storybook.gui.checks.link", "storybook.gui.main_window"),
    ("storybook.gui.desktop_link", "storybook.gui.main_window"),
    ("storybook.gui.external_changes", "storybook.gui.main_window"),
    ("storybook.gui.dialogs.restore_backup", "storybook.gui.main_window"),
    ("storybook.gui.stories.matching_link", "storybook.gui.main_window"),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent)
    return ".".join(rel.with_suffix("").parts).removesuffix(".__init__")


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


MODULES = _modules()


def _imports(name: str) -> Iterator[tuple[str, str | None]]:
    """(module, imported name or None) for every ``storybook`` import anywhere in the module."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("storybook"):
                    yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            if module.startswith("storybook"):
                for alias in node.names:
                    yield module, alias.name


def _edges(name: str) -> set[str]:
    out = set()
    for module, imported in _imports(name):
        target = f"{module}.{imported}" if imported and f"{module}.{imported}" in MODULES else module
        if target in MODULES and target != name:
            out.add(target)
    return out


def _non_gui_modules() -> list[str]:
    return [n for n, p in MODULES.items() if "gui" not in p.relative_to(PACKAGE).parts[:1]
            and p.name != "__main__.py"]


def test_core_modules_do_not_load_pyside6() -> None:
    modules = _non_gui_modules()
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_analysis_rehearsal_export_never_import_store() -> None:
    for package in ("analysis", "rehearsal", "export"):
        for path in (PACKAGE / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "storybook.store" not in text, f"{path} imports the store"
            assert "storybook.bank" not in text, f"{path} imports the bank"


def test_only_the_bank_imports_the_store() -> None:
    offenders = []
    for name in MODULES:
        if name.startswith(("storybook.store", "storybook.bank")):
            continue
        for module, _imported in _imports(name):
            if module.startswith("storybook.store") and (name, module) not in STORE_IMPORT_ALLOWED:
                offenders.append(f"{name} imports {module}")
    assert offenders == []


def test_no_private_name_is_imported_across_modules() -> None:
    offenders = [f"{name} imports {module}.{imported}" for name in MODULES for module, imported in _imports(name)
                 if imported and imported.startswith("_") and not imported.startswith("__")]
    assert offenders == []


def _find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path (first node repeated at the end), or [] when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_there_are_no_import_cycles() -> None:
    graph = {name: {t for t in _edges(name) if (name, t) not in CYCLE_EDGES_ALLOWED} for name in MODULES}
    assert sum(len(v) for v in graph.values()) > 100  # the graph really was read
    assert _find_cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_gui_and_cli_reach_transfer_and_errors_through_the_bank() -> None:
    for name in MODULES:
        if name.startswith(("storybook.gui", "storybook.cli")):
            for module, imported in _imports(name):
                assert not (module == "storybook.bank.transfer" and imported == "TransferService"), name
