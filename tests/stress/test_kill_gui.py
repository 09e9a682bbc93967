"""Stress: the desktop app killed with ``kill -9`` 1.5 s after the last keystroke keeps the typed text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storybook.bank import StoryBank

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
              pytest.mark.timeout(3600)]

TYPIST = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from storybook.bank import StoryBank
    from storybook.gui.context import AppContext
    from storybook.gui.main_window import MainWindow

    db, settings_dir, tag = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    ui = QSettings(settings_dir + "/ui.ini", QSettings.Format.IniFormat)
    window = MainWindow(AppContext(bank=StoryBank.open(db), ui_settings=ui, pool=QThreadPool(),
                                   features=frozenset()))
    window.show()
    window.workspace.new_story()
    editor = window.workspace.editor
    QTest.keyClicks(editor.edit_title, f"Round {tag}")
    QTest.keyClicks(editor.section_edit("action"), f"I typed this in round {tag} and was killed.")
    print("typed", flush=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # idle in the event loop until the parent kills us
        app.processEvents()
        time.sleep(0.01)
""")


def test_gui_killed_after_typing_keeps_the_text(tmp_path: Path, stress_rounds) -> None:
    db = tmp_path / "bank.sqlite"
    with StoryBank.open(db):
        pass
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    rounds = stress_rounds(20)
    failures = lost = unopenable = 0
    for round_no in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", TYPIST, str(db), str(tmp_path), str(round_no)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert child.stdout is not None
            typed = child.stdout.readline().strip() == "typed"
            time.sleep(1.5)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        try:
            with StoryBank.open(db) as bank:
                stories = {s.title: s.action for s in bank.stories.list()}
        except Exception:  # noqa: BLE001 - counted and reported
            unopenable += 1
            failures += 1
            continue
        expected = f"I typed this in round {round_no} and was killed."
        if not typed or stories.get(f"Round {round_no}") != expected:
            lost += 1
            failures += 1
    print(f"\n[stress] GUI killed 1.5 s after typing: rounds={rounds} failures={failures} lost={lost} "
          f"unopenable={unopenable}")
    assert (failures, lost, unopenable) == (0, 0, 0)
