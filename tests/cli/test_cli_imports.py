"""Commands import only what they use: --help and argument parsing stay free of spaCy, SQLAlchemy and friends."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "sqlalchemy", "sqlmodel", "alembic", "numpy", "docx", "PySide6")

PROBE = """
import contextlib, io, json, sys
from storybook.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main({argv!r})
    except SystemExit:
        pass
print(json.dumps({{"loaded": [m for m in {heavy!r} if m in sys.modules], "help": out.getvalue()}}))
"""


def _loaded_after(argv: list[str]) -> dict:
    code = PROBE.format(argv=argv, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--help"], ["stories", "--help"], ["dossier", "--help"], ["audio-stats", "--help"]])
def test_help_imports_no_heavy_library(argv: list[str]) -> None:
    result = _loaded_after(argv)
    assert "usage: storybook" in result["help"]
    assert result["loaded"] == []


def test_top_level_help_still_lists_every_command_group() -> None:
    text = _loaded_after(["--help"])["help"]
    for command in ("stories", "check", "rehearsals", "dossier"):
        assert command in text
