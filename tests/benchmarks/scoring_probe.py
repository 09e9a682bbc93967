"""Benchmark helper: background scoring and Check all in the real app, with a 1 ms timer watching for stalls.

Run as ``python -m tests.benchmarks.scoring_probe MODE DB`` (the repository root on ``sys.path``); prints one
JSON line. Every stored report is forgotten first, so every story needs checking.

- ``typing``: once the engine is loaded and the background scoring runs, type 2,000 characters into the
  open story's Action editor (one every 10 ms); report the largest gap of the 1 ms timer while typing.
- ``plain``: the same typing in a window without the checks at all (the baseline: what typing costs here).
- ``checkall-current``: the same with every report stored and current (run ``checkall`` first).
- ``checkall``: run Tools → Check all stories; report the time to the summary, the largest gap of the
  1 ms timer meanwhile, and the peak memory afterwards (the app's, plus the checks process's when there is one).

``STORYBOOK_CHECKS=thread`` runs the checks in the app's own thread (as before the checks process);
``process`` (the default, as in the app) runs them in the checks process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

CHARS = 2000
TYPE_EVERY_MS = 10


def run_delay_ms() -> float:
    """How long this thread has waited on the CPU run queue so far (Linux schedstat), in ms; 0 elsewhere."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stat:
            return int(stat.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


class StallWatch:
    """A 1 ms timer on the GUI thread; the largest gap between its ticks is the longest stall.

    On a shared machine part of a gap is the kernel running other processes while the GUI thread was ready
    to run (its run-queue delay). ``max_own_stall_ms`` leaves that part out: what remains is the GUI thread
    working or waiting for something of the app (such as the interpreter lock).
    """

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.own: list[float] = []
        self._last = 0.0
        self._delay = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self.own.clear()
        self._last = time.perf_counter()
        self._delay = run_delay_ms()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._tick()  # the time since the last tick counts too (a blocked loop never ticks)

    def _tick(self) -> None:
        now, delay = time.perf_counter(), run_delay_ms()
        gap = (now - self._last) * 1000
        self.gaps.append(gap)
        self.own.append(max(0.0, gap - (delay - self._delay)))
        self._last, self._delay = now, delay

    def summary(self) -> dict[str, float]:
        return {"max_stall_ms": round(max(self.gaps, default=0.0), 1),
                "stalls_over_50": sum(1 for g in self.gaps if g > 50),
                "max_own_stall_ms": round(max(self.own, default=0.0), 1),
                "own_stalls_over_50": sum(1 for g in self.own if g > 50)}


def _hwm_kb(pid: int | str) -> int:
    """The resident-memory high-water mark of one process in KiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def _children(pid: int) -> list[str]:
    found: list[str] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listed:
                found.extend(listed.read().split())
        except OSError:
            continue
    return found


def peak_memory_mb() -> dict[str, int]:
    """This process's peak resident memory, and that of its live descendants, in MiB."""
    own = _hwm_kb("self")
    pending, children = _children(os.getpid()), 0
    while pending:
        pid = pending.pop()
        children += _hwm_kb(pid)
        pending.extend(_children(int(pid)))
    return {"peak_mb": round((own + children) / 1024), "own_peak_mb": round(own / 1024),
            "children_peak_mb": round(children / 1024)}


def _wait(app: QApplication, until, timeout_s: float = 900) -> None:  # noqa: ANN001
    end = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > end:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def _window(db: Path, features: frozenset[str] | None = None, forget: bool = True):  # noqa: ANN202
    from storybook.bank import StoryBank
    from storybook.gui.context import AppContext
    from storybook.gui.main_window import MainWindow

    bank = StoryBank.open(db)
    if forget and hasattr(bank, "reports"):
        bank.reports.forget()
    ctx = AppContext(bank=bank, ui_settings=QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat),
                     features=features, checks_process=os.environ.get("STORYBOOK_CHECKS", "process") != "thread")
    win = MainWindow(ctx)
    win.resize(1200, 800)
    win.show()
    return win, ctx


def _typing(app: QApplication, win, link) -> dict[str, float]:  # noqa: ANN001
    if link is not None:
        _wait(app, lambda: link._batch is not None and link._batch.running and link._batch.checked > 0)
    win.open_story(win.bank.stories.list()[0].id)
    edit = win.workspace.editor.section_edit("action")
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    before = link._batch.checked if link is not None and link._batch is not None else 0
    watch, typed = StallWatch(), [0]
    text = "I measured every step and wrote down what I found. " * 50

    def type_one() -> None:
        QTest.keyClick(edit, text[typed[0]])
        typed[0] += 1
        if typed[0] >= CHARS:
            typer.stop()

    typer = QTimer()
    typer.setInterval(TYPE_EVERY_MS)
    typer.timeout.connect(type_one)
    watch.start()
    typer.start()
    _wait(app, lambda: typed[0] >= CHARS)
    watch.stop()
    after = link._batch.checked if link is not None and link._batch is not None else 0
    return {**watch.summary(), "typed": typed[0], "scored_while_typing": after - before}


def _check_all(app: QApplication, win, link) -> dict[str, float]:  # noqa: ANN001
    from storybook.gui.checks import CheckAllDialog

    _wait(app, lambda: link.worker.loaded_info() is not None)
    shown: list[int] = []
    CheckAllDialog.show_for = classmethod(
        lambda cls, parent, rows, on_chosen=None: shown.append(len(rows)) or (None, False))
    watch = StallWatch()
    watch.start()
    start = time.perf_counter()
    win.actions["check_all"].trigger()
    _wait(app, lambda: bool(shown))
    seconds = time.perf_counter() - start
    watch.stop()
    return {**watch.summary(), "check_all_s": round(seconds, 2), "stories": shown[0], **peak_memory_mb()}


def _memory(app: QApplication, win, link) -> dict[str, float]:  # noqa: ANN001
    """The engine loaded, the open story checked and the background scoring under way: both peaks."""
    _wait(app, lambda: link.worker.loaded_info() is not None and link.panel.report is not None)
    _wait(app, lambda: link._batch is not None and link._batch.checked >= 20)
    peaks = peak_memory_mb()  # the app and its children: the checks process is the only one
    return {"peak_mb": peaks["peak_mb"], "app_peak_mb": peaks["own_peak_mb"], "checks_peak_mb": peaks["children_peak_mb"],
            "rows": len(win.workspace.list_panel.visible_ids()),
            "spacy_in_app": int("spacy" in sys.modules)}


def main(mode: str, db: Path) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    features = frozenset({"rehearsal", "dossier"}) if mode == "plain" else None
    win, ctx = _window(db, features, forget=mode != "checkall-current")
    link = win.checks
    if mode == "memory":
        result = _memory(app, win, link)
    else:
        result = _check_all(app, win, link) if mode.startswith("checkall") else _typing(app, win, link)
    win.close()
    ctx.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))), flush=True)
