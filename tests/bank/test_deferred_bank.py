"""The start-up bank reads the first screen with sqlite3 and opens the full bank for anything else."""

from __future__ import annotations

import json
import subprocess
import sys

from storybook.bank import StoryBank
from storybook.bank.deferred import DeferredBank
from storybook.bank.reader import BankReader


def _deferred(bank: StoryBank) -> DeferredBank:
    path = bank.path
    bank.close()
    reader = BankReader.open(path)
    assert reader is not None
    return DeferredBank(reader)


def test_first_screen_reads_match_the_full_bank_without_opening_it(sample_bank: StoryBank) -> None:
    first = sample_bank.stories.list()[0]
    sample_bank.settings.update(pace_wpm=140)
    expected = (sample_bank.stories.summaries(), sample_bank.stories.get(first.id),
                sample_bank.questions.competency_names(), sample_bank.stories.all_tags(),
                sample_bank.settings.get(), sample_bank.stories.search_texts())
    hits = sample_bank.stories.search("customer")
    assert len(hits) > 1
    with _deferred(sample_bank) as bank:
        got = (bank.stories.summaries(), bank.stories.get(first.id), bank.questions.competency_names(),
               bank.stories.all_tags(), bank.settings.get(), bank.stories.search_texts())
        assert got == expected
        assert bank.effective_settings()[0].pace_wpm == 140
        assert bank.stories.count() == len(expected[0])
        assert bank.stories.search("customer") == hits
        assert bank.stories.search_ids("custom") == {h.story_id for h in hits}
        assert not bank.is_open


def test_a_write_opens_the_full_bank_and_later_reads_see_it(sample_bank: StoryBank) -> None:
    story_id = sample_bank.stories.list()[0].id
    with _deferred(sample_bank) as bank:
        bank.stories.update(story_id, title="Renamed after start-up")
        assert bank.is_open
        assert bank.stories.get(story_id).title == "Renamed after start-up"
        assert bank.stories.summaries()[0].title == "Renamed after start-up"
        assert bank.rehearsals is not None  # any other use case comes from the full bank


def test_the_window_shows_before_sqlalchemy_is_imported(sample_bank: StoryBank) -> None:
    path = sample_bank.path
    sample_bank.close()
    code = f"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from storybook.gui.app import build_context, finish_opening, make_application
from storybook.gui.main_window import MainWindow
app = make_application()
ctx = build_context({str(path)!r}, backup=False, deferred=True)
window = MainWindow(ctx)
seen = {{}}
class AtPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "rows" not in seen:
            seen["rows"] = window.workspace.list_panel.model.rowCount()
            seen["sqlalchemy_at_paint"] = "sqlalchemy" in sys.modules
        return False
def after():
    finish_opening(window, ctx)
    seen["open_after"] = ctx.bank.is_open
    app.quit()
probe = AtPaint()
window.installEventFilter(probe)
window.after_first_paint(after)
window.show()
QTimer.singleShot(20000, app.quit)
app.exec()
ctx.stop_workers()
ctx.close()
print(json.dumps(seen))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"rows": 13, "sqlalchemy_at_paint": False, "open_after": True}
