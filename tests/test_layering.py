"""Architecture: everything outside storybook/gui imports without loading Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import storybook

PACKAGE = Path(storybook.__file__).resolve().parent


def _non_gui_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent)
        if rel.parts[1] == "gui" or "migrations" in rel.parts or path.name == "__main__.py":
            continue
        names.append(".".join(rel.with_suffix("").parts).removesuffix(".__init__"))
    return names


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
