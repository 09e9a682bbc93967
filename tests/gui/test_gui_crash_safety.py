"""A crash loses at most the last second of typing: the app process is killed with SIGKILL mid-session."""

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

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from storybook.bank import StoryBank
    from storybook.gui.context import AppContext
    from storybook.gui.main_window import MainWindow

    db, settings_dir = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    ui = QSettings(settings_dir + "/ui.ini", QSettings.Format.IniFormat)
    bank = StoryBank.open(db)
    window = MainWindow(AppContext(bank=bank, ui_settings=ui, pool=QThreadPool(), features=frozenset()))
    window.show()
    window.workspace.new_story()
    editor = window.workspace.editor
    QTest.keyClicks(editor.edit_title, "Killed mid-session")
    QTest.keyClicks(editor.section_edit("action"), "I rewrote the importer and kept typing.")
    print("typed", flush=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # idle in the event loop until the parent kills us
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_text_typed_a_second_before_a_kill_survives(tmp_path: Path) -> None:
    db = tmp_path / "bank.sqlite"
    with StoryBank.open(db):
        pass
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(tmp_path)], env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
        time.sleep(2.0)  # the autosave promise is "about a second after the last keystroke"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    with StoryBank.open(db) as bank:
        stories = {s.title: s for s in bank.stories.list()}
    assert "Killed mid-session" in stories
    assert stories["Killed mid-session"].action == "I rewrote the importer and kept typing."
